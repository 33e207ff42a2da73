// A named set of 2-D points: what every view, trainer and metric in scoreviz starts from.

/// A named set of points in R².
///
/// The name is what the status bar shows: a built-in set's raw value (`moons`) or the file
/// name a set was read from.
public struct Dataset: Sendable, Equatable {
  /// The set's display name.
  public var name: String
  /// The points x₁ … x_N in data units.
  public var points: [SIMD2<Double>]

  /// Creates a data set from its name and points.
  public init(name: String, points: [SIMD2<Double>]) {
    self.name = name
    self.points = points
  }
}
