// The density grid's error bound where it is tight: lone points, far tails, odd grid shapes.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct KDEGridErrorBoundTests {
  /// The largest |p̃ − p|/p over the cells whose exact density p is above 10⁻³ of the largest.
  private func worstRelativeError(_ grid: KDEDensityGrid, exact: [Double]) -> Double {
    let largest = exact.max()!
    var worst = 0.0
    for (index, value) in exact.enumerated()
    where value > KDEDensityGrid.significanceFraction * largest {
      worst = max(worst, abs(grid.values[index] - value) / value)
    }
    return worst
  }

  /// 2,000 copies of one point and a single point in a corner (so that the first is not on a
  /// fine node): p is a mixture of two normal densities in closed form. The cells that count
  /// reach 3.7h from the main point, where interpolating the kernel's tail errs most and the
  /// bound is closest to the error (within a factor of about 7 at h = 0.25). Error within the
  /// bound, the bound within 10⁻³.
  @Test(arguments: [0.25, 0.6, 1.3])
  func lonePointMatchesTheNormalDensity(bandwidth h: Double) {
    let mean = SIMD2(0.0123, -0.0371)
    let corner = SIMD2(-3.9, -2.9)
    let kde = GaussianKDE(points: Array(repeating: mean, count: 2_000) + [corner], bandwidth: h)
    let box = PlotBox(xMin: -4, xMax: 4, yMin: -3, yMax: 3)
    let grid = kde.densityGrid(over: box, columns: 240, rows: 160)
    let exact = box.cellCentres(columns: 240, rows: 160).map { x -> Double in
      let d = x - mean
      let e = x - corner
      let sum = 2_000 * exp(-(d * d).sum() / (2 * h * h)) + exp(-(e * e).sum() / (2 * h * h))
      return sum / (2_001 * 2 * Double.pi * h * h)
    }
    #expect(worstRelativeError(grid, exact: exact) <= grid.maxRelativeErrorBound)
    #expect(grid.maxRelativeErrorBound <= 1e-3)
  }

  /// Every point at one place: the fine grid shrinks to a single stencil, the point sits on
  /// a node and p is the normal density.
  @Test(arguments: [0.5, 3.0])
  func allPointsAtOnePlace(bandwidth h: Double) {
    let mean = SIMD2(0.3, -0.2)
    let kde = GaussianKDE(points: Array(repeating: mean, count: 2_000), bandwidth: h)
    let box = PlotBox(xMin: -3, xMax: 3, yMin: -3, yMax: 3)
    let grid = kde.densityGrid(over: box, columns: 120, rows: 120)
    let exact = box.cellCentres(columns: 120, rows: 120).map { x -> Double in
      let d = x - mean
      return exp(-(d * d).sum() / (2 * h * h)) / (2 * Double.pi * h * h)
    }
    #expect(worstRelativeError(grid, exact: exact) <= grid.maxRelativeErrorBound)
    #expect(grid.maxRelativeErrorBound <= 1e-3)
  }

  /// 5,000 points in a tight cluster and 10 at one place 3.2 units away: the lone place's
  /// cells are just significant (its peak is 1/500 of the cluster's), so ρ/θ is large and the
  /// cluster's far tail adds to them. Reference: the exact density at every cell, itself
  /// checked against the test's brute force on every 97th cell.
  @Test func lonePointBesideADenseCluster() {
    var rng = SeededGenerator(seed: 5)
    let points =
      (0..<5_000).map { _ in SIMD2(0.02 * rng.nextNormal(), 0.02 * rng.nextNormal()) }
      + Array(repeating: SIMD2(3.0, 1.1), count: 10)
    let h = 0.3
    let kde = GaussianKDE(points: points, bandwidth: h)
    let box = PlotBox(xMin: -1.5, xMax: 4.5, yMin: -1.5, yMax: 2.5)
    let grid = kde.densityGrid(over: box, columns: 120, rows: 80)
    let centres = box.cellCentres(columns: 120, rows: 80)
    let exact = exactDensitiesCheckedByBruteForce(points: points, bandwidth: h, at: centres)
    #expect(worstRelativeError(grid, exact: exact) <= grid.maxRelativeErrorBound)
    #expect(grid.maxRelativeErrorBound <= 1e-3)
  }

  /// Grids of every orientation and of sizes that are not multiples of the 4 × 32 blocks,
  /// on 2,000 moons points at Scott's h, against the exact density at every cell; the box
  /// also cuts through the data, so that points outside it count too.
  @Test(arguments: [(37, 101), (101, 37), (5, 3), (33, 65), (240, 1), (1, 160)])
  func oddShapesMatchTheExactDensity(columns: Int, rows: Int) throws {
    let points = Array(
      try PointFileReader.read(path: sharedDataPath("moons-10k.csv")).points.prefix(2_000))
    let h = BandwidthRule.scott.bandwidth(for: points)
    let kde = GaussianKDE(points: points, bandwidth: h)
    let box = PlotBox(xMin: -1.2, xMax: 1.0, yMin: -1.5, yMax: 0.7)
    let grid = kde.densityGrid(over: box, columns: columns, rows: rows)
    let exact = kde.evaluate(at: box.cellCentres(columns: columns, rows: rows)).map(\.density)
    #expect(grid.values.count == columns * rows)
    #expect(worstRelativeError(grid, exact: exact) <= grid.maxRelativeErrorBound)
    #expect(grid.maxRelativeErrorBound <= 1e-3)
    #expect(grid.values.allSatisfy { $0 >= 0 })
  }
}
