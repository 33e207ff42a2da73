// Points and particles land as the right braille dots in the right cells and colours.

import ScoreCore
import ScoreView
import Testing

@Suite struct DotLayerTests {
  /// The dot (column 0–1, row 0–3) inside its cell that contains `p`, computed from the
  /// plot area cut into 2 × 4 sub-cells per cell.
  static func subCell(of p: SIMD2<Double>, layout: ViewLayout, box: PlotBox) -> (Int, Int) {
    let u = (p.x - box.xMin) / (box.xMax - box.xMin) * Double(2 * layout.plot.width)
    let v = (box.yMax - p.y) / (box.yMax - box.yMin) * Double(4 * layout.plot.height)
    return (Int(u) % 2, Int(v) % 4)
  }

  /// Unicode braille bit of dot (column, row): dots 1-2-3 / 4-5-6 down the columns, 7-8 last.
  static func brailleBit(column: Int, row: Int) -> UInt32 {
    [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]][column][row]
  }

  static let places = [SIMD2(-2.5, 1.5), SIMD2(0.03, 0.02), SIMD2(1.77, -1.31), SIMD2(2.9, 1.9)]

  /// Each isolated point is exactly one dotted cell at its own place, with its own dot (or
  /// `'`/`.` for the upper/lower half in ASCII), in the points colour; nothing else is dotted.
  @Test(arguments: GlyphStyle.allCases)
  func pointsLandOnTheirCells(style: GlyphStyle) throws {
    var state = emptyState(style: style)
    let layout = ViewLayout(width: state.width, height: state.height)
    state.points = Self.places
    let frame = ViewRenderer.render(state)
    var expected: Set<Int> = []
    for place in Self.places {
      let cell = try #require(screenCell(of: place, layout: layout, box: state.plotBox))
      let (column, row) = Self.subCell(of: place, layout: layout, box: state.plotBox)
      let glyph = frame[cell.x, cell.y].glyph
      switch style {
      case .unicode: #expect(glyph.value == 0x2800 + Self.brailleBit(column: column, row: row))
      case .ascii: #expect(glyph == (row < 2 ? "'" : "."))
      }
      #expect(frame[cell.x, cell.y].foreground == state.theme[.points])
      expected.insert(cell.y * frame.width + cell.x)
    }
    let dotted = plotCells(layout).filter { isDotGlyph(frame[$0.x, $0.y].glyph, style: style) }
    #expect(Set(dotted.map { $0.y * frame.width + $0.x }) == expected)
  }

  /// Particles draw in the particles colour; where a particle shares a cell with a point the
  /// cell keeps both dots and takes the particles colour (particles are drawn over points).
  @Test(arguments: GlyphStyle.allCases)
  func particlesDrawOverPointsInTheirColour(style: GlyphStyle) throws {
    var state = emptyState(style: style)
    let layout = ViewLayout(width: state.width, height: state.height)
    let (columnWidth, rowHeight) = (
      state.plotBox.width / Double(2 * layout.plot.width),
      state.plotBox.height / Double(4 * layout.plot.height)
    )
    let shared = try #require(screenCell(of: Self.places[1], layout: layout, box: state.plotBox))
    let (column, row) = Self.subCell(of: Self.places[1], layout: layout, box: state.plotBox)
    // The particle sits in the same cell, one dot to the side and two dots up or down.
    let particle =
      Self.places[1]
      + SIMD2(column == 0 ? columnWidth : -columnWidth, row < 2 ? -2 * rowHeight : 2 * rowHeight)
    #expect(
      screenCell(of: particle, layout: layout, box: state.plotBox).map { $0 == shared } == true)
    state.points = [Self.places[1]]
    state.particles = [particle, Self.places[3]]
    let frame = ViewRenderer.render(state)
    let sharedCell = frame[shared.x, shared.y]
    #expect(sharedCell.foreground == state.theme[.particles])
    switch style {
    case .unicode:
      let bits = sharedCell.glyph.value - 0x2800
      #expect(bits.nonzeroBitCount == 2, "the point's dot and the particle's dot")
    case .ascii:
      #expect(sharedCell.glyph == ":")
    }
    let alone = try #require(screenCell(of: Self.places[3], layout: layout, box: state.plotBox))
    #expect(frame[alone.x, alone.y].foreground == state.theme[.particles])
    #expect(isDotGlyph(frame[alone.x, alone.y].glyph, style: style))
  }

  /// Switching a layer off removes exactly its marks: dots, arrows, or painted cells.
  @Test(arguments: GlyphStyle.allCases)
  func togglesRemoveLayers(style: GlyphStyle) throws {
    var state = emptyState(style: style)
    let layout = ViewLayout(width: state.width, height: state.height)
    state.points = [Self.places[0]]
    state.particles = [Self.places[2]]
    state.arrows = ArrowField(columns: 1, rows: 1, vectors: [SIMD2(1, 0)])
    state.density = DensityGrid(columns: 1, rows: 1, values: [1])
    let pointCell = try #require(screenCell(of: Self.places[0], layout: layout, box: state.plotBox))
    let particleCell = try #require(
      screenCell(of: Self.places[2], layout: layout, box: state.plotBox))
    let arrowCell = try #require(
      screenCell(
        of: state.plotBox.cellCentres(columns: 1, rows: 1)[0], layout: layout, box: state.plotBox))
    func marks(_ state: ViewState) -> (Bool, Bool, Bool, Bool) {
      let frame = ViewRenderer.render(state)
      return (
        isDotGlyph(frame[pointCell.x, pointCell.y].glyph, style: style),
        isDotGlyph(frame[particleCell.x, particleCell.y].glyph, style: style),
        arrowDirection(in: frame, x: arrowCell.x, y: arrowCell.y, style: style) == 0,
        plotCells(layout).contains { brightness(frame[$0.x, $0.y]) != nil }
      )
    }
    #expect(marks(state) == (true, true, true, true))
    var changed = state
    changed.showsPoints = false
    #expect(marks(changed) == (false, true, true, true))
    changed = state
    changed.showsParticles = false
    #expect(marks(changed) == (true, false, true, true))
    changed = state
    changed.showsArrows = false
    #expect(marks(changed) == (true, true, false, true))
    changed = state
    changed.densityMode = .off
    #expect(marks(changed) == (true, true, true, false))
  }
}
