// The fast density grid against the exact KDE and a Double brute force.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct KDEDensityGridTests {
  /// moons-10k over WORKLOADS.md's box (bounding box padded by 3h at Scott's h), 240 × 160,
  /// at Scott's h, a very small h (a tenth of a cell: the direct sum), a middle one and a very
  /// large h (six times the box: a few binning nodes). Where p > 1e-3·max p the relative error
  /// must be within the returned bound and ≤ 1e-3. The reference is the exact log-sum-exp
  /// density at every cell, itself checked against the test's brute force on every 97th cell.
  @Test(arguments: [nil, 0.002, 0.05, 30.0])
  func matchesBruteForceOnMoons(fixedBandwidth: Double?) throws {
    let points = try PointFileReader.read(path: sharedDataPath("moons-10k.csv")).points
    try #require(points.count == 10_000)
    let scott = BandwidthRule.scott.bandwidth(for: points)
    let box = PlotBox.bounding(points, padding: 3 * scott)
    let h = fixedBandwidth ?? scott
    let kde = GaussianKDE(points: points, bandwidth: h)
    let grid = kde.densityGrid(over: box, columns: 240, rows: 160)
    #expect(grid.values.count == 240 * 160 && grid.columns == 240 && grid.rows == 160)
    let centres = box.cellCentres(columns: 240, rows: 160)
    let exact = exactDensitiesCheckedByBruteForce(points: points, bandwidth: h, at: centres)
    let largest = exact.max()!
    var worst = 0.0
    for index in exact.indices where exact[index] > KDEDensityGrid.significanceFraction * largest {
      worst = max(worst, abs(grid.values[index] - exact[index]) / exact[index])
    }
    #expect(worst <= grid.maxRelativeErrorBound)
    #expect(grid.maxRelativeErrorBound <= 1e-3)
    #expect(grid.values.allSatisfy { $0 >= 0 })
  }

  /// moons-100k at Scott's h (the bench's larger case, the finest fine grid): every 13th cell
  /// against the exact density (itself checked against the brute force in the spatial-grid
  /// tests). The error must be within the returned bound and the bound within 10⁻³.
  @Test func matchesExactOnMoons100k() throws {
    let points = try PointFileReader.read(path: sharedDataPath("moons-100k.csv")).points
    try #require(points.count == 100_000)
    let h = BandwidthRule.scott.bandwidth(for: points)
    let box = PlotBox.bounding(points, padding: 3 * h)
    let kde = GaussianKDE(points: points, bandwidth: h)
    let grid = kde.densityGrid(over: box, columns: 240, rows: 160)
    let centres = box.cellCentres(columns: 240, rows: 160)
    let indices = Array(stride(from: 0, to: centres.count, by: 13))
    let exact = kde.evaluate(at: indices.map { centres[$0] }).map(\.density)
    let largest = exact.max()!
    var worst = 0.0
    for (k, index) in indices.enumerated()
    where exact[k] > KDEDensityGrid.significanceFraction * largest {
      worst = max(worst, abs(grid.values[index] - exact[k]) / exact[k])
    }
    #expect(worst <= grid.maxRelativeErrorBound)
    #expect(grid.maxRelativeErrorBound <= 1e-3)
  }

  /// Cell order and log values on a small uneven grid: row by row from yMin, left to right.
  /// Tolerance: the returned bound, at cells above 1e-3 of the largest.
  @Test func smallGridFollowsCellCentreOrder() {
    let points: [SIMD2<Double>] = [SIMD2(0, 0), SIMD2(1, 0.5), SIMD2(-0.5, 1)]
    let kde = GaussianKDE(points: points, bandwidth: 0.4)
    let box = PlotBox(xMin: -2, xMax: 2, yMin: -1, yMax: 2)
    let grid = kde.densityGrid(over: box, columns: 7, rows: 3)
    let exact = box.cellCentres(columns: 7, rows: 3).map { kde.density(at: $0) }
    let largest = exact.max()!
    for (index, value) in exact.enumerated() where value > 1e-3 * largest {
      #expect(abs(grid.values[index] - value) <= grid.maxRelativeErrorBound * value)
      #expect(abs(grid.logValues[index] - log(value)) <= 2 * grid.maxRelativeErrorBound)
    }
    #expect(grid.maximum.index == exact.firstIndex(of: largest))
  }

  /// A box 1e3 units from the data: every density underflows, so the values are 0 and the
  /// bound says nothing (+∞); a 1 × 1 grid over the data matches the exact density.
  @Test func degenerateBoxesAndSizes() {
    let points: [SIMD2<Double>] = [SIMD2(0, 0), SIMD2(1, 0.5), SIMD2(-0.5, 1)]
    let kde = GaussianKDE(points: points, bandwidth: 0.1)
    let far = kde.densityGrid(
      over: PlotBox(xMin: 1e3, xMax: 1e3 + 1, yMin: 0, yMax: 1), columns: 4, rows: 3)
    #expect(far.values.allSatisfy { $0 == 0 })
    #expect(far.maxRelativeErrorBound == .infinity)
    let single = kde.densityGrid(
      over: PlotBox(xMin: -1, xMax: 1, yMin: -1, yMax: 1), columns: 1, rows: 1)
    let exact = kde.density(at: SIMD2(0, 0))
    #expect(abs(single.values[0] - exact) <= single.maxRelativeErrorBound * exact)
    #expect(single.maxRelativeErrorBound <= 1e-3)
  }
}
