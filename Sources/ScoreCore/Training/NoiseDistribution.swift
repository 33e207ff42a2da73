// How the trainer draws each point's noise level: a rung of the ladder, or any σ between its ends.

/// The distribution of the noise level σ drawn for each training point (MATH.md §4 and §6).
///
/// | case | σ of each point |
/// | --- | --- |
/// | `ladder` | one of the ladder's L levels, each with probability 1/L (MATH.md §4) |
/// | `continuous` | log σ ~ U[log σ_min, log σ_max], σ_min and σ_max the ladder's ends (§6) |
///
/// The loss is the same either way (½‖σ·s_θ(x̃, σ) + z‖² for `ncsn`; see `Objective`), and so
/// is the network's input (x̃, log σ); only where σ comes from differs. With `continuous` the
/// network learns every σ in the range rather than L of them, which is what the samplers of
/// §6 that step through arbitrary σ need. The `dsm` objective trains one fixed level by
/// definition, so it has no distribution to draw from: `supports(_:)` is false for that pair.
public enum NoiseDistribution: String, CaseIterable, Sendable {
  /// A level of the ladder, uniformly.
  case ladder
  /// log σ uniformly between the logs of the ladder's ends.
  case continuous

  /// Whether `objective` draws its noise levels from this distribution: every objective does
  /// with `ladder`; with `continuous` all but `dsm`, which trains one fixed level.
  public func supports(_ objective: Objective) -> Bool {
    self == .ladder || objective != .dsm
  }

  /// The ladder a command uses when none is given: `NoiseLadder.standard` (1.0:0.01:10) for
  /// `ladder`, `NoiseLadder.continuousStandard` (5.0:0.01:10) for `continuous`.
  public var defaultLadder: NoiseLadder {
    switch self {
    case .ladder: .standard
    case .continuous: .continuousStandard
    }
  }
}
