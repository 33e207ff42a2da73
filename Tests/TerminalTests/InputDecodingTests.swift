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
