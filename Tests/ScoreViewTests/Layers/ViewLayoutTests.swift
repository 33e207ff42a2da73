// The layout's regions tile the screen, its grids match the plot, and circles stay round.

import Foundation
import ScoreCore
import ScoreTestSupport
import ScoreView
import Testing

@Suite struct ViewLayoutTests {
  static func cells(_ rect: CellRect) -> Set<Int> {
    Set(
      (rect.y..<(rect.y + rect.height)).flatMap { y in
        (rect.x..<(rect.x + rect.width)).map { y * 10_000 + $0 }
      })
  }

  /// For every size from 80 × 24 up to 220 × 70 (in steps): the regions lie inside the
  /// screen, do not overlap, the plot takes most of it, and the grids follow the plot.
  @Test func regionsTileTheScreen() {
    for width in stride(from: 80, through: 220, by: 7) {
      for height in stride(from: 24, through: 70, by: 5) {
        let layout = ViewLayout(width: width, height: height)
        #expect(!layout.isTooSmall)
        let regions = [
          layout.title, layout.plot, layout.yAxis, layout.xAxis, layout.sidePanel, layout.statusBar,
        ]
        var seen: Set<Int> = []
        for region in regions {
          #expect(
            region.x >= 0 && region.y >= 0 && region.x + region.width <= width
              && region.y + region.height <= height)
          let covered = Self.cells(region)
          #expect(seen.isDisjoint(with: covered), "\(width)×\(height) \(region)")
          seen.formUnion(covered)
        }
        #expect(Double(layout.plot.area) >= 0.45 * Double(width * height), "the plot dominates")
        #expect(
          layout.heatMapGrid == GridSize(columns: layout.plot.width, rows: 2 * layout.plot.height))
        #expect(
          layout.arrowGrid == GridSize(columns: layout.plot.width / 4, rows: layout.plot.height / 2)
        )
      }
    }
    let small = ViewLayout(width: 79, height: 100)
    #expect(small.isTooSmall && small.heatMapGrid.count == 0 && small.arrowGrid.count == 0)
  }

  /// The fitted box contains the data box, shares its centre, touches it on two opposite
  /// sides, and gives a data unit the same length across and down (a cell being twice as
  /// tall as wide).
  @Test(arguments: [
    PlotBox(xMin: -3, xMax: 3, yMin: -2, yMax: 2), PlotBox(xMin: 0, xMax: 1, yMin: 0, yMax: 10),
    PlotBox(xMin: -1, xMax: 1, yMin: 5, yMax: 5),
  ])
  func displayBoxKeepsTheAspect(box: PlotBox) {
    let layout = ViewLayout(width: 120, height: 40)
    let fitted = layout.displayBox(fitting: box)
    #expect(
      fitted.xMin <= box.xMin && fitted.xMax >= box.xMax && fitted.yMin <= box.yMin
        && fitted.yMax >= box.yMax)
    // 1e-12 relative: a handful of floating operations on numbers of order 10.
    #expect(
      isClose(
        fitted.width / Double(layout.plot.width), fitted.height / (2 * Double(layout.plot.height)),
        relative: 1e-12))
    #expect(isClose(fitted.xMin + fitted.xMax, box.xMin + box.xMax, absolute: 1e-12))
    #expect(isClose(fitted.yMin + fitted.yMax, box.yMin + box.yMax, absolute: 1e-12))
    #expect(
      isClose(fitted.width, box.width, relative: 1e-12)
        || isClose(fitted.height, box.height, relative: 1e-12))
    let broken = PlotBox(xMin: .nan, xMax: 1, yMin: 0, yMax: 1)
    #expect(layout.displayBox(fitting: broken).xMax == 1)
  }

  /// An isotropic Gaussian's painted disc (density above 10⁻³ of the peak) on the fitted
  /// box spans about twice as many columns as rows: round on a screen of 1:2 cells.
  @Test func circlesLookRound() {
    var state = emptyState(width: 160, height: 50)
    let layout = ViewLayout(width: 160, height: 50)
    state.plotBox = layout.displayBox(fitting: PlotBox(xMin: -1, xMax: 1, yMin: -3, yMax: 3))
    let heat = layout.heatMapGrid
    state.density = DensityGrid(
      columns: heat.columns, rows: heat.rows,
      values: state.plotBox.cellCentres(columns: heat.columns, rows: heat.rows).map {
        gaussianDensity($0, mean: .zero, variance: 0.5)
      })
    state.showsArrows = false
    let frame = ViewRenderer.render(state)
    let painted = plotCells(layout).filter { brightness(frame[$0.x, $0.y]) != nil }
    let columns = Set(painted.map(\.x)).count
    let rows = Set(painted.map(\.y)).count
    // ±3 columns: the disc's edge falls on whole cells in both directions.
    #expect(abs(columns - 2 * rows) <= 3, "\(columns) columns, \(rows) rows")
    #expect(rows > 10)
  }
}
