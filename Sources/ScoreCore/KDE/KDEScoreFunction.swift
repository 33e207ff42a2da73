// The exact KDE score as a batch score field, the ground truth for a learned field.

/// The exact score ∇log p_h of a Gaussian KDE for batches of `Float` points.
///
/// The bandwidth is either fixed or the `noiseLevel` of each call (h = σ): the data convolved
/// with N(0, σ²I) is the KDE with h = σ, so at noise level σ this is exactly the field that
/// denoising score matching aims at (MATH.md §3). Points are converted to Double and the
/// sums run in Double (log-sum-exp, finite everywhere); each score is rounded to Float once.
/// The divergence is the closed form tr ∇ₓs = (Σwᵢ‖xᵢ − m‖² − 2h²)/h⁴, m = Σwᵢxᵢ, with the
/// softmax weights wᵢ of MATH.md §3 (∇ₓs = (Cov_w − h²I)/h⁴).
/// Allocates nothing per call.
public struct KDEScoreFunction: BatchScoreDivergenceFunction, Sendable {
  /// Where the bandwidth of each evaluation comes from.
  public enum Bandwidth: Sendable, Equatable {
    /// h is this positive value whatever the noise level.
    case fixed(Double)
    /// h is the `noiseLevel` passed to each call.
    case noiseLevel
  }

  /// Where the bandwidth comes from.
  public let bandwidthSource: Bandwidth
  /// The points with their coordinates stored for vector loads; its own bandwidth is the fixed
  /// one, or unused when the bandwidth is the noise level.
  private let kde: GaussianKDE

  /// The data points xᵢ.
  public var points: [SIMD2<Double>] { kde.points }

  /// The score of the KDE of `points` with the bandwidth from `bandwidthSource`.
  ///
  /// Traps if `points` is empty or a fixed bandwidth is not positive and finite.
  public init(points: [SIMD2<Double>], bandwidth bandwidthSource: Bandwidth) {
    let storedBandwidth: Double
    switch bandwidthSource {
    case .fixed(let h): storedBandwidth = h
    case .noiseLevel: storedBandwidth = 1
    }
    kde = GaussianKDE(points: points, bandwidth: storedBandwidth)
    self.bandwidthSource = bandwidthSource
  }

  /// The score of `kde`, at its own bandwidth.
  public init(kde: GaussianKDE) {
    self.kde = kde
    bandwidthSource = .fixed(kde.bandwidth)
  }

  /// Writes ∇log p_h(xᵢ) for `count` interleaved points into `scores`.
  ///
  /// h is the fixed bandwidth, or `noiseLevel` (which must then be positive).
  public mutating func evaluateScores(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
    into scores: UnsafeMutablePointer<Float>
  ) {
    evaluate(at: points, count: count, noiseLevel: noiseLevel, scores: scores, divergences: nil)
  }

  /// Writes ∇log p_h(xᵢ) into `scores` and tr ∇ₓ∇log p_h(xᵢ) into `divergences`.
  ///
  /// h is the fixed bandwidth, or `noiseLevel` (which must then be positive).
  public mutating func evaluateScoresAndDivergence(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
    scores: UnsafeMutablePointer<Float>, divergences: UnsafeMutablePointer<Float>
  ) {
    evaluate(at: points, count: count, noiseLevel: noiseLevel, scores: scores, divergences: divergences)
  }

  /// The scores, and the divergences when `divergences` is given.
  @inline(__always)
  private func evaluate(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
    scores: UnsafeMutablePointer<Float>, divergences: UnsafeMutablePointer<Float>?
  ) {
    let h = bandwidth(noiseLevel: noiseLevel)
    let variance = h * h
    let inverseTwoVariance = 1 / (2 * variance)
    kde.xs.withUnsafeBufferPointer { x in
      kde.ys.withUnsafeBufferPointer { y in
        for i in 0..<count {
          let query = SIMD2(Double(points[2 &* i]), Double(points[2 &* i &+ 1]))
          let (_, sums) = KDESums.exact(
            xs: x.baseAddress!, ys: y.baseAddress!, count: x.count, query: query,
            inverseTwoVariance: inverseTwoVariance, secondMoment: divergences != nil)
          let score = sums.score(variance: variance)
          scores[2 &* i] = Float(score.x)
          scores[2 &* i &+ 1] = Float(score.y)
          divergences?[i] = Float(sums.scoreDivergence(variance: variance))
        }
      }
    }
  }

  /// h for a call at `noiseLevel`: the fixed bandwidth or the noise level; traps unless
  /// positive and finite.
  private func bandwidth(noiseLevel: Float) -> Double {
    let h: Double
    switch bandwidthSource {
    case .fixed(let value): h = value
    case .noiseLevel: h = Double(noiseLevel)
    }
    precondition(h > 0 && h.isFinite, "The bandwidth must be positive and finite")
    return h
  }
}
