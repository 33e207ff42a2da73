// Which density the heat map shows: the KDE, a histogram, the model's ODE density, or none.

/// The heat map's source.
public enum DensityMode: Sendable, Hashable, CaseIterable {
  /// The state's `DensityGrid` (the Gaussian-KDE density computed elsewhere).
  case kde
  /// A 2-D histogram of the state's data points, binned by the view into the heat map's
  /// half-block pixels; the density grid is ignored.
  case histogram
  /// The learned model's density, from the probability-flow ODE's change of variables
  /// (MATH.md §6,
  /// "Likelihood by the ODE"): the state's `likelihood` grid, in density units like the KDE's. Until
  /// that grid is computed no heat map is drawn and the legend says "computing…".
  case likelihood
  /// No heat map.
  case off
}
