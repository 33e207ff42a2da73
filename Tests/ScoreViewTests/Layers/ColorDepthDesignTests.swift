// Every colour depth keeps particles, data, arrows and density bands apart, checked cell by cell.

import Foundation
import ScoreCore
import ScoreView
import Testing

/// A cell of the frame.
struct Spot: Hashable {
  let x: Int
  let y: Int
}

@Suite struct ColorDepthDesignTests {
  /// The Gaussian under every layer.
  static let variance = 0.6

  /// A 100 × 30 state designed for `depth`: a Gaussian density, its score as arrows, data on a
  /// ring and particles on a lattice over the whole box, so they fall on every band and on
  /// the bare background.
  static func layeredState(
    depth: ColorDepth, style: GlyphStyle, width: Int = 100, height: Int = 30
  ) -> ViewState {
    var state = emptyState(width: width, height: height, style: style)
    state.colorDepth = depth
    let layout = ViewLayout(width: state.width, height: state.height)
    let heat = layout.heatMapGrid
    let tiles = state.plotBox.cellCentres(columns: heat.columns, rows: heat.rows)
    state.density = DensityGrid(
      columns: heat.columns, rows: heat.rows,
      values: tiles.map { gaussianDensity($0, mean: .zero, variance: variance) })
    let grid = layout.arrowGrid
    let centres = state.plotBox.cellCentres(columns: grid.columns, rows: grid.rows)
    state.arrows = ArrowField(
      columns: grid.columns, rows: grid.rows, vectors: centres.map { -$0 / variance })
    state.points = (0..<240).map { k in
      let angle = Double(k) * 2 * Double.pi / 240
      return SIMD2(1.1 * cos(angle), 1.1 * sin(angle))
    }
    let box = state.plotBox
    state.particles = stride(from: box.xMin + 0.0731, to: box.xMax, by: 0.3137).flatMap { x in
      stride(from: box.yMin + 0.0517, to: box.yMax, by: 0.2291).map { y in SIMD2(x, y) }
    }
    return state
  }

  /// The state with only the heat map drawn.
  static func densityOnly(_ state: ViewState) -> ViewState {
    var bare = state
    bare.showsPoints = false
    bare.showsParticles = false
    bare.showsArrows = false
    return bare
  }

  /// The frame as a terminal of `depth` shows it: the ANSI text replayed cell by cell.
  static func shown(_ state: ViewState) throws -> [[ReplayedCell]] {
    let text = ViewRenderer.render(state).ansiText(colorDepth: state.colorDepth)
    return try #require(replaySGR(text))
  }

  /// The replayed cell at (x, y); a blank default cell past the end of a trimmed line.
  static func cell(_ rows: [[ReplayedCell]], _ x: Int, _ y: Int) -> ReplayedCell {
    guard y < rows.count, x < rows[y].count else {
      return ReplayedCell(glyph: " ", foreground: .terminalDefault, background: .terminalDefault, attributes: [])
    }
    return rows[y][x]
  }

  /// The colours a density cell shows: its background, and its foreground under a half block.
  static func bandColors(_ cell: ReplayedCell) -> Set<QuantizedColor> {
    var colors: Set<QuantizedColor> = [cell.background]
    if cell.glyph == "▀" || cell.glyph == "▄" { colors.insert(cell.foreground) }
    return colors
  }

  /// Cells of the data points, of the particles, and of the arrows not covered by either,
  /// found by mapping each position independently (`screenCell`).
  static func markCells(_ state: ViewState) -> (points: Set<Spot>, particles: Set<Spot>) {
    let layout = ViewLayout(width: state.width, height: state.height)
    func cells(_ points: [SIMD2<Double>]) -> Set<Spot> {
      Set(points.compactMap { screenCell(of: $0, layout: layout, box: state.plotBox) }.map { Spot(x: $0.x, y: $0.y) })
    }
    let particles = cells(state.particles)
    return (cells(state.points).subtracting(particles), particles)
  }

  /// At every colour depth, in both glyph styles, each particle and data cell's colour is
  /// none of the band colours under it (read from the same state drawn with only the heat
  /// map), and differs from the cell's own background; particles and data differ. (Arrows,
  /// drawn over the data, have a test of their own.)
  @Test(arguments: [ColorDepth.trueColor, .palette256, .ansi16, .ansi8], GlyphStyle.allCases)
  func marksNeverTakeTheBandUnderThem(depth: ColorDepth, style: GlyphStyle) throws {
    var state = Self.layeredState(depth: depth, style: style)
    state.showsArrows = false
    let shown = try Self.shown(state)
    let under = try Self.shown(Self.densityOnly(state))
    let (points, particles) = Self.markCells(state)
    #expect(particles.count > 100 && points.count > 40)
    var onBands = 0
    var particleColors: Set<QuantizedColor> = []
    var pointColors: Set<QuantizedColor> = []
    for (cells, isParticle) in [(particles, true), (points, false)] {
      for position in cells {
        let mark = Self.cell(shown, position.x, position.y)
        let band = Self.bandColors(Self.cell(under, position.x, position.y))
        #expect(isDotGlyph(mark.glyph, style: style), "no mark at \(position)")
        #expect(!band.contains(mark.foreground), "\(mark.foreground) on \(band) at \(position)")
        #expect(mark.foreground != mark.background, "invisible at \(position)")
        if band != [.terminalDefault] { onBands += 1 }
        if isParticle { particleColors.insert(mark.foreground) } else { pointColors.insert(mark.foreground) }
      }
    }
    #expect(onBands > 50, "the marks cross the heat map")
    #expect(particleColors.isDisjoint(with: pointColors), "particles and data share a colour")
  }

  /// Arrows too never take the colour of the band under them.
  @Test(arguments: [ColorDepth.trueColor, .palette256, .ansi16, .ansi8], GlyphStyle.allCases)
  func arrowsNeverTakeTheBandUnderThem(depth: ColorDepth, style: GlyphStyle) throws {
    var state = Self.layeredState(depth: depth, style: style)
    state.showsPoints = false
    state.showsParticles = false
    let shown = try Self.shown(state)
    let under = try Self.shown(Self.densityOnly(state))
    let plot = ViewLayout(width: state.width, height: state.height).plot
    var checked = 0
    for y in plot.y..<(plot.y + plot.height) {
      for x in plot.x..<(plot.x + plot.width) {
        let mark = Self.cell(shown, x, y)
        guard mark.glyph != Self.cell(under, x, y).glyph, !isDotGlyph(mark.glyph, style: style) else { continue }
        #expect(!Self.bandColors(Self.cell(under, x, y)).contains(mark.foreground), "arrow at \(x), \(y)")
        checked += 1
      }
    }
    #expect(checked > 100)
  }

  /// At 16 and 8 colours the density takes the palette's bands the design names (4 and 3,
  /// cool hues), all of them, and no mark anywhere in the plot takes one of them as its
  /// colour; the side panel's bar shows the same bands.
  @Test(arguments: [(ColorDepth.ansi16, [4, 12, 6, 2] as [UInt8]), (.ansi8, [4, 6, 2])])
  func bandsArePaletteColoursNoMarkUses(depth: ColorDepth, bands: [UInt8]) throws {
    for style in GlyphStyle.allCases {
      let state = Self.layeredState(depth: depth, style: style)
      let layout = ViewLayout(width: state.width, height: state.height)
      let shown = try Self.shown(state)
      let under = try Self.shown(Self.densityOnly(state))
      var painted: Set<QuantizedColor> = []
      var marks: Set<QuantizedColor> = []
      for position in plotCells(layout) {
        painted.formUnion(Self.bandColors(Self.cell(under, position.x, position.y)))
        let mark = Self.cell(shown, position.x, position.y)
        if mark.glyph != " " && mark.glyph != "▀" && mark.glyph != "▄" { marks.insert(mark.foreground) }
      }
      #expect(painted == Set(bands.map(QuantizedColor.palette) + [.terminalDefault]), "\(style)")
      #expect(marks.isDisjoint(with: bands.map(QuantizedColor.palette)), "\(style)")
      let panel = layout.sidePanel
      var bar: Set<QuantizedColor> = []
      for y in panel.y..<(panel.y + panel.height) {
        bar.formUnion(Self.bandColors(Self.cell(shown, panel.x, y)).subtracting([.terminalDefault]))
      }
      #expect(bar.isSuperset(of: bands.map(QuantizedColor.palette)), "\(style)")
    }
  }

  /// Every shipped theme's design at 16 and 8 colours keeps each mark off every band and off
  /// the ground, and its bands apart from each other and from the ground.
  @Test(arguments: ["dark", "light", "high-contrast"])
  func everyThemeKeepsMarksOffBands(name: String) throws {
    let text = try #require(Theme.shippedFiles[name])
    let theme = try Theme.decode(toml: text, name: name, file: name + ".toml").theme
    for depth in [ColorDepth.ansi16, .ansi8] {
      let design = LayerDesign(theme: theme, colorDepth: depth, glyphStyle: .unicode)
      let ground = depth.quantize(theme[.background])
      let bands = design.densityColors.map { depth.quantize(.rgb($0)) }
      #expect(Set(bands).count == bands.count && !bands.contains(ground), "\(name) \(depth)")
      let marks =
        [design.points, design.particles] + design.trailColors + design.arrowColors.map(CellColor.rgb)
      for mark in marks.map(depth.quantize) {
        #expect(!bands.contains(mark) && mark != ground, "\(name) \(depth): \(mark)")
      }
      #expect(depth.quantize(design.points) != depth.quantize(design.particles))
    }
  }

  /// At 256 colours and above the heat map keeps the theme's smooth ramp: at least 8
  /// different colours (10 at 256 with the built-in theme).
  @Test(arguments: [ColorDepth.trueColor, .palette256])
  func richDepthsKeepTheSmoothRamp(depth: ColorDepth) throws {
    let state = Self.layeredState(depth: depth, style: .unicode)
    let under = try Self.shown(Self.densityOnly(state))
    var painted: Set<QuantizedColor> = []
    for position in plotCells(ViewLayout(width: state.width, height: state.height)) {
      painted.formUnion(Self.bandColors(Self.cell(under, position.x, position.y)))
    }
    #expect(painted.count >= 8)
  }

  /// Without colour (both glyph styles): the density is shaded by glyph, denser darker; data
  /// and particles are dot glyphs, particles in reverse video and data not; strong arrows
  /// (from two thirds of the log scale up) are bold and the others not; no colour escapes.
  @Test(arguments: GlyphStyle.allCases)
  func monochromeUsesGlyphsAndAttributes(style: GlyphStyle) throws {
    let state = Self.layeredState(depth: .monochrome, style: style)
    let layout = ViewLayout(width: state.width, height: state.height)
    let text = ViewRenderer.render(state).ansiText(colorDepth: .monochrome)
    let shown = try #require(replaySGR(text))
    #expect(shown.joined().allSatisfy { $0.foreground == .terminalDefault && $0.background == .terminalDefault })
    let under = try Self.shown(Self.densityOnly(state))
    let shades: [Unicode.Scalar] = style == .unicode ? ["░", "▒", "▓"] : ["~", "=", "#"]
    // Along the row through the mode, from the left edge in: the shade never lightens.
    let modeCell = try #require(screenCell(of: .zero, layout: layout, box: state.plotBox))
    var darkest = -1
    var seen: Set<Unicode.Scalar> = []
    for x in layout.plot.x...modeCell.x {
      let glyph = Self.cell(under, x, modeCell.y).glyph
      guard glyph != " " else {
        #expect(darkest == -1, "a gap inside the density at \(x)")
        continue
      }
      let shade = try #require(shades.firstIndex(of: glyph), "'\(glyph)' is no shade")
      #expect(shade >= darkest)
      darkest = shade
      seen.insert(glyph)
    }
    #expect(seen == Set(shades))
    // Data and particles without the arrows, which are drawn over the data.
    var dotsOnly = state
    dotsOnly.showsArrows = false
    let dots = try Self.shown(dotsOnly)
    let (points, particles) = Self.markCells(state)
    for position in particles {
      let mark = Self.cell(dots, position.x, position.y)
      #expect(isDotGlyph(mark.glyph, style: style) && mark.attributes.contains(.reverse), "\(position)")
      #expect(mark.glyph != Self.cell(under, position.x, position.y).glyph)
    }
    for position in points {
      let mark = Self.cell(dots, position.x, position.y)
      #expect(isDotGlyph(mark.glyph, style: style) && !mark.attributes.contains(.reverse), "\(position)")
    }
    // Arrows alone: bold exactly where log1p(|s|) / log1p(max |s|) ≥ 2/3.
    var arrowsOnly = state
    arrowsOnly.showsPoints = false
    arrowsOnly.showsParticles = false
    let arrowFrame = try Self.shown(arrowsOnly)
    let centres = state.plotBox.cellCentres(columns: state.arrows.columns, rows: state.arrows.rows)
    let lengths = state.arrows.vectors.map { ($0 * $0).sum().squareRoot() }
    let longest = try #require(lengths.max())
    var bold = 0
    for (centre, length) in zip(centres, lengths) where length > 0 {
      let position = try #require(screenCell(of: centre, layout: layout, box: state.plotBox))
      let strong = log1p(length) / log1p(longest) >= 2.0 / 3.0
      let mark = Self.cell(arrowFrame, position.x, position.y)
      #expect(mark.attributes.contains(.bold) == strong, "arrow at \(centre)")
      if strong { bold += 1 }
    }
    #expect(bold > 10 && bold < centres.count - 10)
  }

  /// The arrows' legend: with colour, "|s| log scale" over a strip of the arrow colours
  /// (weakest left, strongest right) and 0, the middle and the largest magnitude; without,
  /// a plain and a bold arrow with their ranges. It fits at the smallest size, 80 × 24, with
  /// the density bar still below it.
  @Test(arguments: [ColorDepth.palette256, .ansi8, .monochrome])
  func arrowLegendShowsTheScale(depth: ColorDepth) throws {
    let state = Self.layeredState(depth: depth, style: .unicode, width: 80, height: 24)
    let layout = ViewLayout(width: 80, height: 24)
    let frame = ViewRenderer.render(state)
    let shown = try Self.shown(state)
    let panel = layout.sidePanel
    let lines = (panel.y..<(panel.y + panel.height)).map { y in
      String(String.UnicodeScalarView((panel.x..<(panel.x + panel.width)).map { frame[$0, y].glyph }))
    }
    let header = try #require(lines.firstIndex { $0.contains("|s| log scale") })
    let longest = try #require(state.arrows.vectors.map { ($0 * $0).sum().squareRoot() }.max())
    let tokens = lines[header + 2].split(separator: " ").map(String.init)
    if depth == .monochrome {
      let threshold = NumberText.compact(expm1(2.0 / 3.0 * log1p(longest)), missing: "—")
      #expect(lines[header + 1].trimmingCharacters(in: .whitespaces) == "→ < \(threshold)")
      #expect(lines[header + 2].trimmingCharacters(in: .whitespaces) == "→ ≥ \(threshold) bold")
      #expect(Self.cell(shown, panel.x + 2, panel.y + header + 2).attributes.contains(.bold))
      #expect(!Self.cell(shown, panel.x + 2, panel.y + header + 1).attributes.contains(.bold))
    } else {
      let middle = NumberText.compact(expm1(0.5 * log1p(longest)), missing: "—")
      #expect(tokens == ["0", middle, NumberText.compact(longest, missing: "—")])
      let strip = (2..<panel.width).map { Self.cell(shown, panel.x + $0, panel.y + header + 1).background }
      let ends = [strip.first, strip.last].compactMap { $0 }
      let design = state.layerDesign
      #expect(
        ends == [design.arrowColors.first, design.arrowColors.last].compactMap { $0 }.map { depth.quantize(.rgb($0)) })
    }
    #expect(lines.contains { $0.hasPrefix("density, log scale") })
    let bar = lines.indices.filter { lines[$0].hasPrefix("density, log scale") }.first.map { $0 + 1 } ?? lines.count
    #expect(panel.height - bar >= 2, "the density bar keeps two rows")
  }
}
