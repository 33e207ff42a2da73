// A score field that also gives its divergence, which the likelihood by the ODE integrates.

/// A `BatchScoreFunction` that also gives the divergence ∇ₓ·s(x, σ) = tr ∇ₓs(x, σ), exactly
/// (in 2-D two directional derivatives give the trace; no stochastic estimator).
///
/// The divergence is the rate at which the probability-flow ODE compresses volume, so
/// `ODELikelihood` integrates it to turn a density at σ_max into one at σ_min (MATH.md §6).
public protocol BatchScoreDivergenceFunction: BatchScoreFunction {
  /// Writes s(xᵢ, σ) into `scores` (2·count floats, interleaved) and tr ∇ₓs(xᵢ, σ) into
  /// `divergences` (count floats) for `count` interleaved points at `points`.
  mutating func evaluateScoresAndDivergence(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
    scores: UnsafeMutablePointer<Float>, divergences: UnsafeMutablePointer<Float>)
}
