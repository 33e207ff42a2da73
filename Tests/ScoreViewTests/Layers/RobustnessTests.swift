// Any size renders; ASCII mode stays ASCII; non-finite inputs never reach the screen.

import ScoreCore
import ScoreView
import Testing

@Suite struct RobustnessTests {
  /// A state with every layer populated and help shown, with non-ASCII text everywhere.
  static func busyState(width: Int, height: Int, style: GlyphStyle) -> ViewState {
    var state = emptyState(width: width, height: height, style: style)
    let layout = ViewLayout(width: width, height: height)
    var generator = SeededGenerator(seed: 3)
    state.points = (0..<500).map { _ in SIMD2(generator.nextNormal(), generator.nextNormal()) }
    state.particles = (0..<200).map { _ in SIMD2(generator.nextNormal(), generator.nextNormal()) }
    let heat = layout.heatMapGrid
    state.density = DensityGrid(
      columns: heat.columns, rows: heat.rows,
      values: state.plotBox.cellCentres(columns: heat.columns, rows: heat.rows).map {
        gaussianDensity($0, mean: .zero, variance: 1)
      })
    let grid = layout.arrowGrid
    let centres = state.plotBox.cellCentres(columns: grid.columns, rows: grid.rows)
    state.arrows = ArrowField(
      columns: grid.columns, rows: grid.rows, vectors: centres.map { -$0 },
      errors: centres.map { ($0 * $0).sum() })
    state.status.datasetName = "mönd 月 🌙"
    state.status.message = "naïve ✓ — 中文 message"
    state.status.lossHistory = (0..<50).map { 1 / Double($0 + 1) }
    state.keyBindings = [
      KeyBinding(key: "←/→", summary: "σ level — Ω"), KeyBinding(key: "q", summary: "quit"),
    ]
    state.showsHelp = true
    return state
  }

  /// Any size gives a frame of that size (none for a negative one), with the help box (and
  /// its "quit") only where the view fits.
  @Test(arguments: [(0, 0), (1, 1), (2, 1), (79, 24), (80, 23), (80, 24), (500, 200), (-3, 5)])
  func anySizeRenders(size: (Int, Int)) {
    for style in GlyphStyle.allCases {
      for mode in [ArrowFieldMode.learned, .error] {
        var state = Self.busyState(width: size.0, height: size.1, style: style)
        state.arrowMode = mode
        state.densityMode = mode == .error ? .histogram : .kde
        let frame = ViewRenderer.render(state)
        #expect(frame.width == max(0, size.0) && frame.height == max(0, size.1))
        #expect(frame.plainText.contains("quit") == (size.0 >= 80 && size.1 >= 24))
      }
    }
  }

  @Test(arguments: [(79, 24), (80, 23), (80, 24), (120, 20)])
  func tooSmallNote(size: (Int, Int)) {
    let frame = ViewRenderer.render(Self.busyState(width: size.0, height: size.1, style: .unicode))
    let note = "Terminal too small: \(size.0)×\(size.1), need 80×24"
    let isSmall = size.0 < 80 || size.1 < 24
    #expect(frame.plainText.contains(note) == isSmall)
    if isSmall {
      let lines = frame.plainText.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(
        lines.filter { !$0.isEmpty } == [
          Substring(String(repeating: " ", count: (size.0 - note.count) / 2) + note)
        ])
      #expect(lines.firstIndex { !$0.isEmpty } == (size.1 - 1) / 2, "vertically centred")
    }
  }

  /// Too narrow for one line: the note breaks in two and still names both sizes.
  @Test func narrowNoteBreaks() {
    let frame = ViewRenderer.render(Self.busyState(width: 24, height: 6, style: .ascii))
    let text = frame.plainText
    #expect(text.contains("Terminal too small") && text.contains("24x6, need 80x24"))
  }

  /// In ASCII mode every cell of every frame holds a printable ASCII scalar.
  @Test(arguments: [(80, 24), (120, 40), (200, 60), (60, 20)])
  func asciiModeIsAscii(size: (Int, Int)) {
    for mode in [DensityMode.kde, .histogram] {
      var state = Self.busyState(width: size.0, height: size.1, style: .ascii)
      state.densityMode = mode
      for help in [false, true] {
        state.showsHelp = help
        let frame = ViewRenderer.render(state)
        #expect(frame.cells.allSatisfy { (0x20...0x7E).contains($0.glyph.value) })
      }
    }
  }

  /// Unicode mode writes no scalar that may take two columns or none: wide CJK and emoji
  /// from the state's text become "?".
  @Test func unicodeModeHasOnlyOneColumnGlyphs() {
    let frame = ViewRenderer.render(Self.busyState(width: 120, height: 40, style: .unicode))
    #expect(!frame.cells.contains { $0.glyph == "月" || $0.glyph == "🌙" || $0.glyph == "中" })
    #expect(
      frame.cells.allSatisfy { $0.glyph.value >= 0x20 && !$0.glyph.properties.isEmojiPresentation })
    #expect(frame.plainText.contains("mönd ? ?"))
  }

  /// Every numeric input NaN (or ±∞): no "nan"/"inf" text, no mark or colour in the plot,
  /// and status values shown as the dash.
  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func nonFiniteInputsNeverReachTheScreen(bad: Double) {
    for style in GlyphStyle.allCases {
      for densityMode in DensityMode.allCases {
        for arrowMode in ArrowFieldMode.allCases {
          var state = emptyState(style: style)
          let layout = ViewLayout(width: state.width, height: state.height)
          let heat = layout.heatMapGrid
          let grid = layout.arrowGrid
          let badPoint = SIMD2(bad, bad)
          state.plotBox = PlotBox(xMin: bad, xMax: bad, yMin: bad, yMax: bad)
          state.points = [badPoint, SIMD2(0, bad), SIMD2(bad, 0)]
          state.particles = state.points
          state.densityMode = densityMode
          state.density = DensityGrid(
            columns: heat.columns, rows: heat.rows, values: Array(repeating: bad, count: heat.count)
          )
          state.arrowMode = arrowMode
          state.arrows = ArrowField(
            columns: grid.columns, rows: grid.rows,
            vectors: Array(repeating: badPoint, count: grid.count),
            errors: Array(repeating: bad, count: grid.count))
          state.status = StatusValues(
            datasetName: "moons", datasetCount: 3, objective: "DSM", epoch: 1, loss: bad,
            lossHistory: [bad, bad], samplesPerSecond: bad, sigma: bad, sigmaLevel: 1,
            sigmaLevelCount: 10, bandwidth: bad, bandwidthSource: .lockedToSigma,
            langevinStep: bad, sampler: .langevin, fieldError: bad, framesPerSecond: bad)
          let frame = ViewRenderer.render(state)
          let text = frame.plainText.lowercased()
          #expect(!text.contains("nan") && !text.contains("inf"))
          #expect(
            plotCells(layout).allSatisfy {
              frame[$0.x, $0.y] == Cell(" ", foreground: state.theme[.text])
            })
          let dash = style == .unicode ? "—" : "-"
          let sigma = style == .unicode ? "σ" : "sigma"
          #expect(text.contains("loss \(dash)  samples/s \(dash)"))
          #expect(text.contains("\(sigma) \(dash) (1/10)"))
        }
      }
    }
  }

  /// Finite and non-finite values mixed: the finite ones are drawn, the others skipped.
  @Test func finiteValuesSurviveNonFiniteNeighbours() throws {
    var state = emptyState()
    let layout = ViewLayout(width: state.width, height: state.height)
    state.points = [SIMD2(.nan, 0), SIMD2(0.5, 0.5), SIMD2(0, .infinity)]
    state.density = DensityGrid(columns: 2, rows: 1, values: [.nan, 1])
    state.arrows = ArrowField(columns: 2, rows: 1, vectors: [SIMD2(.nan, 1), SIMD2(0, 1)])
    let frame = ViewRenderer.render(state)
    let point = try #require(screenCell(of: SIMD2(0.5, 0.5), layout: layout, box: state.plotBox))
    #expect(isDotGlyph(frame[point.x, point.y].glyph, style: .unicode))
    let centres = state.plotBox.cellCentres(columns: 2, rows: 1)
    let good = try #require(screenCell(of: centres[1], layout: layout, box: state.plotBox))
    let bad = try #require(screenCell(of: centres[0], layout: layout, box: state.plotBox))
    #expect(frame[good.x, good.y].glyph == "↑" && frame[bad.x, bad.y].glyph == " ")
    #expect(brightness(frame[bad.x, bad.y]) == nil && brightness(frame[good.x, good.y]) != nil)
    #expect(
      plotCells(layout).filter { isDotGlyph(frame[$0.x, $0.y].glyph, style: .unicode) }.count == 1)
  }

  /// Extreme but finite scales: huge and tiny boxes, subnormal and huge magnitudes render;
  /// y labels stay in their column (a space before the axis line), and a box too far from
  /// zero for readable ticks keeps its tick marks without labels.
  @Test(arguments: [
    PlotBox(xMin: -1e-9, xMax: 1e-9, yMin: -1e-9, yMax: 1e-9),
    PlotBox(xMin: -3e7, xMax: 5e7, yMin: -1e8, yMax: 1e8),
    PlotBox(xMin: 1e300, xMax: 1.5e300, yMin: -1e300, yMax: 1e300),
  ])
  func extremeScalesRender(box: PlotBox) {
    for tiny in [Double.leastNonzeroMagnitude, 1e-300, 1e300] {
      var state = emptyState(width: 90, height: 30)
      let layout = ViewLayout(width: 90, height: 30)
      state.plotBox = box
      state.density = DensityGrid(
        columns: 2, rows: 2, values: [tiny, 0, tiny / 2, .greatestFiniteMagnitude])
      state.arrows = ArrowField(
        columns: 2, rows: 1, vectors: [SIMD2(tiny, 0), SIMD2(0, -tiny)], errors: [tiny, 0])
      for mode in ArrowFieldMode.allCases {
        state.arrowMode = mode
        let frame = ViewRenderer.render(state)
        let labelEnd = layout.plot.x - 2
        #expect(
          (layout.plot.y..<(layout.plot.y + layout.plot.height)).allSatisfy {
            frame[labelEnd, $0].glyph == " "
          })
        #expect(frame.plainText.contains("┤") && frame.plainText.contains("┬"))
      }
    }
  }
}
