// Decoding wget_wch results and mouse reports into `TerminalEvent`s. Key codes and masks are
// the literal values from ncurses 6.4's curses.h (NCURSES_MOUSE_VERSION 2).

import Terminal
import Testing

@Suite("Input decoding")
struct InputDecodingTests {
  static let ok: Int32 = 0
  static let keyCodeYes: Int32 = 0o400
  static let err: Int32 = -1

  static func decode(_ status: Int32, _ value: UInt32, mouse: (Int, Int, UInt32)? = nil) throws
    -> TerminalEvent?
  {
    let (screen, backend) = try makeScreen(rows: 30, columns: 100)
    backend.input = [(status, value)]
    backend.mouseReport = mouse.map { (x: $0.0, y: $0.1, buttonState: $0.2) }
    return screen.nextEvent(timeoutMilliseconds: 25)
  }

  @Test("Each read sets the timeout, then reads one wide character")
  func readSetsTimeout() throws {
    let (screen, backend) = try makeScreen()
    #expect(screen.nextEvent(timeoutMilliseconds: 40) == nil)
    #expect(screen.nextEvent(timeoutMilliseconds: Int.max) == nil)
    #expect(backend.calls == [.wtimeout(40), .getWideChar, .wtimeout(Int32.max), .getWideChar])
  }

  @Test(
    "Characters, including non-ASCII ones read whole",
    arguments: [
      (UInt32(0x71), TerminalEvent.key(.character("q"))),
      (0x20, .key(.character(" "))),
      (0xE9, .key(.character("é"))),
      (0x2800, .key(.character("\u{2800}"))),
      (0x1F600, .key(.character("😀"))),
    ])
  func characters(value: UInt32, expected: TerminalEvent) throws {
    #expect(try Self.decode(Self.ok, value) == expected)
  }

  @Test(
    "Control characters",
    arguments: [
      (UInt32(27), TerminalEvent.key(.escape)), (10, .key(.enter)), (13, .key(.enter)),
      (9, .key(.tab)), (8, .key(.backspace)), (127, .key(.backspace)),
      (1, .key(.control("a"))), (12, .key(.control("l"))), (26, .key(.control("z"))),
    ])
  func controlCharacters(value: UInt32, expected: TerminalEvent) throws {
    #expect(try Self.decode(Self.ok, value) == expected)
  }

  @Test("Unnamed control characters and timeouts give nil")
  func nothingToReport() throws {
    #expect(try Self.decode(Self.ok, 0) == nil)
    #expect(try Self.decode(Self.ok, 28) == nil)
    #expect(try Self.decode(Self.err, 0) == nil)
    #expect(try Self.decode(Self.keyCodeYes, 0o777) == nil)
  }

  @Test(
    "Named key codes",
    arguments: [
      (UInt32(0o403), TerminalEvent.Key.up), (0o402, .down), (0o404, .left), (0o405, .right),
      (0o406, .home), (0o550, .end), (0o523, .pageUp), (0o522, .pageDown), (0o513, .insert),
      (0o512, .delete), (0o527, .enter), (0o407, .backspace), (0o541, .backTab),
      (0o411, .function(1)), (0o424, .function(12)), (0o410 + 63, .function(63)),
    ])
  func namedKeys(code: UInt32, expected: TerminalEvent.Key) throws {
    #expect(try Self.decode(Self.keyCodeYes, code) == .key(expected))
  }

  @Test("KEY_F0 itself is not a function key")
  func functionZeroIsNotAKey() throws {
    #expect(try Self.decode(Self.keyCodeYes, 0o410) == nil)
  }

  @Test(
    "Mouse: presses of buttons 1–3 at their cell, wheel up/down, releases ignored",
    arguments: [
      (UInt32(0x2), TerminalEvent.mousePress(column: 7, row: 3, button: .left)),
      (0x40, .mousePress(column: 7, row: 3, button: .middle)),
      (0x800, .mousePress(column: 7, row: 3, button: .right)),
      (0x1_0000, .wheel(.up, column: 7, row: 3)),
      (0x20_0000, .wheel(.down, column: 7, row: 3)),
    ])
  func mouse(state: UInt32, expected: TerminalEvent) throws {
    // KEY_MOUSE = 0631.
    #expect(try Self.decode(Self.keyCodeYes, 0o631, mouse: (7, 3, state)) == expected)
  }

  @Test("Mouse releases and failed getmouse give nil")
  func mouseNothing() throws {
    // BUTTON1_RELEASED = 0x1.
    #expect(try Self.decode(Self.keyCodeYes, 0o631, mouse: (7, 3, 0x1)) == nil)
    #expect(try Self.decode(Self.keyCodeYes, 0o631, mouse: nil) == nil)
  }

  @Test("KEY_RESIZE reports the screen's new size")
  func resize() throws {
    #expect(try Self.decode(Self.keyCodeYes, 0o632) == .resize(width: 100, height: 30))
  }
}

/// Escape sequences ncurses passes on byte by byte (it returns ESC, then the bytes it did not
/// recognise as a key): each must be read whole and never act as keys.
@Suite("Escape sequence decoding")
struct EscapeSequenceDecodingTests {
  static let ok: Int32 = 0
  static let keyCodeYes: Int32 = 0o400

  /// The events `inputs` give, read until the input runs out (timeouts dropped).
  static func events(_ inputs: [(Int32, UInt32)]) throws -> [TerminalEvent] {
    let (screen, backend) = try makeScreen(rows: 100, columns: 400)
    backend.input = ArraySlice(inputs.map { (status: $0.0, value: $0.1) })
    var events: [TerminalEvent] = []
    while !backend.input.isEmpty {
      if let event = screen.nextEvent(timeoutMilliseconds: 0) { events.append(event) }
    }
    return events
  }

  /// The events of `text`, each scalar handed over as one character.
  static func events(_ text: String) throws -> [TerminalEvent] {
    try events(text.unicodeScalars.map { (ok, $0.value) })
  }

  @Test(
    "SGR mouse presses, past column 223 too: buttons, wheel, modifiers ignored (1-based → 0-based)",
    arguments: [
      ("\u{1b}[<0;301;6M", TerminalEvent.mousePress(column: 300, row: 5, button: .left)),
      ("\u{1b}[<1;2;3M", .mousePress(column: 1, row: 2, button: .middle)),
      ("\u{1b}[<2;1;1M", .mousePress(column: 0, row: 0, button: .right)),
      ("\u{1b}[<16;250;90M", .mousePress(column: 249, row: 89, button: .left)),
      ("\u{1b}[<64;10;3M", .wheel(.up, column: 9, row: 2)),
      ("\u{1b}[<65;10;3M", .wheel(.down, column: 9, row: 2)),
    ])
  func sgrPresses(sequence: String, expected: TerminalEvent) throws {
    #expect(try Self.events(sequence + "x") == [expected, .key(.character("x"))])
  }

  @Test(
    "SGR releases, motion, extra buttons and malformed reports give nothing, not their bytes",
    arguments: [
      "\u{1b}[<0;301;6m", "\u{1b}[<2;5;5m", "\u{1b}[<32;5;5M", "\u{1b}[<35;5;5M",
      "\u{1b}[<128;5;5M", "\u{1b}[<66;5;5M", "\u{1b}[<0;0;5M", "\u{1b}[<0;5M",
      "\u{1b}[<0;1234567890;5M", "\u{1b}[<1:2;5;5M",
    ])
  func sgrNothing(sequence: String) throws {
    #expect(try Self.events(sequence + "x") == [.key(.character("x"))])
  }

  @Test(
    "Unknown CSI, SS3, OSC (BEL or ST), DCS, Alt-keys and pastes are dropped whole",
    arguments: [
      "\u{1b}[1;5P", "\u{1b}[?25h", "\u{1b}[38;2;1;2;3m", "\u{1b}[ q", "\u{1b}[>0;276;0c",
      "\u{1b}Oz", "\u{1b}]0;my title with q and m\u{7}", "\u{1b}]52;c;cQ==\u{1b}\\",
      "\u{1b}Pqqq\u{1b}\\", "\u{1b}m", "\u{1b}q",
      "\u{1b}[200~pasted q R n t \u{1b}[A text\u{1b}[201~",
    ])
  func unknownSequences(sequence: String) throws {
    #expect(try Self.events(sequence + "x") == [.key(.character("x"))])
  }

  @Test("A CSI longer than any real one (1,000 parameter digits) is still consumed whole")
  func longSequence() throws {
    let sequence = "\u{1b}[" + String(repeating: "9", count: 1_000) + "m"
    #expect(try Self.events(sequence + "x") == [.key(.character("x"))])
  }

  @Test("ESC alone and ESC ESC are one Escape; ESC then a key code is that key")
  func escapeKey() throws {
    #expect(try Self.events("\u{1b}") == [.key(.escape)])
    #expect(try Self.events("\u{1b}\u{1b}") == [.key(.escape)])
    // KEY_UP = 0403.
    #expect(try Self.events([(Self.ok, 27), (Self.keyCodeYes, 0o403)]) == [.key(.up)])
  }

  @Test("A sequence cut short by a key code, ESC or control character decodes that as itself")
  func interruptedSequences() throws {
    #expect(
      try Self.events([(Self.ok, 27), (Self.ok, 0x5B), (Self.ok, 0x31), (Self.keyCodeYes, 0o403)])
        == [.key(.up)])
    #expect(try Self.events("\u{1b}[12\u{1b}[<0;5;5M") == [.mousePress(column: 4, row: 4, button: .left)])
    #expect(try Self.events("\u{1b}[12\r") == [.key(.enter)])
  }

  @Test("100,000 ESC [ in a row, each cut short by the next, are read in a loop, not recursion")
  func floodOfIntroducers() throws {
    let flood = String(repeating: "\u{1b}[", count: 100_000)
    #expect(try Self.events(flood + "\r") == [.key(.enter)])
  }
}
