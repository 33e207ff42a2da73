// The live view at 8 and 16 colours and without colour, read back from tmux cell by cell.

import Foundation
import ScoreTestSupport
import Testing

/// One cell of a pane as `capture-pane -e` shows it: palette colours (nil for the default,
/// −1 for a colour outside the palette) and the attributes that tell marks apart.
struct PaneCell {
  var glyph: Unicode.Scalar = " "
  var foreground: Int?
  var background: Int?
  var isBold = false
  var isDim = false
  var isReverse = false
}

/// The pane's cells row by row: each line of `capture-pane -p -e` replayed into a terminal
/// model at its own row (the pen carries over from one line to the next, as tmux writes it).
func paneCells(_ text: String) -> [[PaneCell]] {
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  let width = max(1, lines.map(\.unicodeScalars.count).max() ?? 0)
  var model = ANSITerminalModel(width: width, height: max(1, lines.count))
  for (row, line) in lines.enumerated() { model.read(Array("\u{1B}[\(row + 1)H\(line)".utf8)) }
  func number(_ color: ANSITerminalModel.Color) -> Int? {
    switch color {
    case .standard: nil
    case .index(let index): index
    case .rgb: -1
    }
  }
  return lines.indices.map { row in
    (0..<lines[row].unicodeScalars.count).map { column in
      let cell = model[column, row]
      return PaneCell(
        glyph: cell.glyph, foreground: number(cell.foreground), background: number(cell.background),
        isBold: cell.bold, isDim: cell.dim, isReverse: cell.reverse)
    }
  }
}

@Suite("Live view colour depths in tmux")
struct LiveColorDepthTests {
  static let plotRows = LiveView.plotRows(height: 40)
  static let plotColumns = LiveView.plotColumns(width: 120)

  /// scoreviz under `TERM=term` (also set by `env`, which tmux cannot override), with colour
  /// (`NO_COLOR` empty, whatever the test run's environment says).
  static func start(term: String, _ arguments: [String]) throws -> TmuxSession {
    try TmuxSession(
      command: ["/usr/bin/env", "TERM=\(term)", scorevizExecutablePath()] + arguments, width: 120,
      height: 40, environment: ["TERM": term, "NO_COLOR": ""], workingDirectory: LiveView.packageFolder)
  }

  /// The plot's cells of a capture with escapes.
  static func plot(_ screen: String) -> [(column: Int, row: Int, cell: PaneCell)] {
    let rows = paneCells(screen)
    return plotRows.flatMap { row in
      plotColumns.compactMap { column in
        row < rows.count && column < rows[row].count ? (column, row, rows[row][column]) : nil
      }
    }
  }

  static func isBraille(_ glyph: Unicode.Scalar) -> Bool { (0x2801...0x28FF).contains(glyph.value) }

  /// At `term`'s palette: the heat map shows `bandCount` colours; particles (bold braille),
  /// data (plain braille; trails are dim or have colours of their own) and arrows never take
  /// one of them as their colour, and a particle never has its own background's colour.
  static func checkBandsAndMarks(term: String, bandCount: Int) throws {
    let tmux = try start(term: term, ["-n", "2000"])
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    var cells: [(column: Int, row: Int, cell: PaneCell)] = []
    var bands: Set<Int> = []
    // The heat map comes from a background thread: a second or two, longer on a busy machine.
    try tmux.waitUntil(timeout: 40) { _ in
      cells = plot(tmux.capture(escapes: true))
      bands = Set(
        cells.flatMap { item -> [Int?] in
          let cell = item.cell
          let halfBlock = cell.glyph == "▀" || cell.glyph == "▄"
          return [cell.background, halfBlock ? cell.foreground : nil]
        }.compactMap { $0 })
      return bands.count >= bandCount && cells.filter { isBraille($0.cell.glyph) && $0.cell.isBold }.count > 30
    }
    #expect(bands.count == bandCount, "bands \(bands.sorted())")
    let particles = cells.filter { isBraille($0.cell.glyph) && $0.cell.isBold }
    let data = cells.filter { isBraille($0.cell.glyph) && !$0.cell.isBold && !$0.cell.isDim }
    let arrows = cells.filter { LiveView.arrowGlyphs.contains($0.cell.glyph) }
    #expect(particles.contains { $0.cell.background != nil }, "some particles lie on the heat map")
    for item in particles {
      let foreground = try #require(item.cell.foreground)
      #expect(
        foreground != item.cell.background && !bands.contains(foreground), "particle at \(item.column), \(item.row)")
    }
    for item in data + arrows {
      #expect(!bands.contains(item.cell.foreground ?? -1), "mark '\(item.cell.glyph)' at \(item.column), \(item.row)")
    }
    let particleColors = Set(particles.compactMap(\.cell.foreground))
    let dataColors = Set(data.compactMap(\.cell.foreground))
    #expect(!data.isEmpty && particleColors.isDisjoint(with: dataColors))
  }

  @Test("TERM=xterm (8 colours): particles, data and arrows never take a density band's colour")
  func eightColours() throws {
    try Self.checkBandsAndMarks(term: "xterm", bandCount: 3)
  }

  @Test("TERM=xterm-16color: four bands, and no mark takes one of their colours")
  func sixteenColours() throws {
    try Self.checkBandsAndMarks(term: "xterm-16color", bandCount: 4)
  }

  /// Without colour, `shades` shade the density, particles are dot glyphs in reverse video,
  /// data the same glyphs without, and no colour escape is written.
  static func checkGlyphsAndAttributes(
    _ arguments: [String], shades: Set<Unicode.Scalar>, isDot: @escaping (Unicode.Scalar) -> Bool
  ) throws -> String {
    let tmux = try LiveView.start(["-n", "2000"] + arguments, environment: ["NO_COLOR": "1"])
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    var screen = ""
    try tmux.waitUntil(timeout: 40) { _ in
      screen = tmux.capture(escapes: true)
      let glyphs = Set(plot(screen).map(\.cell.glyph))
      return glyphs.isSuperset(of: shades)
    }
    let cells = plot(screen)
    let particles = cells.filter { isDot($0.cell.glyph) && $0.cell.isReverse }
    let data = cells.filter { isDot($0.cell.glyph) && !$0.cell.isReverse }
    #expect(particles.count > 30 && data.count > 30, "\(particles.count) particles, \(data.count) data")
    #expect(cells.allSatisfy { $0.cell.foreground == nil && $0.cell.background == nil })
    #expect(sgrColorParameters(in: screen).isEmpty)
    return screen
  }

  @Test("NO_COLOR=1: the density shaded ░▒▓, particles in reverse video, data plain braille")
  func noColor() throws {
    _ = try Self.checkGlyphsAndAttributes([], shades: ["░", "▒", "▓"], isDot: Self.isBraille)
  }

  @Test("--ascii without colour: the density shaded ~=#, particles reversed, two-column arrows")
  func asciiNoColor() throws {
    let screen = try Self.checkGlyphsAndAttributes(
      ["--ascii"], shades: ["~", "=", "#"], isDot: { $0 == "'" || $0 == "." || $0 == ":" })
    let rows = paneCells(screen).map { row in String(String.UnicodeScalarView(row.map(\.glyph))) }
    let text = rows[Self.plotRows].joined(separator: "\n")
    let pairs = ["->", "/>", "/\\", "<\\", "<-", "</", "\\/", "\\>"].filter { text.contains($0) }
    #expect(pairs.count >= 4, "arrows found: \(pairs)")
  }
}
