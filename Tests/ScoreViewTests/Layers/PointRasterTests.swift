// A raster of the points made once draws the same frame as mapping the points one by one.

import ScoreCore
import ScoreView
import Testing

@Suite struct PointRasterTests {
  /// 5,000 seeded points over and around the box, with a few non-finite ones.
  static func scatteredPoints() -> [SIMD2<Double>] {
    var rng = SeededGenerator(seed: 5)
    var points = (0..<5_000).map { _ in
      SIMD2(Double.random(in: -3.5...3.5, using: &rng), Double.random(in: -2.5...2.5, using: &rng))
    }
    points += [SIMD2(.nan, 0), SIMD2(0, .infinity), SIMD2(3, 2), SIMD2(-3, -2)]
    return points
  }

  static func state(style: GlyphStyle, density: DensityMode) -> ViewState {
    var state = emptyState(width: 120, height: 36, style: style)
    state.plotBox = PlotBox(xMin: -3, xMax: 3, yMin: -2, yMax: 2)
    state.points = scatteredPoints()
    state.particles = [SIMD2(0.5, 0.5), SIMD2(-1, 1)]
    state.densityMode = density
    return state
  }

  /// Dots and the histogram heat map from the raster match the point-by-point drawing, in
  /// both glyph styles.
  @Test(arguments: GlyphStyle.allCases, [DensityMode.off, .histogram])
  func rasterDrawsWhatThePointsDraw(style: GlyphStyle, density: DensityMode) {
    var state = Self.state(style: style, density: density)
    let reference = ViewRenderer.render(state)
    let layout = ViewLayout(width: state.width, height: state.height)
    state.pointRaster = PointRaster(
      points: state.points, color: state.theme[.points], box: state.plotBox, area: layout.plot)
    #expect(ViewRenderer.render(state) == reference)
  }

  /// A raster made for another box, plot area or colour is not used: the points are drawn.
  @Test func rasterForAnotherPlotIsIgnored() {
    var state = Self.state(style: .unicode, density: .histogram)
    let reference = ViewRenderer.render(state)
    let layout = ViewLayout(width: state.width, height: state.height)
    let others = state.points.map { $0 * 0.5 }
    let otherBox = PlotBox(xMin: -2, xMax: 2, yMin: -2, yMax: 2)
    let smaller = CellRect(x: layout.plot.x, y: layout.plot.y, width: layout.plot.width - 1, height: layout.plot.height)
    for raster in [
      PointRaster(points: others, color: state.theme[.points], box: otherBox, area: layout.plot),
      PointRaster(points: others, color: state.theme[.points], box: state.plotBox, area: smaller),
      PointRaster(points: others, color: state.theme[.particles], box: state.plotBox, area: layout.plot),
    ] {
      state.pointRaster = raster
      #expect(ViewRenderer.render(state) == reference)
    }
    // The same raster for this plot is used: the frame then shows the other points.
    state.pointRaster = PointRaster(
      points: others, color: state.theme[.points], box: state.plotBox, area: layout.plot)
    #expect(ViewRenderer.render(state) != reference)
  }
}
