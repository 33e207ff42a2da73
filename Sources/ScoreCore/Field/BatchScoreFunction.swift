// The one interface through which samplers and metrics ask for a score field.

/// Something that gives a score s(x, σ) ≈ ∇ₓ log p_σ(x) for a batch of 2-D points.
///
/// Points and scores are interleaved `Float`s: x₀, y₀, x₁, y₁, … in the coordinates the
/// function was built for (standardised coordinates for a trained network). Conforming types
/// keep their own scratch memory, so evaluation is `mutating` and allocates nothing once warm.
public protocol BatchScoreFunction {
  /// Writes s(xᵢ, σ) for `count` points at `points` into `scores` (both 2·count floats).
  mutating func evaluateScores(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
    into scores: UnsafeMutablePointer<Float>)
}
