// The density grid at bandwidths so small or large that h² or the log-densities leave Double.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct KDEExtremeBandwidthTests {
  /// Every 10th point of moons-10k over the box the live view shows (bounding box padded by
  /// 3h at Scott's h), 90 × 68 cells, as at a 120 × 40 terminal.
  static func moonsAndBox() throws -> (points: [SIMD2<Double>], box: PlotBox) {
    let all = try PointFileReader.read(path: sharedDataPath("moons-10k.csv")).points
    let points = Swift.stride(from: 0, to: all.count, by: 10).map { all[$0] }
    let box = PlotBox.bounding(points, padding: 3 * BandwidthRule.scott.bandwidth(for: points))
    return (points, box)
  }

  /// Far below the spacing of points and cells: 1e-13 (where the live view's `h` key used to
  /// trap: the probe's log-density rounds to −∞ and the cutoff becomes infinite), 1e-100 and
  /// 1e-170 (h² underflows to 0). Every cell centre is many thousand h from every point, so
  /// each exact density is exp(−d²/(2h²))/(2πh²N) with d²/(2h²) above 10⁶: 0 in Double.
  @Test(arguments: [1e-13, 1e-100, 1e-170])
  func tinyBandwidthGivesZeros(bandwidth: Double) throws {
    let (points, box) = try Self.moonsAndBox()
    let centres = box.cellCentres(columns: 90, rows: 68)
    var nearest = Double.infinity
    for centre in centres {
      for point in points {
        let d = centre - point
        nearest = min(nearest, (d * d).sum().squareRoot())
      }
    }
    try #require(nearest / bandwidth > 2_000, "no point sits at a cell centre")
    let grid = GaussianKDE(points: points, bandwidth: bandwidth)
      .densityGrid(over: box, columns: 90, rows: 68)
    #expect(grid.values.count == 90 * 68)
    #expect(grid.values.allSatisfy { $0 == 0 })
  }

  /// Far above the box: every kernel is flat over it, so each density is about 1/(2πh²), at
  /// most 1/(2π)/h/h (divided in two steps, as h² overflows). At h = 1e160 that is 1.6e-321
  /// (subnormal); at 1e170 and 1e300 it is below the smallest Double, so 0.
  @Test(arguments: [1e160, 1e170, 1e300])
  func hugeBandwidthStaysFiniteAndBounded(bandwidth: Double) throws {
    let (points, box) = try Self.moonsAndBox()
    let grid = GaussianKDE(points: points, bandwidth: bandwidth)
      .densityGrid(over: box, columns: 90, rows: 68)
    let peak = 1 / (2 * Double.pi) / bandwidth / bandwidth
    #expect(grid.values.count == 90 * 68)
    #expect(grid.values.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= peak * (1 + 1e-3) })
    if peak == 0 { #expect(grid.values.allSatisfy { $0 == 0 }) }
  }
}
