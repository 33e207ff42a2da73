// The exact KDE score and density at h = σ at probe points: what a learned field is checked against.

/// The field a score network should have learned at noise level σ, at probe points.
///
/// The data convolved with N(0, σ²I) is the Gaussian KDE with h = σ (MATH.md §3), so at
/// each probe zᵢ the reference is its score ∇log p_σ(zᵢ), and p_σ(zᵢ) weighs the error there
/// (`FieldError(learned:truth:)`). Points, probes and scores are in the network's
/// standardised units. O(n) per probe: the exact log-sum-exp sums of
/// `GaussianKDE.evaluate(at:)`, so on large data it belongs off the drawing thread.
public struct KDEScoreTruth: Sendable {
  /// σ, the KDE's bandwidth.
  public let noiseLevel: Float
  /// ∇log p_σ at each probe.
  public let scores: [SIMD2<Double>]
  /// p_σ at each probe.
  public let densities: [Double]

  /// The KDE of `points` at h = `noiseLevel`, evaluated at `probes`; empty when there are no
  /// probes or no points.
  ///
  /// - Precondition: `noiseLevel` is positive and finite when there are points and probes.
  public init(points: [SIMD2<Double>], noiseLevel: Float, probes: [SIMD2<Double>]) {
    self.noiseLevel = noiseLevel
    guard !points.isEmpty, !probes.isEmpty else {
      scores = []
      densities = []
      return
    }
    let evaluations = GaussianKDE(points: points, bandwidth: Double(noiseLevel)).evaluate(at: probes)
    scores = evaluations.map(\.score)
    densities = evaluations.map(\.density)
  }
}
