// Which density the heat map shows: the Gaussian KDE, a histogram of the points, or none.

/// The heat map's source.
public enum DensityMode: Sendable, Hashable, CaseIterable {
  /// The state's `DensityGrid` (the Gaussian-KDE density computed elsewhere).
  case kde
  /// A 2-D histogram of the state's data points, binned by the view into the heat map's
  /// half-block pixels; the density grid is ignored.
  case histogram
  /// No heat map.
  case off
}
