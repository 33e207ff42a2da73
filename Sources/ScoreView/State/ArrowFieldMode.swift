// Which vector field the arrows show and how they are coloured.

/// The arrows' source and colouring.
public enum ArrowFieldMode: Sendable, Hashable, CaseIterable {
  /// The learned score s_θ(x, σ), coloured by its length on the `arrowMagnitude` gradient.
  case learned
  /// The exact KDE score ∇log p_h(x), coloured like `learned`.
  case kde
  /// The learned score's direction, coloured by the per-arrow error ‖s_θ − ∇log p_h‖ on the
  /// upper half of the `error` gradient (neutral for no error, the positive end for the most).
  case error
}
