// The particles' trails light the cells of their positions, fading with age, clipped to the plot.

import ScoreCore
import ScoreView
import Testing

@Suite struct TrailLayerTests {
  /// A state with only trails to draw: no points, particles, arrows or density.
  static func trailState(
    _ positions: [SIMD2<Double>], style: GlyphStyle = .unicode, theme: Theme = .builtIn
  ) -> ViewState {
    var state = emptyState(style: style)
    state.theme = theme
    state.densityMode = .off
    var trails = ParticleTrails(particleCount: 1, length: ParticleTrails.maximumLength)
    for position in positions { trails.record([position]) }
    state.trails = trails
    return state
  }

  static func inside(_ rect: CellRect, _ x: Int, _ y: Int) -> Bool {
    x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height
  }

  static func isBraille(_ cell: Cell) -> Bool { (0x2801...0x28FF).contains(cell.glyph.value) }

  /// Positions along a horizontal line, each in its own cell, away from cell edges.
  static func line(count: Int, layout: ViewLayout, box: PlotBox) -> [SIMD2<Double>] {
    let cellWidth = box.width / Double(layout.plot.width)
    let cellHeight = box.height / Double(layout.plot.height)
    let y = box.yMin + 10.5 * cellHeight
    return (0..<count).map { i in SIMD2(box.xMin + (Double(2 * i) + 1.3) * cellWidth, y) }
  }

  /// The band colour by formula: particles p blended towards the ground g (the background,
  /// or the status background when the background is the terminal's) by (b + 1)/5.
  static func expectedColor(age: Int, length: Int, theme: Theme) -> CellColor {
    guard case .rgb(let p) = theme[.particles] else { return theme[.particles] }
    let groundColor = theme[.background] == .terminalDefault ? theme[.statusBackground] : theme[.background]
    guard case .rgb(let g) = groundColor else { return theme[.particles] }
    let band = min(3, age * 4 / length)
    let t = Double(band + 1) / 5
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + t * (Double(b) - Double(a))).rounded()) }
    return .rgb(RGB(mix(p.red, g.red), mix(p.green, g.green), mix(p.blue, g.blue)))
  }

  /// A straight trail lights exactly the cells of its positions (independent screen
  /// geometry), and nothing else in the plot.
  @Test func straightTrailLightsItsCells() throws {
    let base = Self.trailState([])
    let layout = ViewLayout(width: base.width, height: base.height)
    let positions = Self.line(count: 8, layout: layout, box: base.plotBox)
    let frame = ViewRenderer.render(Self.trailState(positions))
    var expected = Set<Int>()
    for p in positions {
      let cell = try #require(screenCell(of: p, layout: layout, box: base.plotBox))
      expected.insert(cell.y * frame.width + cell.x)
    }
    #expect(expected.count == 8)
    let lit = plotCells(layout).filter { Self.isBraille(frame[$0.x, $0.y]) }.map {
      $0.y * frame.width + $0.x
    }
    #expect(Set(lit) == expected)
  }

  /// Older positions take dimmer bands: with 24 positions of a 24-long ring, age a is in
  /// band ⌊4a/24⌋, and its cell's colour is the blend the formula gives, in both built-in
  /// ground cases (a theme with its own background, and the default's terminal background).
  @Test(arguments: [false, true])
  func olderPositionsFadeTowardsTheBackground(ownBackground: Bool) throws {
    var theme = Theme.builtIn
    if ownBackground {
      theme = Theme(name: "test", colors: [.background: .rgb(RGB(0x10, 0x20, 0x30))])
    }
    let base = Self.trailState([], theme: theme)
    let layout = ViewLayout(width: base.width, height: base.height)
    let positions = Self.line(count: 24, layout: layout, box: base.plotBox)
    let frame = ViewRenderer.render(Self.trailState(positions, theme: theme))
    var colours = Set<CellColor>()
    for (index, p) in positions.enumerated() {
      let cell = try #require(screenCell(of: p, layout: layout, box: base.plotBox))
      let age = positions.count - 1 - index
      let expected = Self.expectedColor(age: age, length: 24, theme: theme)
      #expect(frame[cell.x, cell.y].foreground == expected, "age \(age)")
      colours.insert(frame[cell.x, cell.y].foreground)
    }
    #expect(colours.count == 4, "four distinct bands")
    guard case .rgb(let newest) = Self.expectedColor(age: 0, length: 24, theme: theme),
      case .rgb(let oldest) = Self.expectedColor(age: 23, length: 24, theme: theme),
      case .rgb(let particles) = theme[.particles]
    else {
      Issue.record("the test themes are RGB")
      return
    }
    #expect(luminance(particles) > luminance(newest) && luminance(newest) > luminance(oldest))
  }

  /// Two positions in one cell: the newer band's colour wins, whichever dot came first.
  @Test func newestBandWinsInASharedCell() throws {
    let base = Self.trailState([])
    let layout = ViewLayout(width: base.width, height: base.height)
    let spot = Self.line(count: 1, layout: layout, box: base.plotBox)[0]
    let far = Self.line(count: 20, layout: layout, box: base.plotBox)[19]
    // ages: spot 23 (oldest band), far 22 … 1, spot again at age 0 (newest band).
    let positions = [spot] + Array(repeating: far, count: 22) + [spot]
    let frame = ViewRenderer.render(Self.trailState(positions))
    let cell = try #require(screenCell(of: spot, layout: layout, box: base.plotBox))
    #expect(frame[cell.x, cell.y].foreground == Self.expectedColor(age: 0, length: 24, theme: .builtIn))
  }

  /// Switched off, the trails leave the frame exactly as without them.
  @Test func offDrawsNothing() {
    let base = Self.trailState([])
    let layout = ViewLayout(width: base.width, height: base.height)
    var state = Self.trailState(Self.line(count: 8, layout: layout, box: base.plotBox))
    #expect(ViewRenderer.render(state) != ViewRenderer.render(base))
    state.showsTrails = false
    #expect(ViewRenderer.render(state) == ViewRenderer.render(base))
  }

  /// With the particles hidden their trails go too: the frame is the one without trails.
  @Test func hiddenParticlesHideTheirTrails() {
    let base = Self.trailState([])
    let layout = ViewLayout(width: base.width, height: base.height)
    var state = Self.trailState(Self.line(count: 8, layout: layout, box: base.plotBox))
    var bare = base
    state.showsParticles = false
    bare.showsParticles = false
    #expect(state.showsTrails && !state.drawsTrails)
    #expect(ViewRenderer.render(state) == ViewRenderer.render(bare))
  }

  /// A trail running from inside the box out past its right edge lights only its inside
  /// positions' cells; no cell outside the plot changes except the legend.
  @Test func trailCrossingTheEdgeIsClipped() throws {
    let base = Self.trailState([])
    let layout = ViewLayout(width: base.width, height: base.height)
    let box = base.plotBox
    let cellWidth = box.width / Double(layout.plot.width)
    let y = box.yMin + 5.5 * box.height / Double(layout.plot.height)
    let positions = (0..<12).map { i in SIMD2(box.xMax - (5.7 - Double(i)) * cellWidth, y) }
    let inside = positions.filter { $0.x <= box.xMax }
    #expect(inside.count == 6 && positions.count - inside.count == 6)
    var withoutLegend = Self.trailState(positions)
    let frame = ViewRenderer.render(withoutLegend)
    let blank = ViewRenderer.render(base)
    var expected = Set<Int>()
    for p in inside {
      let cell = try #require(screenCell(of: p, layout: layout, box: box))
      expected.insert(cell.y * frame.width + cell.x)
    }
    let lit = plotCells(layout).filter { Self.isBraille(frame[$0.x, $0.y]) }.map {
      $0.y * frame.width + $0.x
    }
    #expect(Set(lit) == expected)
    for y in 0..<frame.height {
      for x in 0..<frame.width where !Self.inside(layout.plot, x, y) && !Self.inside(layout.sidePanel, x, y) {
        #expect(frame[x, y] == blank[x, y], "cell (\(x), \(y)) outside the plot")
      }
    }
    withoutLegend.showsTrails = false
    #expect(ViewRenderer.render(withoutLegend) == blank)
  }

  /// Non-finite positions set no dot; the finite ones around them still do.
  @Test func nonFinitePositionsAreSkipped() throws {
    let base = Self.trailState([])
    let layout = ViewLayout(width: base.width, height: base.height)
    let good = Self.line(count: 2, layout: layout, box: base.plotBox)
    let positions = [
      good[0], SIMD2(.nan, 0), SIMD2(0, .infinity), SIMD2(-.infinity, .nan), good[1],
    ]
    let frame = ViewRenderer.render(Self.trailState(positions))
    let lit = plotCells(layout).filter { Self.isBraille(frame[$0.x, $0.y]) }
    #expect(lit.count == 2)
  }

  /// In ASCII every trail dot is a '.', whatever row of the cell it falls in.
  @Test func asciiTrailsAreDots() throws {
    let base = Self.trailState([], style: .ascii)
    let layout = ViewLayout(width: base.width, height: base.height)
    let positions = Self.line(count: 5, layout: layout, box: base.plotBox).map {
      $0 + SIMD2(0, 0.3 * base.plotBox.height / Double(layout.plot.height))
    }
    let frame = ViewRenderer.render(Self.trailState(positions, style: .ascii))
    for p in positions {
      let cell = try #require(screenCell(of: p, layout: layout, box: base.plotBox))
      #expect(frame[cell.x, cell.y].glyph == ".")
    }
    #expect(frame.plainText.unicodeScalars.allSatisfy { $0.isASCII })
  }

  /// Degenerate sizes with full trails render without trapping.
  @Test(arguments: [(0, 0), (1, 1), (2, 1), (30, 8)])
  func degenerateSizesDoNotCrash(width: Int, height: Int) {
    var trails = ParticleTrails(particleCount: 256, length: 24)
    for k in 0..<30 {
      trails.record((0..<300).map { SIMD2(Double($0 % 17) * 0.2 - 1.6, Double(k) * 0.1 - 1.5) })
    }
    let state = ViewState(width: width, height: height, trails: trails)
    let frame = ViewRenderer.render(state)
    #expect(frame.width == width && frame.height == height)
  }
}
