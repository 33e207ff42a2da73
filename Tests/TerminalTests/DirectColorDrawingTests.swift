// Frames drawn by the direct writer, read back by an independent terminal model, cell by cell.

import ScoreTestSupport
import ScoreView
import Terminal
import Testing

@Suite("Direct colour drawing")
struct DirectColorDrawingTests {
  /// A small seeded generator (xorshift64*), so every run draws the same frames.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state ^= state >> 12
      state ^= state << 25
      state ^= state >> 27
      return state &* 2_685_821_657_736_338_717
    }
  }

  static let glyphs: [Unicode.Scalar] = ["a", "Z", " ", "⣿", "⠁", "↗", "▀", "│", "σ", "界", "\u{7}", "\u{9B}"]
  static let attributeChoices: [CellAttributes] = [[], [], [], .bold, .dim, [.bold, .dim], .underline, .reverse]

  static func randomColor(_ generator: inout Generator) -> CellColor {
    switch Int.random(in: 0..<4, using: &generator) {
    case 0: return .terminalDefault
    case 1: return .rgb(RGB(10, 20, 30))
    default:
      return .rgb(
        RGB(
          UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator),
          UInt8.random(in: 0...255, using: &generator)))
    }
  }

  static func randomCell(_ generator: inout Generator) -> Cell {
    Cell(
      glyphs.randomElement(using: &generator)!, foreground: randomColor(&generator),
      background: randomColor(&generator),
      attributes: attributeChoices.randomElement(using: &generator)!)
  }

  static func randomFrame(width: Int, height: Int, _ generator: inout Generator) -> Frame {
    var frame = Frame(width: width, height: height)
    for y in 0..<height {
      for x in 0..<width where Int.random(in: 0..<3, using: &generator) > 0 {
        frame[x, y] = randomCell(&generator)
      }
    }
    return frame
  }

  /// `frame` with about `share` of its cells changed, a third of those in style only.
  static func changed(_ frame: Frame, share: Double, _ generator: inout Generator) -> Frame {
    var next = frame
    for y in 0..<frame.height {
      for x in 0..<frame.width where Double.random(in: 0..<1, using: &generator) < share {
        if Int.random(in: 0..<3, using: &generator) == 0 {
          next[x, y].foreground = randomColor(&generator)
          next[x, y].attributes = attributeChoices.randomElement(using: &generator)!
        } else {
          next[x, y] = randomCell(&generator)
        }
      }
    }
    return next
  }

  /// The bytes the backend was given since the last call, joined.
  static func takeWritten(_ backend: RecordingBackend) -> [UInt8] {
    defer { backend.calls.removeAll() }
    return backend.calls.flatMap { call -> [UInt8] in
      if case .writeBytes(let bytes) = call { return bytes }
      return []
    }
  }

  static func shows(_ backend: RecordingBackend) -> (Unicode.Scalar) -> Bool {
    { backend.isSingleColumn($0) }
  }

  @Test(
    "Screen at a forced depth: every frame of a random sequence reads back cell by cell",
    arguments: [ColorDepth.trueColor, .palette256, .ansi16, .ansi8])
  func randomSequenceReadsBack(depth: ColorDepth) throws {
    let (screen, backend) = try makeScreen(
      rows: 7, columns: 13, colorCount: 0, configuration: .init(forcedDepth: depth))
    #expect(screen.drawsDirectly)
    var model = ANSITerminalModel(width: 13, height: 7, garbage: true)
    var generator = Generator(state: 0x5C0_2E71_2 &+ UInt64(depth.rawValue))
    var frame = Self.randomFrame(width: 13, height: 7, &generator)
    for step in 0..<60 {
      if step == 30 { screen.forceFullRepaint() }
      screen.draw(frame)
      #expect(!backend.calls.contains { if case .put = $0 { true } else { false } }, "ncurses draws no cell")
      model.read(Self.takeWritten(backend))
      let differences = model.differences(from: frame, depth: depth, shows: Self.shows(backend))
      #expect(differences.isEmpty, "step \(step): \(differences)")
      frame = Self.changed(frame, share: step % 7 == 0 ? 0.6 : 0.08, &generator)
    }
    #expect(model.unexpected.isEmpty, "\(model.unexpected.prefix(5))")
    #expect(model.wraps == 0)
  }

  @Test("A frame larger than the screen is clipped; a smaller one leaves the rest blank")
  func clipsToScreen() throws {
    let (screen, backend) = try makeScreen(
      rows: 4, columns: 6, configuration: .init(forcedDepth: .trueColor))
    var generator = Generator(state: 99)
    var model = ANSITerminalModel(width: 6, height: 4, garbage: true)
    let large = Self.randomFrame(width: 9, height: 6, &generator)
    screen.draw(large)
    model.read(Self.takeWritten(backend))
    #expect(model.differences(from: large, depth: .trueColor, shows: Self.shows(backend)).isEmpty)
    let small = Self.randomFrame(width: 3, height: 2, &generator)
    screen.draw(small)
    model.read(Self.takeWritten(backend))
    var padded = Frame(width: 6, height: 4)
    for y in 0..<2 { for x in 0..<3 { padded[x, y] = small[x, y] } }
    #expect(model.differences(from: padded, depth: .trueColor, shows: Self.shows(backend)).isEmpty)
    #expect(model.unexpected.isEmpty && model.wraps == 0)
  }

  @Test("A resize repaints in full: clear first, then the frame at the new size")
  func resizeRepaints() throws {
    let (screen, backend) = try makeScreen(
      rows: 4, columns: 6, configuration: .init(forcedDepth: .trueColor))
    var generator = Generator(state: 7)
    screen.draw(Self.randomFrame(width: 6, height: 4, &generator))
    _ = Self.takeWritten(backend)
    backend.rows = 5
    backend.columns = 8
    let frame = Self.randomFrame(width: 8, height: 5, &generator)
    screen.draw(frame)
    let bytes = Self.takeWritten(backend)
    #expect(bytes.starts(with: Array("\u{1B}[H\u{1B}[2J".utf8)))
    var model = ANSITerminalModel(width: 8, height: 5, garbage: true)
    model.read(bytes)
    #expect(model.differences(from: frame, depth: .trueColor, shows: Self.shows(backend)).isEmpty)
  }

  @Test("ncurses refreshes before the cells are written, and nothing is written for an unchanged frame")
  func refreshComesFirst() throws {
    let (screen, backend) = try makeScreen(configuration: .init(forcedDepth: .trueColor))
    let frame = Frame(width: 6, height: 4, fill: Cell("x", foreground: .rgb(RGB(1, 2, 3))))
    screen.draw(frame)
    #expect(backend.calls.count == 2)
    #expect(backend.calls.first == .refresh)
    if case .writeBytes = backend.calls.last {} else { Issue.record("no bytes written: \(backend.calls)") }
    backend.calls.removeAll()
    screen.draw(frame)
    #expect(backend.calls == [.refresh])
  }

  // MARK: The writer's bytes

  /// What the writer sends for `frame` over `previous` (nil: a clearing frame) on a screen
  /// `screenWidth` wide, walking the same diff `Screen` walks.
  static func written(
    _ frame: Frame, over previous: Frame?, depth: ColorDepth = .trueColor, screenWidth: Int? = nil
  ) -> String {
    var writer = DirectColorWriter(depth: depth, isSingleColumn: { $0 != "界" })
    let width = screenWidth ?? frame.width
    writer.beginFrame(screenWidth: width, clearing: previous == nil)
    frame.forEachChangedRun(
      since: previous ?? Frame(width: frame.width, height: frame.height), columns: min(width, frame.width),
      rows: frame.height
    ) { y, xs in
      writer.append(row: y, columns: xs, of: frame)
      return true
    }
    writer.endFrame()
    return String(decoding: writer.takeBytes(), as: UTF8.self)
  }

  @Test("One changed cell: a cursor move, one SGR, the glyph, a reset")
  func oneCell() {
    let base = Frame(width: 10, height: 5)
    var next = base
    next[3, 2] = Cell("X", foreground: .rgb(RGB(1, 2, 3)), background: .rgb(RGB(250, 0, 7)))
    #expect(Self.written(next, over: base) == "\u{1B}[3;4H\u{1B}[38;2;1;2;3;48;2;250;0;7mX\u{1B}[0m")
    var corner = base
    corner[0, 0] = Cell("a")
    #expect(Self.written(corner, over: base) == "\u{1B}[Ha", "top-left: ESC[H; default style: no SGR")
    var firstColumn = base
    firstColumn[0, 4] = Cell("b", attributes: .bold)
    #expect(Self.written(firstColumn, over: base) == "\u{1B}[5H\u{1B}[1mb\u{1B}[0m")
  }

  @Test("A run in one style is one SGR; a style change names only what changes")
  func stylesAreNotRepeated() {
    let base = Frame(width: 8, height: 1)
    var next = base
    let red = CellColor.rgb(RGB(200, 0, 0))
    for x in 0..<3 { next[x, 0] = Cell("r", foreground: red) }
    next[3, 0] = Cell("u", foreground: red, attributes: .underline)
    next[4, 0] = Cell("p", foreground: red)
    next[5, 0] = Cell("d", foreground: .rgb(RGB(200, 0, 1)), attributes: .bold)
    next[6, 0] = Cell("e", foreground: .rgb(RGB(200, 0, 1)), attributes: .dim)
    #expect(
      Self.written(next, over: base)
        == "\u{1B}[H\u{1B}[38;2;200;0;0mrrr\u{1B}[4mu\u{1B}[24mp\u{1B}[1;38;2;200;0;1md\u{1B}[22;2me\u{1B}[0m")
  }

  @Test("Gaps on a row: unchanged ASCII cells in the same style are rewritten, longer gaps skipped")
  func cursorMovesWithinARow() {
    var base = Frame(width: 20, height: 2)
    for x in 0..<20 { base[x, 0] = Cell("-") }
    var next = base
    next[1, 0] = Cell("A")
    next[3, 0] = Cell("B")
    next[10, 0] = Cell("C")
    next[11, 0] = Cell("D", foreground: .rgb(RGB(9, 9, 9)))
    next[14, 0] = Cell("E")
    #expect(
      Self.written(next, over: base)
        == "\u{1B}[1;2HA-B\u{1B}[6CC\u{1B}[38;2;9;9;9mD\u{1B}[2C\u{1B}[39mE")
  }

  @Test("After the last column the next cell gets an absolute move, never a wrap")
  func lastColumn() {
    let base = Frame(width: 4, height: 2)
    var next = base
    next[3, 0] = Cell("z")
    next[0, 1] = Cell("y")
    #expect(Self.written(next, over: base) == "\u{1B}[1;4Hz\u{1B}[2Hy")
  }

  @Test("A clearing frame starts with cursor home and erase, and leaves out blank cells")
  func clearingFrame() {
    var frame = Frame(width: 5, height: 2)
    frame[2, 1] = Cell("q")
    #expect(Self.written(frame, over: nil) == "\u{1B}[H\u{1B}[2J\u{1B}[2;3Hq")
  }

  @Test("Control characters and wide glyphs are written as '?'; no control byte but ESC leaves")
  func unsafeGlyphs() {
    let base = Frame(width: 6, height: 1)
    var next = base
    for (x, glyph) in ["\u{1B}", "\u{7}", "\u{9B}", "\u{7F}", "界", "é"].enumerated() {
      next[x, 0] = Cell(Unicode.Scalar(glyph)!)
    }
    let text = Self.written(next, over: base)
    #expect(text == "\u{1B}[H?????é")
  }

  @Test("Palette depths: 8 and 16 colours as 30–37/90–97, 256 as 38;5;n, default as 39/49")
  func paletteParameters() {
    let base = Frame(width: 3, height: 1)
    var next = base
    // Exact xterm palette entries: 1 (205, 0, 0) on 0 (0, 0, 0), then 12 (92, 92, 255).
    next[0, 0] = Cell("a", foreground: .rgb(RGB(205, 0, 0)), background: .rgb(RGB(0, 0, 0)))
    next[1, 0] = Cell("b", foreground: .rgb(RGB(92, 92, 255)))
    next[2, 0] = Cell("c")
    #expect(Self.written(next, over: base, depth: .ansi16) == "\u{1B}[H\u{1B}[31;40ma\u{1B}[94;49mb\u{1B}[39mc")
    var single = base
    // RGB(255, 0, 0) is cube entry 196; (128, 128, 128) grey 244.
    single[0, 0] = Cell("r", foreground: .rgb(RGB(255, 0, 0)), background: .rgb(RGB(128, 128, 128)))
    #expect(
      Self.written(single, over: base, depth: .palette256) == "\u{1B}[H\u{1B}[38;5;196;48;5;244mr\u{1B}[0m")
  }

  @Test("A moving-dot frame sequence costs no more than its changed cells need")
  func bytesForASparseChange() {
    var generator = Generator(state: 3)
    let base = Self.randomFrame(width: 80, height: 24, &generator)
    var next = base
    for x in stride(from: 0, to: 80, by: 8) {
      next[x, 10] = Cell("•", foreground: .rgb(RGB(255, 255, 255)), background: base[x, 10].background)
    }
    let bytes = Self.written(next, over: base).utf8.count
    // Per cell at most: a cursor move (≤ 7), two 24-bit colours (≤ 39), the glyph (3); plus
    // one reset (4).
    #expect(bytes <= 10 * (7 + 39 + 3) + 4)
  }
}
