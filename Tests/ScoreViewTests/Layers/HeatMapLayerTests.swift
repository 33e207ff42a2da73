// The heat map is brightest where the density peaks (KDE) or most points fall (histogram).

import Foundation
import ScoreCore
import ScoreView
import Testing

@Suite struct HeatMapLayerTests {
  /// The cells of the plot that show the brightest colour of the frame's plot area.
  static func brightestCells(_ frame: Frame, layout: ViewLayout) -> [(x: Int, y: Int)] {
    let cells = plotCells(layout)
    let top = cells.compactMap { brightness(frame[$0.x, $0.y]) }.max() ?? -1
    return cells.filter { brightness(frame[$0.x, $0.y]) == top }
  }

  /// A KDE grid of N(μ, v·I) at the layout's heat-map size, μ off-centre, plus points drawn
  /// from the same Gaussian: the brightest colour is the gradient's top, in the cell that
  /// contains μ, and the brightest cells gather around it.
  @Test(arguments: GlyphStyle.allCases)
  func kdePeakIsBrightest(style: GlyphStyle) throws {
    var state = emptyState(style: style)
    let layout = ViewLayout(width: state.width, height: state.height)
    let mean = SIMD2(1.1, -0.6)
    let variance = 0.2
    let grid = layout.heatMapGrid
    state.density = DensityGrid(
      columns: grid.columns, rows: grid.rows,
      values: state.plotBox.cellCentres(columns: grid.columns, rows: grid.rows).map {
        gaussianDensity($0, mean: mean, variance: variance)
      })
    var generator = SeededGenerator(seed: 7)
    state.points = (0..<2_000).map { _ in
      mean + SIMD2(generator.nextNormal(), generator.nextNormal()) * variance.squareRoot()
    }
    state.showsArrows = false
    state.showsParticles = false
    state.showsPoints = false
    let frame = ViewRenderer.render(state)
    let peak = try #require(screenCell(of: mean, layout: layout, box: state.plotBox))
    let brightest = Self.brightestCells(frame, layout: layout)
    #expect(brightest.contains { $0 == peak })
    let meanX = Double(brightest.map(\.x).reduce(0, +)) / Double(brightest.count)
    let meanY = Double(brightest.map(\.y).reduce(0, +)) / Double(brightest.count)
    // One cell: the top colour level covers a small disc around μ, sampled on the cell grid.
    #expect(abs(meanX - Double(peak.x)) <= 1 && abs(meanY - Double(peak.y)) <= 1)
    let top = state.theme[.heatMap].color(at: 1)
    let expectedTop = style == .unicode ? top : nil
    if let expectedTop { #expect(paintedColors(frame[peak.x, peak.y]).contains(expectedTop)) }
    // The points, binned per cell by the test, are densest in the same neighbourhood.
    var counts: [Int: Int] = [:]
    for point in state.points {
      if let cell = screenCell(of: point, layout: layout, box: state.plotBox) {
        counts[cell.y * frame.width + cell.x, default: 0] += 1
      }
    }
    let densest = try #require(counts.max { $0.value < $1.value }?.key)
    #expect(abs(densest % frame.width - peak.x) <= 2 && abs(densest / frame.width - peak.y) <= 2)
  }

  /// Far from the mode, below 10⁻³ of the peak, nothing is painted: the background shows.
  @Test func densityBelowTheFloorIsNotPainted() throws {
    var state = emptyState()
    let layout = ViewLayout(width: state.width, height: state.height)
    let grid = layout.heatMapGrid
    let mean = SIMD2(0.0, 0.0)
    state.density = DensityGrid(
      columns: grid.columns, rows: grid.rows,
      values: state.plotBox.cellCentres(columns: grid.columns, rows: grid.rows).map {
        gaussianDensity($0, mean: mean, variance: 0.1)
      })
    let frame = ViewRenderer.render(state)
    let corner = (x: layout.plot.x, y: layout.plot.y)
    #expect(frame[corner.x, corner.y].background == .terminalDefault)
    let centre = try #require(screenCell(of: mean, layout: layout, box: state.plotBox))
    #expect(frame[centre.x, centre.y].background != .terminalDefault)
  }

  /// A 2 × 1 grid of any size other than the layout's is sampled nearest-tile: the left
  /// half of the plot takes the larger value's colour, the right half the smaller's.
  @Test func coarseGridIsSampledByTile() {
    var state = emptyState()
    let layout = ViewLayout(width: state.width, height: state.height)
    state.density = DensityGrid(columns: 2, rows: 1, values: [1, 0.1])
    let frame = ViewRenderer.render(state)
    let plot = layout.plot
    let half = plot.width / 2
    let y = plot.y + plot.height / 2
    let left = brightness(frame[plot.x, y]) ?? -1
    let right = brightness(frame[plot.x + plot.width - 1, y]) ?? -1
    #expect(left > right && right > 0)
    #expect((plot.x..<(plot.x + half)).allSatisfy { brightness(frame[$0, y]) == left })
    #expect(
      ((plot.x + plot.width - half)..<(plot.x + plot.width)).allSatisfy {
        brightness(frame[$0, y]) == right
      })
  }

  /// Histogram mode: 40 points in one spot, one point in each of 5 others; the brightest
  /// cell holds the 40, every single-point cell is painted but dimmer, empty cells are not;
  /// the colour bar runs from 40 points down to 1.
  @Test(arguments: GlyphStyle.allCases)
  func histogramPeakIsWhereMostPointsFall(style: GlyphStyle) throws {
    var state = emptyState(style: style)
    let layout = ViewLayout(width: state.width, height: state.height)
    let crowd = SIMD2(-1.3, 0.7)
    let singles = [
      SIMD2(1.5, 1.0), SIMD2(2.0, -1.2), SIMD2(-2.2, -1.5), SIMD2(0.2, 0.1), SIMD2(-0.5, 1.6),
    ]
    state.points = Array(repeating: crowd, count: 40) + singles
    state.densityMode = .histogram
    state.showsPoints = false
    state.showsArrows = false
    let frame = ViewRenderer.render(state)
    let peak = try #require(screenCell(of: crowd, layout: layout, box: state.plotBox))
    let brightest = Self.brightestCells(frame, layout: layout)
    #expect(brightest.count == 1 && brightest.first.map { $0 == peak } == true)
    let peakBrightness = try #require(brightness(frame[peak.x, peak.y]))
    var painted = 1
    for single in singles {
      let cell = try #require(screenCell(of: single, layout: layout, box: state.plotBox))
      let value = try #require(brightness(frame[cell.x, cell.y]))
      #expect(value < peakBrightness)
      painted += 1
    }
    let paintedCells = plotCells(layout).filter { brightness(frame[$0.x, $0.y]) != nil }
    #expect(paintedCells.count == painted)
    let lines = frame.plainText.split(separator: "\n")
    #expect(
      lines.contains { $0.hasSuffix(" 40") } && lines.contains { $0.hasSuffix(" 1") }, "bar labels")
  }

  /// The colour bar runs from the gradient's top colour (labelled with the peak) downwards.
  @Test func colourBarShowsTheScale() throws {
    var state = emptyState()
    state.density = DensityGrid(columns: 1, rows: 1, values: [0.25])
    let layout = ViewLayout(width: state.width, height: state.height)
    let frame = ViewRenderer.render(state)
    let lines = frame.plainText.split(separator: "\n", omittingEmptySubsequences: false)
    let labelRow = try #require(lines.firstIndex { $0.hasSuffix(" 0.250") })
    let barCell = frame[layout.sidePanel.x, labelRow]
    #expect(paintedColors(barCell).contains(state.theme[.heatMap].color(at: 1)))
    #expect(lines.contains { $0.hasSuffix(" 2.50e-04") }, "floor label: 10⁻³ of the peak")
  }

  @Test func offModePaintsNothing() {
    var state = emptyState()
    state.density = DensityGrid(columns: 1, rows: 1, values: [1])
    state.densityMode = .off
    let frame = ViewRenderer.render(state)
    let layout = ViewLayout(width: state.width, height: state.height)
    #expect(plotCells(layout).allSatisfy { brightness(frame[$0.x, $0.y]) == nil })
    #expect(!frame.plainText.contains("density"))
  }
}
