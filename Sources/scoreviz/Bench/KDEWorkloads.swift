// The `kde-grid`, `kde-score` and `kde-grid-1m` workloads, timed and checked.

import Foundation
import ScoreCore

/// The data files, bandwidth and box of WORKLOADS.md's exact definitions.
private struct KDEBenchCase {
  var name: String
  var points: [SIMD2<Double>]
  var bandwidth: Double
  var box: PlotBox

  init(_ name: String, _ context: BenchContext) throws {
    self.name = name
    points = try context.points(name)
    bandwidth = BandwidthRule.scott.bandwidth(for: points)
    box = PlotBox.bounding(points, padding: 3 * bandwidth)
  }
}

private func kdeCases(_ context: BenchContext) throws -> [KDEBenchCase] {
  try ["moons-10k.csv", "moons-100k.csv"].map { try KDEBenchCase($0, context) }
}

/// WORKLOADS.md `kde-grid`: density on the 240×160 cell centres, with the largest relative
/// error against the exact log-sum-exp density in Double where p > 1e-3·max p.
func kdeGridWorkload(_ context: BenchContext) throws -> JSONObject {
  var results: [JSONValue] = []
  for benchCase in try kdeCases(context) {
    let kde = GaussianKDE(points: benchCase.points, bandwidth: benchCase.bandwidth)
    var grid: KDEDensityGrid?
    let seconds = context.medianSeconds {
      grid = kde.densityGrid(over: benchCase.box, columns: 240, rows: 160)
    }
    let values = grid!.values
    let centres = benchCase.box.cellCentres(columns: 240, rows: 160)
    let stride = context.quick ? 97 : 1
    let checked = Swift.stride(from: 0, to: centres.count, by: stride).map { $0 }
    let exact = kde.evaluate(at: checked.map { centres[$0] }).map(\.density)
    let largest = exact.max() ?? 0
    var worst = 0.0
    for (k, index) in checked.enumerated() where exact[k] > 1e-3 * largest {
      worst = max(worst, abs(values[index] - exact[k]) / exact[k])
    }
    results.append(
      .object(
        JSONObject([
          ("points", .integer(benchCase.points.count)),
          ("bandwidth", .number(benchCase.bandwidth)),
          ("ms", .number(seconds * 1e3)),
          ("max_relative_error", .number(worst)),
          ("error_bound", .number(grid!.maxRelativeErrorBound)),
          ("cells_checked", .integer(checked.count)),
        ])))
  }
  return JSONObject([("workload", .string("kde-grid")), ("grid", .string("240x160")), ("results", .array(results))])
}

/// WORKLOADS.md `kde-score`: the exact score at the 60×20 arrow centres, with the largest
/// relative error against a plain Double reference (two passes: max exponent, then sums).
func kdeScoreWorkload(_ context: BenchContext) throws -> JSONObject {
  var results: [JSONValue] = []
  for benchCase in try kdeCases(context) {
    let kde = GaussianKDE(points: benchCase.points, bandwidth: benchCase.bandwidth)
    let arrows = benchCase.box.cellCentres(columns: 60, rows: 20)
    var scores: [SIMD2<Double>] = []
    let seconds = context.medianSeconds { scores = kde.scores(at: arrows) }
    let checked = context.quick ? Array(arrows.indices.prefix(40)) : Array(arrows.indices)
    var worst = 0.0
    for index in checked {
      let reference = referenceScore(benchCase.points, benchCase.bandwidth, at: arrows[index])
      let difference = scores[index] - reference
      let size = (reference * reference).sum().squareRoot()
      worst = max(worst, (difference * difference).sum().squareRoot() / max(size, .leastNormalMagnitude))
    }
    results.append(
      .object(
        JSONObject([
          ("points", .integer(benchCase.points.count)),
          ("ms", .number(seconds * 1e3)),
          ("max_relative_error", .number(worst)),
          ("arrows_checked", .integer(checked.count)),
        ])))
  }
  return JSONObject([("workload", .string("kde-score")), ("arrows", .string("60x20")), ("results", .array(results))])
}

/// ∇log p_h(x) = Σ wᵢ(xᵢ − x)/h², wᵢ = softmax(−‖x − xᵢ‖²/2h²), written plainly in Double.
private func referenceScore(_ points: [SIMD2<Double>], _ h: Double, at x: SIMD2<Double>) -> SIMD2<Double> {
  var largest = -Double.infinity
  for p in points {
    let d = p - x
    largest = max(largest, -(d * d).sum() / (2 * h * h))
  }
  var total = 0.0
  var weighted = SIMD2<Double>.zero
  for p in points {
    let d = p - x
    let w = exp(-(d * d).sum() / (2 * h * h) - largest)
    total += w
    weighted += w * d
  }
  return weighted / (total * h * h)
}

/// `kde-grid-1m`: what `scoreviz kde --rule scott --grid 240x160` computes (density,
/// log-density and score at every cell) on a million built-in moons points (seed 0; 20,000
/// with --quick), with the largest errors against the exact evaluation at every 97th cell:
/// the density relative, the log-density absolute, the score relative to ‖s‖ + 1/h.
func kdeGridMillionWorkload(_ context: BenchContext) throws -> JSONObject {
  var rng = SeededGenerator(seed: 0)
  let count = context.quick ? 20_000 : 1_000_000
  let points = BuiltinDataset.moons.makeDataset(count: count, using: &rng).points
  let h = BandwidthRule.scott.bandwidth(for: points)
  let box = PlotBox.bounding(points, padding: 3 * h)
  let kde = GaussianKDE(points: points, bandwidth: h)
  var grid: KDEGridEvaluation?
  let seconds = context.medianSeconds { grid = kde.evaluateGrid(over: box, columns: 240, rows: 160) }
  let centres = box.cellCentres(columns: 240, rows: 160)
  let checked = Array(Swift.stride(from: 0, to: centres.count, by: 97))
  let exact = kde.evaluate(at: checked.map { centres[$0] })
  var worst = (density: 0.0, logDensity: 0.0, score: 0.0)
  for (k, index) in checked.enumerated() {
    let value = grid!.values[index]
    worst.density = max(worst.density, abs(expm1(value.logDensity - exact[k].logDensity)))
    worst.logDensity = max(worst.logDensity, abs(value.logDensity - exact[k].logDensity))
    let difference = value.score - exact[k].score
    let size = (exact[k].score * exact[k].score).sum().squareRoot()
    worst.score = max(worst.score, (difference * difference).sum().squareRoot() / (size + 1 / h))
  }
  return JSONObject([
    ("workload", .string("kde-grid-1m")), ("grid", .string("240x160")),
    ("points", .integer(count)), ("bandwidth", .number(h)), ("ms", .number(seconds * 1e3)),
    ("binned_cells", .integer(grid!.binnedCellCount)),
    ("max_density_error", .number(worst.density)),
    ("max_log_density_error", .number(worst.logDensity)),
    ("max_score_error", .number(worst.score)),
    ("score_error_bound", .number(grid!.scoreErrorBound)),
    ("cells_checked", .integer(checked.count)),
  ])
}
