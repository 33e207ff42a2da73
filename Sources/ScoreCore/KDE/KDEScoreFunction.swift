// The exact KDE score as a batch score field, the ground truth for a learned field.

/// The exact score ∇log p_h of a Gaussian KDE for batches of `Float` points.
///
/// The bandwidth is either fixed or the `noiseLevel` of each call (h = σ): the data convolved
/// with N(0, σ²I) is the KDE with h = σ, so at noise level σ this is exactly the field that
/// denoising score matching aims at (MATH.md §3). Points are converted to Double and the
/// sums run in Double (log-sum-exp, finite everywhere); each score is rounded to Float once.
/// Allocates nothing per call.
public struct KDEScoreFunction: BatchScoreFunction, Sendable {
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
    let h: Double
    switch bandwidthSource {
    case .fixed(let value): h = value
    case .noiseLevel: h = Double(noiseLevel)
    }
    precondition(h > 0 && h.isFinite, "The bandwidth must be positive and finite")
    let variance = h * h
    let inverseTwoVariance = 1 / (2 * variance)
    kde.xs.withUnsafeBufferPointer { x in
      kde.ys.withUnsafeBufferPointer { y in
        for i in 0..<count {
          let query = SIMD2(Double(points[2 &* i]), Double(points[2 &* i &+ 1]))
          let (_, sums) = KDESums.exact(
            xs: x.baseAddress!, ys: y.baseAddress!, count: x.count, query: query,
            inverseTwoVariance: inverseTwoVariance)
          let score = sums.score(variance: variance)
          scores[2 &* i] = Float(score.x)
          scores[2 &* i &+ 1] = Float(score.y)
        }
      }
    }
  }
}
