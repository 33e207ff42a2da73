// Colour-pair allocation: sharing, defaults, NO_COLOR, overflow, and never redefining a pair
// in use.

import ScoreCore
import ScoreView
import Terminal
import Testing

@Suite("Colour pairs")
struct ColorPairTests {
  static let red = CellColor.rgb(RGB(255, 0, 0))
  static let blue = CellColor.rgb(RGB(0, 0, 255))

  @Test("Cells with the same colours share one pair, defined once")
  func identicalColorsSharePair() throws {
    let (screen, backend) = try makeScreen()
    var frame = Frame(width: 6, height: 4)
    frame.put("ab", x: 0, y: 0, foreground: Self.red, background: Self.blue)
    frame.put("c", x: 3, y: 2, foreground: Self.red, background: Self.blue)
    screen.draw(frame)
    // xterm-256: pure red is cube (5,0,0) = 16 + 180 = 196, pure blue (0,0,5) = 21.
    #expect(backend.pairDefinitions == [.initExtendedPair(1, foreground: 196, background: 21)])
    #expect(backend.puts.allSatisfy { if case .put(_, _, _, _, 1) = $0 { true } else { false } })
    #expect(backend.puts.count == 3)
  }

  @Test("Different RGB that quantise to one colour number share a pair")
  func quantisedAlikeSharePair() throws {
    let (screen, backend) = try makeScreen()
    var frame = Frame(width: 6, height: 4)
    // (250, 5, 5) is nearest cube red 196 too: per channel 250→255, 5→0.
    frame.put("a", x: 0, y: 0, foreground: Self.red)
    frame.put("b", x: 1, y: 0, foreground: .rgb(RGB(250, 5, 5)))
    screen.draw(frame)
    #expect(backend.pairDefinitions == [.initExtendedPair(1, foreground: 196, background: -1)])
    #expect(
      backend.puts == [
        .put(y: 0, x: 0, glyph: "a", attributes: [], pair: 1),
        .put(y: 0, x: 1, glyph: "b", attributes: [], pair: 1),
      ])
  }

  @Test("Terminal-default colours use pair 0 and define nothing")
  func defaultColorsUsePairZero() throws {
    let (screen, backend) = try makeScreen()
    var frame = Frame(width: 6, height: 4)
    frame.put("plain", x: 0, y: 0)
    screen.draw(frame)
    #expect(backend.pairDefinitions.isEmpty)
    #expect(backend.puts.count == 5)
  }

  @Test("Without use_default_colors, the default is white (7) on black (0)")
  func defaultsWithoutUseDefaultColors() throws {
    let backend = RecordingBackend()
    backend.defaultColorsWork = false
    let screen = try Screen(backend: backend, configuration: .init(), terminalName: "test")
    var frame = Frame(width: 6, height: 4)
    frame.put("a", x: 0, y: 0, foreground: Self.red)
    frame.put("b", x: 1, y: 0)
    screen.draw(frame)
    #expect(backend.pairDefinitions == [.initExtendedPair(1, foreground: 196, background: 0)])
    #expect(backend.puts.last == .put(y: 0, x: 1, glyph: "b", attributes: [], pair: 0))
  }

  @Test("NO_COLOR: colour never started, no pairs defined or reset, every put uses pair 0")
  func noColorDefinesNoPairs() throws {
    let backend = RecordingBackend()
    let screen = try Screen(backend: backend, configuration: .init(noColor: "1"), terminalName: "t")
    #expect(screen.depth == .monochrome)
    #expect(!backend.calls.contains(.startColor))
    var frame = Frame(width: 6, height: 4)
    frame.put("ab", x: 0, y: 0, foreground: Self.red, background: Self.blue, attributes: .bold)
    screen.draw(frame)
    screen.forceFullRepaint()
    screen.draw(frame)
    #expect(backend.pairDefinitions.isEmpty)
    #expect(!backend.calls.contains(.resetColorPairs))
    #expect(backend.puts.count == 4)
    #expect(
      backend.puts.allSatisfy { if case .put(_, _, _, .bold, 0) = $0 { true } else { false } })
  }

  @Test(
    "Colour numbers at each depth come from the quantiser",
    arguments: [
      (256, ColorDepth.palette256, Int32(196)),
      (16, .ansi16, 9),
      (8, .ansi8, 1),
    ])
  func depthSetsColorNumbers(colorCount: Int, depth: ColorDepth, red: Int32) throws {
    let (screen, backend) = try makeScreen(colorCount: colorCount)
    #expect(screen.depth == depth)
    var frame = Frame(width: 6, height: 4)
    frame.put("a", x: 0, y: 0, foreground: Self.red)
    screen.draw(frame)
    #expect(backend.pairDefinitions == [.initExtendedPair(1, foreground: red, background: -1)])
  }

  @Test("A direct-colour terminfo entry (2^24 colours): no pairs, the cells written as 38;2")
  func directColorTerminfoIsWrittenDirectly() throws {
    let (screen, backend) = try makeScreen(colorCount: 16_777_216)
    #expect(screen.depth == .trueColor && screen.drawsDirectly)
    var frame = Frame(width: 6, height: 4)
    frame.put("a", x: 0, y: 0, foreground: Self.red)
    screen.draw(frame)
    #expect(backend.pairDefinitions.isEmpty && backend.puts.isEmpty)
    #expect(backend.calls.last == .writeBytes(Array("\u{1B}[H\u{1B}[2J\u{1B}[38;2;255;0;0ma\u{1B}[0m".utf8)))
  }

  @Test("A pair ncurses rejects falls back to pair 0 and is not asked for again")
  func rejectedPairFallsBack() throws {
    let (screen, backend) = try makeScreen()
    backend.rejectedPairs = [1]
    var frame = Frame(width: 6, height: 4)
    frame.put("ab", x: 0, y: 0, foreground: Self.red)
    frame.put("c", x: 0, y: 1, foreground: Self.blue)
    screen.draw(frame)
    #expect(
      backend.pairDefinitions == [
        .initExtendedPair(1, foreground: 196, background: -1),
        .initExtendedPair(2, foreground: 21, background: -1),
      ])
    #expect(
      backend.puts == [
        .put(y: 0, x: 0, glyph: "a", attributes: [], pair: 0),
        .put(y: 0, x: 1, glyph: "b", attributes: [], pair: 0),
        .put(y: 1, x: 0, glyph: "c", attributes: [], pair: 2),
      ])
  }

  @Test("A full table during a partial draw resets the pairs and repaints everything")
  func overflowResetsAndRepaints() throws {
    // COLOR_PAIRS = 3: pairs 1 and 2 are usable.
    let (screen, backend) = try makeScreen(pairCount: 3)
    var frame = Frame(width: 6, height: 4)
    frame.put("a", x: 0, y: 0, foreground: Self.red)
    frame.put("b", x: 1, y: 0, foreground: Self.blue)
    screen.draw(frame)
    frame[0, 0] = Cell("c", foreground: .rgb(RGB(0, 255, 0)))
    backend.calls.removeAll()
    screen.draw(frame)
    #expect(
      backend.calls == [
        .resetColorPairs, .clear,
        .initExtendedPair(1, foreground: 46, background: -1),
        .put(y: 0, x: 0, glyph: "c", attributes: [], pair: 1),
        .initExtendedPair(2, foreground: 21, background: -1),
        .put(y: 0, x: 1, glyph: "b", attributes: [], pair: 2),
        .refresh,
      ])
  }

  @Test("A full repaint that runs out of pairs starts again with a fresh table")
  func fullRepaintOverflowRetries() throws {
    // COLOR_PAIRS = 3: pairs 1 and 2 are usable.
    let (screen, backend) = try makeScreen(pairCount: 3)
    var frame = Frame(width: 6, height: 4)
    frame.put("a", x: 0, y: 0, foreground: Self.red)
    frame.put("b", x: 1, y: 0, foreground: Self.blue)
    screen.draw(frame)
    var next = Frame(width: 6, height: 4)
    next.put("c", x: 0, y: 0, foreground: .rgb(RGB(0, 255, 0)))
    next.put("d", x: 1, y: 0, foreground: Self.red)
    screen.forceFullRepaint()
    backend.calls.removeAll()
    screen.draw(next)
    #expect(
      backend.calls == [
        .clear, .resetColorPairs, .clear,
        .initExtendedPair(1, foreground: 46, background: -1),
        .put(y: 0, x: 0, glyph: "c", attributes: [], pair: 1),
        .initExtendedPair(2, foreground: 196, background: -1),
        .put(y: 0, x: 1, glyph: "d", attributes: [], pair: 2),
        .refresh,
      ])
  }

  @Test("A full repaint keeps the pairs already defined")
  func fullRepaintKeepsPairs() throws {
    let (screen, backend) = try makeScreen()
    var frame = Frame(width: 6, height: 4)
    frame.put("ab", x: 0, y: 0, foreground: Self.red, background: Self.blue)
    screen.draw(frame)
    #expect(screen.pairCount == 1)
    screen.forceFullRepaint()
    backend.calls.removeAll()
    screen.draw(frame)
    #expect(screen.pairCount == 1)
    #expect(
      backend.calls == [
        .clear,
        .put(y: 0, x: 0, glyph: "a", attributes: [], pair: 1),
        .put(y: 0, x: 1, glyph: "b", attributes: [], pair: 1),
        .refresh,
      ])
  }

  @Test("A frame needing more pairs than exist shows the excess in default colours")
  func frameBeyondCapacityDegrades() throws {
    // COLOR_PAIRS = 2: only pair 1 is usable.
    let (screen, backend) = try makeScreen(pairCount: 2)
    var frame = Frame(width: 6, height: 4)
    frame.put("a", x: 0, y: 0, foreground: Self.red)
    frame.put("b", x: 1, y: 0, foreground: Self.blue)
    screen.draw(frame)
    #expect(
      backend.calls == [
        .clear,
        .initExtendedPair(1, foreground: 196, background: -1),
        .put(y: 0, x: 0, glyph: "a", attributes: [], pair: 1),
        .resetColorPairs, .clear,
        .initExtendedPair(1, foreground: 196, background: -1),
        .put(y: 0, x: 0, glyph: "a", attributes: [], pair: 1),
        .put(y: 0, x: 1, glyph: "b", attributes: [], pair: 0),
        .refresh,
      ])
  }

  @Test(
    "Over 200 random frames no pair is redefined without a reset, and every put's pair is defined")
  func pairsNeverRedefinedWhileInUse() throws {
    let (screen, backend) = try makeScreen(rows: 5, columns: 7, colorCount: 8, pairCount: 12)
    var generator = SeededGenerator(seed: 7)
    // Five ANSI colours and the default: 35 non-default combinations for 11 usable pairs.
    let palette: [CellColor] = [
      .terminalDefault, .rgb(RGB(205, 0, 0)), .rgb(RGB(0, 205, 0)), .rgb(RGB(0, 0, 238)),
      .rgb(RGB(205, 205, 0)), .rgb(RGB(0, 205, 205)),
    ]
    var frame = Frame(width: 7, height: 5)
    for _ in 0..<200 {
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        frame[Int.random(in: 0..<7, using: &generator), Int.random(in: 0..<5, using: &generator)] =
          Cell(
            "x", foreground: palette.randomElement(using: &generator)!,
            background: palette.randomElement(using: &generator)!)
      }
      if Int.random(in: 0..<20, using: &generator) == 0 { screen.forceFullRepaint() }
      screen.draw(frame)
    }
    var defined: Set<Int32> = []
    var resets = 0
    for call in backend.calls {
      switch call {
      case .resetColorPairs:
        defined.removeAll()
        resets += 1
      case .initExtendedPair(let pair, _, _):
        #expect(!defined.contains(pair), "pair \(pair) redefined while in use")
        #expect((1...11).contains(pair))
        defined.insert(pair)
      case .put(_, _, _, _, let pair):
        #expect(pair == 0 || defined.contains(pair), "put with undefined pair \(pair)")
      default:
        break
      }
    }
    #expect(resets > 0, "the scenario must overflow the table at least once")
  }
}
