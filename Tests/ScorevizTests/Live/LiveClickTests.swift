// Mouse clicks in the live view land on the data point under the cell of the frame shown.

import ScoreCore
import ScoreView
import Testing

@testable import scoreviz

@Suite("Live view clicks")
struct LiveClickTests {
  static let width = 120
  static let height = 40

  /// The centre of terminal cell (column, row) for a plot `area` showing `box`:
  /// xMin + (c + ½)·width/columns across, yMax − (r + ½)·height/rows down.
  static func cellCentre(column: Int, row: Int, area: CellRect, box: PlotBox) -> SIMD2<Double> {
    SIMD2(
      box.xMin + (Double(column - area.x) + 0.5) * box.width / Double(area.width),
      box.yMax - (Double(row - area.y) + 0.5) * box.height / Double(area.height))
  }

  /// |a − b| in x and in y.
  static func distance(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> SIMD2<Double> {
    SIMD2(abs(a.x - b.x), abs(a.y - b.y))
  }

  /// Draw a frame, press `h` (which changes the box the next frame shows), click: the point
  /// added is the centre of the clicked cell in the frame on screen, within half a cell, at
  /// the plot's corners and middle, where the next frame's box would put it elsewhere.
  @Test("A click right after h adds the point under the cell on screen")
  func clickAfterBandwidthKeyUsesTheShownPlot() throws {
    var viewModel = try LiveViewModelSoakTests.makeViewModel()
    let shown = viewModel.viewState(
      width: Self.width, height: Self.height, snapshot: viewModel.engine.snapshot)
    let area = ViewLayout(width: Self.width, height: Self.height).plot
    viewModel.perform(.bandwidthDown)

    var redrawn = try LiveViewModelSoakTests.makeViewModel()
    redrawn.perform(.bandwidthDown)
    let nextBox = redrawn.viewState(
      width: Self.width, height: Self.height, snapshot: redrawn.engine.snapshot
    ).plotBox

    let halfCell = SIMD2(
      shown.plotBox.width / Double(2 * area.width), shown.plotBox.height / Double(2 * area.height))
    // The corners move when h changes the padding; the middle stays about where it was.
    let cells = [
      (area.x, area.y, true), (area.x + area.width - 1, area.y + area.height - 1, true),
      (area.x + area.width / 2, area.y + area.height / 2, false),
    ]
    for (column, row, movesWithH) in cells {
      let expected = Self.cellCentre(column: column, row: row, area: area, box: shown.plotBox)
      let point = try #require(viewModel.dataPoint(column: column, row: row))
      viewModel.click(at: point)
      viewModel.engine.trainSynchronously(steps: 0)
      let added = try #require(viewModel.engine.snapshot.data.dataset.points.last)
      let offset = Self.distance(added, expected)
      #expect(offset.x <= halfCell.x && offset.y <= halfCell.y, "cell (\(column), \(row))")
      if movesWithH {
        let elsewhere = Self.distance(
          Self.cellCentre(column: column, row: row, area: area, box: nextBox), expected)
        #expect(elsewhere.x > halfCell.x || elsewhere.y > halfCell.y, "h left cell (\(column), \(row)) alone")
      }
    }
  }

  /// Before the first frame, outside the plot, and after a frame too small for a plot, a
  /// click has no data point.
  @Test func noPointWithoutAShownPlot() throws {
    var viewModel = try LiveViewModelSoakTests.makeViewModel()
    #expect(viewModel.dataPoint(column: 40, row: 20) == nil)
    _ = viewModel.viewState(width: Self.width, height: Self.height, snapshot: viewModel.engine.snapshot)
    let area = ViewLayout(width: Self.width, height: Self.height).plot
    #expect(viewModel.dataPoint(column: area.x, row: area.y) != nil)
    for (column, row) in [
      (area.x - 1, area.y), (area.x, area.y - 1), (area.x + area.width, area.y),
      (area.x, area.y + area.height),
    ] {
      #expect(viewModel.dataPoint(column: column, row: row) == nil)
    }
    _ = viewModel.viewState(width: 60, height: 20, snapshot: viewModel.engine.snapshot)
    #expect(viewModel.dataPoint(column: area.x, row: area.y) == nil)
  }
}
