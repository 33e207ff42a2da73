// KDE density, log-density and score on a grid: binned where a bound certifies it, else summed.

import Dispatch
import Foundation

extension GaussianKDE {
  /// The tolerance of `evaluateGrid(over:columns:rows:exact:)`: the density within this
  /// relative error, the log-density within it in absolute terms, the score within it times
  /// ‖s‖ + 1/h.
  public static let gridTolerance = 1e-3

  /// Density, log-density and score at the centres of a `columns` × `rows` tiling of `box`.
  ///
  /// With `exact`, every cell is `evaluate(at:)` (exact to rounding). Otherwise every cell is
  /// within `gridTolerance` (the returned bounds say how far within):
  ///
  /// 1. **Binned cells.** One binning of the points onto a fine grid (as in
  ///    `densityGrid(over:columns:rows:)`) gives p̃ and the first moments
  ///    G̃ ≈ G = (1/N) Σᵢ ((xᵢ − x)/h)·K_h(x − xᵢ), so that s = G/(h·p). For a level τ (a
  ///    fraction θ of the exact density P₀ at a cell in the densest part of the data, fixed
  ///    before the grid is summed) the plan's spacing and cutoff give
  ///    |p̃ − p| ≤ ε_p·p and ‖G̃ − G‖ ≤ √2·ε_G·p where p ≥ τ, and |p̃ − p| ≤ ε_p·τ where p < τ
  ///    (`KDEGridPlan.scoreErrorBounds`). So a cell with p̃ ≥ (1 + ε_p)·τ has p ≥ τ, and
  ///    there ‖s̃ − s‖ ≤ (√2·ε_G/h + ε_p·‖s‖)/(1 − ε_p) and
  ///    |log p̃ − log p| ≤ −log(1 − ε_p). θ is the smallest of 10⁻⁸, 10⁻⁷, … 10⁻³ whose plan
  ///    fits in memory and keeps these within the tolerance.
  /// 2. **The other cells** (far from the data, or all cells when h is small against a cell
  ///    and binning would cost more) are summed point by point with `KDESpatialGrid`, on two
  ///    threads, skipping points of total weight below 2⁻ᵏ of the sum: the density is then
  ///    within 2⁻ᵏ relative, the log-density within 2⁻ᵏ and the score within
  ///    2⁻ᵏ·(R/h² + ‖s‖), R the largest reach, at most the farthest distance between the box
  ///    and the data's bounding box plus h·√(2 ln 2·(log₂ N + k)). k ≥ 20 is chosen so that
  ///    2⁻ᵏ·R/h ≤ 10⁻⁴.
  ///
  /// - Parameters:
  ///   - box: the area tiled; points outside it still count.
  ///   - columns: cells across, at least 1.
  ///   - rows: cells up, at least 1.
  ///   - exact: evaluate every cell exactly.
  public func evaluateGrid(over box: PlotBox, columns: Int, rows: Int, exact: Bool = false)
    -> KDEGridEvaluation
  {
    evaluateGrid(over: box, columns: columns, rows: rows, exact: exact, binningWhenCheaper: true)
  }

  /// `evaluateGrid(over:columns:rows:exact:)`, with `binningWhenCheaper` false binning
  /// whenever a plan is within the bounds (so that tests reach the binned sums on few points).
  func evaluateGrid(
    over box: PlotBox, columns: Int, rows: Int, exact: Bool, binningWhenCheaper: Bool
  ) -> KDEGridEvaluation {
    precondition(columns >= 1 && rows >= 1, "A grid needs at least one cell")
    precondition(box.width > 0 && box.height > 0, "A grid needs a box of positive size")
    let centres = box.cellCentres(columns: columns, rows: rows)
    if exact {
      return KDEGridEvaluation(
        box: box, columns: columns, rows: rows, bandwidth: bandwidth,
        values: evaluate(at: centres), binnedCellCount: 0, densityErrorBound: 0,
        logDensityErrorBound: 0, scoreErrorBound: 0)
    }
    var values = [KDEEvaluation](
      repeating: KDEEvaluation(density: 0, logDensity: 0, score: .zero), count: centres.count)
    var remaining = Array(centres.indices)
    var bounds = (density: 0.0, logDensity: 0.0, score: 0.0)
    if let binned = binnedGridSums(
      over: box, columns: columns, rows: rows, whenCheaper: binningWhenCheaper)
    {
      remaining = []
      let h = bandwidth
      for index in centres.indices {
        let density = binned.sums[0][index]
        guard density >= binned.certifiedFrom else {
          remaining.append(index)
          continue
        }
        let moment = SIMD2(binned.sums[1][index], binned.sums[2][index])
        values[index] = KDEEvaluation(
          density: density, logDensity: log(density), score: moment / (h * density))
      }
      bounds = binned.bounds
    }
    let skipExponent = farCellSkipExponent(over: box)
    let skipped = exp2(-skipExponent)
    values.withUnsafeMutableBufferPointer { output in
      evaluateInParallel(
        at: remaining.map { centres[$0] }, skipExponent: skipExponent
      ) { position, evaluation in
        output[remaining[position]] = evaluation
      }
    }
    if !remaining.isEmpty {
      bounds.density = max(bounds.density, skipped)
      bounds.logDensity = max(bounds.logDensity, -log1p(-skipped))
      bounds.score = max(bounds.score, 1e-4, skipped)
    }
    return KDEGridEvaluation(
      box: box, columns: columns, rows: rows, bandwidth: bandwidth, values: values,
      binnedCellCount: centres.count - remaining.count, densityErrorBound: bounds.density,
      logDensityErrorBound: bounds.logDensity, scoreErrorBound: bounds.score)
  }

  /// The binned p̃, G̃ₓ, G̃_y at every cell, the density from which a cell is certified and
  /// the bounds there; nil when summing every cell point by point costs less (h small against
  /// a cell, or few points) or no level keeps the bounds within `gridTolerance`.
  private func binnedGridSums(over box: PlotBox, columns: Int, rows: Int, whenCheaper: Bool)
    -> (sums: [[Double]], certifiedFrom: Double, bounds: (density: Double, logDensity: Double, score: Double))?
  {
    let logKernelPeak = -log(2 * Double.pi * bandwidth * bandwidth)
    let probeLogDensity = bruteForceEvaluation(
      at: denseCellCentre(over: box, columns: columns, rows: rows)
    ).logDensity
    for exponent in [-40, -30, -24, -18, -12, -9, -6, -3] {
      let logLevel = probeLogDensity + Double(exponent) * log(10.0)
      let logWeightLimit = logKernelPeak - logLevel
      guard
        let plan = KDEGridPlan(
          scoresOf: self, box: box, columns: columns, rows: rows, logWeightLimit: logWeightLimit,
          target: 0.68 * Self.gridTolerance)
      else { continue }
      let (density, moment) = plan.scoreErrorBounds(logWeightLimit: logWeightLimit)
      let score = max(2.0.squareRoot() * moment, density) / (1 - density)
      guard density < 1, score <= Self.gridTolerance else { continue }
      // Summing every cell point by point visits at most the points within about 8h of it.
      let cellArea = box.width * box.height / Double(columns * rows)
      let exactCost =
        Double(points.count) * min(Double(columns * rows), 64 * Double.pi * bandwidth * bandwidth / cellArea + 1)
      guard !whenCheaper || plan.binnedCost(pointCount: points.count) < exactCost else {
        return nil
      }
      return (
        plan.binnedSums(kde: self, moments: true), (1 + density) * exp(logLevel),
        (density, -log1p(-density), score)
      )
    }
    return nil
  }

  /// k ≥ 20 with 2⁻ᵏ·R/h ≤ 10⁻⁴, R bounding the reach of every cell of `box` (see
  /// `evaluateGrid(over:columns:rows:exact:)`).
  private func farCellSkipExponent(over box: PlotBox) -> Double {
    let data = PlotBox.bounding(points)
    let farthest = SIMD2(
      max(box.xMax - data.xMin, data.xMax - box.xMin),
      max(box.yMax - data.yMin, data.yMax - box.yMin))
    var k = 20.0
    while true {
      let reach =
        (farthest * farthest).sum().squareRoot()
        + bandwidth * (2 * log(2.0) * (log2(Double(points.count)) + k)).squareRoot()
      if exp2(-k) * reach / bandwidth <= 1e-4 { return k }
      k += 1
    }
  }

  /// `evaluate(at:)` with the sums skipping less than 2^−`skipExponent`, the queries split
  /// between two threads; `store` gets each query's position and evaluation.
  private func evaluateInParallel(
    at queries: [SIMD2<Double>], skipExponent: Double,
    store: (Int, KDEEvaluation) -> Void
  ) {
    guard !queries.isEmpty else { return }
    let grid = spatialGrid(skipExponent: skipExponent)
    let variance = bandwidth * bandwidth
    let inverseTwoVariance = 1 / (2 * variance)
    let logNormaliser = log(Double(points.count)) + log(2 * Double.pi * variance)
    let results = UnsafeMutableBufferPointer<KDEEvaluation>.allocate(capacity: queries.count)
    defer { results.deallocate() }
    nonisolated(unsafe) let output = results
    let threadCount = queries.count >= 64 ? 2 : 1
    DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
      // Interleaved, so that both threads get cells near and far from the data.
      for position in Swift.stride(from: thread, to: queries.count, by: threadCount) {
        let sums = grid.sums(at: queries[position])
        let offset = sums.anchorOffset
        let logDensity =
          log(sums.sum) - (offset * offset).sum() * inverseTwoVariance - logNormaliser
        (output.baseAddress! + position).initialize(
          to: KDEEvaluation(
            density: exp(logDensity), logDensity: logDensity,
            score: (offset + sums.weightedOffset / sums.sum) / variance))
      }
    }
    for position in queries.indices { store(position, results[position]) }
  }
}
