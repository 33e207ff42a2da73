// The likelihood density mode paints the model's grid, or nothing while it is computed.

import ScoreCore
import ScoreView
import Testing

@Suite struct LikelihoodModeTests {
  /// A Gaussian bump on a 12 × 8 tiling of the state's box, in density units.
  static func bump(_ state: ViewState, mean: SIMD2<Double>) -> DensityGrid {
    let tiles = state.plotBox.cellCentres(columns: 12, rows: 8)
    return DensityGrid(
      columns: 12, rows: 8,
      values: tiles.map { gaussianDensity($0, mean: mean, variance: 0.5) })
  }

  static func plotRows(_ frame: Frame, _ layout: ViewLayout) -> [[Cell]] {
    (layout.plot.y..<(layout.plot.y + layout.plot.height)).map { y in
      (layout.plot.x..<(layout.plot.x + layout.plot.width)).map { frame[$0, y] }
    }
  }

  /// The likelihood grid is painted exactly as the KDE mode paints the same values, and the
  /// KDE grid is not read; the legend names the model and the ODE.
  @Test func paintsTheLikelihoodGridLikeADensity() {
    var state = emptyState()
    let layout = ViewLayout(width: state.width, height: state.height)
    state.density = Self.bump(state, mean: SIMD2(-1.5, 0))
    state.likelihood = Self.bump(state, mean: SIMD2(1.5, 0.5))
    state.densityMode = .likelihood
    let likelihoodFrame = ViewRenderer.render(state)
    var reference = state
    reference.densityMode = .kde
    reference.density = state.likelihood
    let referenceFrame = ViewRenderer.render(reference)
    #expect(Self.plotRows(likelihoodFrame, layout) == Self.plotRows(referenceFrame, layout))
    var kdeOnly = state
    kdeOnly.densityMode = .kde
    #expect(Self.plotRows(ViewRenderer.render(kdeOnly), layout) != Self.plotRows(likelihoodFrame, layout))
    let text = likelihoodFrame.plainText
    #expect(text.contains("density model") && text.contains("(ODE)"))
    #expect(text.contains("density, log scale") && !text.contains("computing"))
  }

  /// Without a likelihood grid the plot has no heat map (even with a KDE grid present),
  /// there is no colour bar, and the legend says the grid is being computed.
  @Test(arguments: [GlyphStyle.unicode, .ascii])
  func computingDrawsNoHeatMap(style: GlyphStyle) {
    var state = emptyState(style: style)
    let layout = ViewLayout(width: state.width, height: state.height)
    state.density = Self.bump(state, mean: SIMD2(0, 0))
    state.densityMode = .likelihood
    let frame = ViewRenderer.render(state)
    #expect(plotCells(layout).allSatisfy { brightness(frame[$0.x, $0.y]) == nil })
    let text = frame.plainText
    let ellipsis = style == .unicode ? "…" : "..."
    #expect(text.contains("density model") && text.contains("(ODE) computing" + ellipsis), "\(text)")
    #expect(!text.contains("log scale"))
  }

  /// The legend's source in each mode: "KDE" with h, "histogram", "model" with the ODE.
  @Test func legendNamesTheSource() {
    var state = emptyState()
    state.status.bandwidth = 0.25
    state.densityMode = .kde
    var text = ViewRenderer.render(state).plainText
    #expect(text.contains("density KDE") && text.contains("h=0.250"))
    state.densityMode = .histogram
    text = ViewRenderer.render(state).plainText
    #expect(text.contains("density histogram") && !text.contains("h=0.250"))
    state.densityMode = .off
    text = ViewRenderer.render(state).plainText
    #expect(!text.contains("density") && !text.contains("ODE"))
  }
}
