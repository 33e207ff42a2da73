// The grid evaluation of density, log-density and score against a Double brute force.

import Foundation
import ScoreTestSupport
import Testing

@testable import ScoreCore

@Suite struct KDEGridEvaluationTests {
  /// 2,400 points: four tight clusters (σ = 0.05) at the corners of a 4 × 4 square, or a
  /// spread cloud (σ = 1).
  static func points(clustered: Bool) -> [SIMD2<Double>] {
    var rng = SeededGenerator(seed: clustered ? 3 : 4)
    let corners: [SIMD2<Double>] = [SIMD2(-2, -2), SIMD2(2, -2), SIMD2(-2, 2), SIMD2(2, 2)]
    return (0..<2_400).map { i in
      let noise = SIMD2(rng.nextNormal(), rng.nextNormal())
      return clustered ? corners[i % 4] + 0.05 * noise : noise
    }
  }

  /// A 40 × 30 grid over the data's box padded by 3h and 2 more units (far outside the data),
  /// at h very small (a tenth of a cell), Scott's, moderate and very large (ten times the
  /// data). At every cell: |p̃ − p| ≤ ε_p·p, |log p̃ − log p| ≤ ε_log, ‖s̃ − s‖ ≤ η(‖s‖ + 1/h)
  /// against `bruteForceKDE`, and each bound ≤ 10⁻³ (plus 10⁻¹² for the brute force's own
  /// rounding). Binning is taken whenever a plan meets the bounds, and must serve most cells
  /// at Scott's and the moderate h; the public entry point (binning only when it is cheaper)
  /// must meet the same bounds.
  @Test(arguments: [
    (true, 0.003), (true, 0), (true, 0.3), (true, 40), (false, 0.003), (false, 0), (false, 0.3), (false, 40),
  ])
  func boundsHoldAgainstBruteForce(clustered: Bool, fixedBandwidth: Double) {
    let points = Self.points(clustered: clustered)
    let h = fixedBandwidth > 0 ? fixedBandwidth : BandwidthRule.scott.bandwidth(for: points)
    let box = PlotBox.bounding(points, padding: 3 * h + 2)
    let kde = GaussianKDE(points: points, bandwidth: h)
    let grid = kde.evaluateGrid(
      over: box, columns: 40, rows: 30, exact: false, binningWhenCheaper: false)
    let chosen = kde.evaluateGrid(over: box, columns: 40, rows: 30)
    #expect(chosen.scoreErrorBound <= GaussianKDE.gridTolerance)
    #expect(grid.values.count == 40 * 30)
    #expect(grid.densityErrorBound <= GaussianKDE.gridTolerance)
    #expect(grid.logDensityErrorBound <= GaussianKDE.gridTolerance)
    #expect(grid.scoreErrorBound <= GaussianKDE.gridTolerance)
    if fixedBandwidth == 0 || fixedBandwidth == 0.3 {
      #expect(grid.binnedCellCount > 40 * 30 / 2)
    }
    var worst = (density: 0.0, logDensity: 0.0, score: 0.0)
    for (index, centre) in box.cellCentres(columns: 40, rows: 30).enumerated() {
      let reference = bruteForceKDE(points: points, bandwidth: h, at: centre)
      let value = grid.values[index]
      let other = chosen.values[index]
      #expect(abs(other.logDensity - reference.logDensity) <= chosen.logDensityErrorBound + 1e-12)
      let logError = abs(value.logDensity - reference.logDensity)
      worst.logDensity = max(worst.logDensity, logError)
      // |p̃/p − 1| from the logs, which stay finite where p underflows.
      worst.density = max(worst.density, abs(expm1(value.logDensity - reference.logDensity)))
      if reference.logDensity > -700 {
        #expect(
          abs(value.density - exp(reference.logDensity))
            <= (grid.densityErrorBound + 1e-12) * exp(reference.logDensity))
      }
      let difference = value.score - reference.score
      let size = (reference.score * reference.score).sum().squareRoot()
      worst.score = max(
        worst.score, (difference * difference).sum().squareRoot() / (size + 1 / h))
    }
    #expect(worst.density <= grid.densityErrorBound + 1e-12)
    #expect(worst.logDensity <= grid.logDensityErrorBound + 1e-12)
    #expect(worst.score <= grid.scoreErrorBound + 1e-12)
  }

  /// `exact: true` is every cell's exact evaluation: within 10⁻¹² of the brute force
  /// (relative for the log-density and for the score against ‖s‖ + 1/h), bounds 0.
  @Test(arguments: [0.003, 0.3])
  func exactMatchesBruteForce(bandwidth h: Double) {
    let points = Self.points(clustered: true)
    let box = PlotBox.bounding(points, padding: 3 * h + 4)
    let grid = GaussianKDE(points: points, bandwidth: h)
      .evaluateGrid(over: box, columns: 32, rows: 24, exact: true)
    #expect(grid.binnedCellCount == 0 && grid.scoreErrorBound == 0 && grid.densityErrorBound == 0)
    for (index, centre) in box.cellCentres(columns: 32, rows: 24).enumerated() {
      let reference = bruteForceKDE(points: points, bandwidth: h, at: centre)
      let value = grid.values[index]
      #expect(
        abs(value.logDensity - reference.logDensity) <= 1e-12 * max(1, abs(reference.logDensity)))
      let difference = value.score - reference.score
      let size = (reference.score * reference.score).sum().squareRoot()
      #expect((difference * difference).sum().squareRoot() <= 1e-12 * (size + 1 / h))
    }
  }
}
