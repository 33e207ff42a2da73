// The Gaussian kernel density estimate (Parzen window) of a 2-D point set and its exact score.

import Foundation

/// The Gaussian KDE p_h(x) = (1/N) Σᵢ K_h(x − xᵢ), K_h(u) = exp(−‖u‖²/(2h²)) / (2πh²).
///
/// MATH.md §3. The bandwidth h is the kernel's standard deviation in the points' units (as in
/// scikit-learn). The score has the closed form
/// ∇log p_h(x) = Σᵢ wᵢ(x)(xᵢ − x)/h², wᵢ = softmaxᵢ(−‖x − xᵢ‖²/(2h²)),
/// and every quantity is computed with the max-subtraction (log-sum-exp) trick: the nearest
/// point's term is 1, so far from the data the log-density is a large negative number and the
/// score points back toward the data with length ≈ distance/h², never 0/0.
///
/// Exact evaluation sorts the points into cells of about h/2 (O(N), once per call), then each
/// query sums in Double, eight points per instruction, only the points near enough to change
/// the sum by more than 2⁻⁵⁶ of it (`KDESpatialGrid`): about 10h around it.
/// The same KDE is the ground truth of a field trained by denoising score matching at noise
/// level σ = h (the data convolved with N(0, h²I)).
///
/// ```
/// let kde = GaussianKDE(points: points, bandwidth: BandwidthRule.scott.bandwidth(for: points))
/// let s = kde.score(at: SIMD2(0, 0))
/// let grid = kde.densityGrid(over: box, columns: 240, rows: 160)
/// ```
public struct GaussianKDE: Sendable {
  /// The data points xᵢ.
  public let points: [SIMD2<Double>]
  /// The bandwidth h > 0, the kernel's standard deviation in data units.
  public let bandwidth: Double
  /// The x coordinates of `points`, contiguous for vector loads.
  let xs: [Double]
  /// The y coordinates of `points`, contiguous for vector loads.
  let ys: [Double]

  /// A KDE of `points` with bandwidth `bandwidth`.
  ///
  /// Traps if `points` is empty or `bandwidth` is not a positive finite number.
  public init(points: [SIMD2<Double>], bandwidth: Double) {
    precondition(!points.isEmpty, "A KDE needs at least one point")
    precondition(bandwidth > 0 && bandwidth.isFinite, "The bandwidth must be positive and finite")
    self.points = points
    self.bandwidth = bandwidth
    xs = points.map { $0.x }
    ys = points.map { $0.y }
  }

  /// A KDE of `points` with the bandwidth that `choice` gives for them.
  ///
  /// Traps like `init(points:bandwidth:)`, also when a rule gives 0 (fewer than two points, or
  /// all points equal).
  public init(points: [SIMD2<Double>], bandwidth choice: BandwidthChoice) {
    self.init(points: points, bandwidth: choice.bandwidth(for: points))
  }

  /// p_h(`point`): the density, 0 where it underflows (about 38·h beyond the data).
  public func density(at point: SIMD2<Double>) -> Double {
    evaluate(at: point).density
  }

  /// log p_h(`point`): finite wherever `point` is finite.
  ///
  /// = log Σᵢ exp(−κ(‖dᵢ‖² − m)) − κm − log N − log(2πh²), κ = 1/(2h²), m = minᵢ ‖dᵢ‖².
  public func logDensity(at point: SIMD2<Double>) -> Double {
    evaluate(at: point).logDensity
  }

  /// ∇ log p_h(`point`) = Σᵢ wᵢ(xᵢ − x)/h², with the softmax weights wᵢ computed after
  /// subtracting the largest exponent, so the result is finite everywhere.
  public func score(at point: SIMD2<Double>) -> SIMD2<Double> {
    evaluate(at: point).score
  }

  /// Density, log-density and score at `point`: the batch form's value for one point.
  ///
  /// O(N): the points are sorted into cells, then only those that can change the result
  /// are summed (see `evaluate(at:)` for many points).
  public func evaluate(at point: SIMD2<Double>) -> KDEEvaluation {
    evaluate(at: [point])[0]
  }

  /// The same evaluation by one pair of plain passes over all points (a minimum, then the
  /// exponentials): cheaper than sorting the points when only a point or two is wanted.
  func bruteForceEvaluation(at point: SIMD2<Double>) -> KDEEvaluation {
    xs.withUnsafeBufferPointer { x in
      ys.withUnsafeBufferPointer { y in
        evaluation(xs: x.baseAddress!, ys: y.baseAddress!, at: point)
      }
    }
  }

  /// Density, log-density and score at each of `queryPoints`, in their order.
  ///
  /// Exact like `evaluate(at:)` (to rounding), but the points are first sorted into cells of
  /// about h/2 so that each query sums only the points that can change its result
  /// (`KDESpatialGrid`: the skipped terms add less than 2⁻⁵⁶ relative to the sum).
  public func evaluate(at queryPoints: [SIMD2<Double>]) -> [KDEEvaluation] {
    let grid = spatialGrid()
    let variance = bandwidth * bandwidth
    let inverseTwoVariance = 1 / (2 * variance)
    let logNormaliser = log(Double(points.count)) + log(2 * Double.pi * variance)
    return queryPoints.map { query in
      let sums = grid.sums(at: query)
      let offset = sums.anchorOffset
      let logDensity =
        log(sums.sum) - (offset * offset).sum() * inverseTwoVariance - logNormaliser
      return KDEEvaluation(
        density: exp(logDensity), logDensity: logDensity,
        score: (offset + sums.weightedOffset / sums.sum) / variance)
    }
  }

  /// The score ∇log p_h at each of `queryPoints`, in their order (the arrow field).
  ///
  /// Exact to rounding, from the spatial grid as in `evaluate(at:)` for many points: the
  /// grid is built once per call in O(N), then each query costs the points within about 10h
  /// of it (the error analysis is in `KDESpatialGrid`).
  public func scores(at queryPoints: [SIMD2<Double>]) -> [SIMD2<Double>] {
    let grid = spatialGrid()
    let variance = bandwidth * bandwidth
    return queryPoints.map { query in
      let sums = grid.sums(at: query)
      return (sums.anchorOffset + sums.weightedOffset / sums.sum) / variance
    }
  }

  /// The points sorted into cells for this bandwidth, skipping less than 2^−`skipExponent` of
  /// each sum.
  func spatialGrid(skipExponent: Double = 56) -> KDESpatialGrid {
    xs.withUnsafeBufferPointer { x in
      ys.withUnsafeBufferPointer { y in
        KDESpatialGrid(
          xs: x.baseAddress!, ys: y.baseAddress!, count: x.count, bandwidth: bandwidth,
          skipExponent: skipExponent)
      }
    }
  }

  /// The evaluation at `point` from the coordinate arrays at `xs`, `ys`.
  private func evaluation(
    xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, at point: SIMD2<Double>
  ) -> KDEEvaluation {
    let variance = bandwidth * bandwidth
    let inverseTwoVariance = 1 / (2 * variance)
    let (shift, sums) = KDESums.exact(
      xs: xs, ys: ys, count: points.count, query: point, inverseTwoVariance: inverseTwoVariance)
    let logDensity =
      log(sums.sum) - shift * inverseTwoVariance - log(Double(points.count))
      - log(2 * Double.pi * variance)
    return KDEEvaluation(
      density: exp(logDensity), logDensity: logDensity,
      score: sums.score(variance: variance))
  }
}
