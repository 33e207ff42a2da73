// Density, log-density and score of a KDE at one place, computed together.

/// p_h(x), log p_h(x) and ∇log p_h(x) at one query point (MATH.md §3).
///
/// `logDensity` stays finite far from the data, where `density` underflows to 0.
public struct KDEEvaluation: Sendable, Equatable {
  /// p_h(x), in inverse squared data units; 0 where it underflows.
  public var density: Double
  /// log p_h(x); finite wherever the query point is finite.
  public var logDensity: Double
  /// ∇ₓ log p_h(x), in inverse data units.
  public var score: SIMD2<Double>

  /// Creates an evaluation from its three parts.
  public init(density: Double, logDensity: Double, score: SIMD2<Double>) {
    self.density = density
    self.logDensity = logDensity
    self.score = score
  }
}
