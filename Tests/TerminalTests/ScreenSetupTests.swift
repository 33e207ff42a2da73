// The ncurses calls a session makes when it starts and ends.

import ScoreView
import Terminal
import Testing

@Suite("Screen set-up")
struct ScreenSetupTests {
  @Test("Start-up sequence with colours and mouse: SGR reports asked for when kmous is X10")
  func startupSequence() throws {
    let backend = RecordingBackend()
    let screen = try Screen(backend: backend, configuration: .init(), terminalName: "t")
    #expect(
      backend.calls == [
        .newterm, .cbreak, .noecho, .keypad, .cursSet(0), .setEscdelay(25), .hasColors,
        .startColor, .useDefaultColors, .colors, .colorPairs, .mousemask, .mouseinterval(0),
        .keyMouseIsSGR, .writeControl("\u{1b}[?1006h"), .writeControl("\u{1b}[?2004h"),
      ])
    #expect(screen.depth == .palette256)
  }

  @Test("Where ncurses handles SGR reports itself (kmous = \\e[<), only bracketed paste is added")
  func sgrByNcurses() throws {
    let backend = RecordingBackend()
    backend.mouseKeyIsSGR = true
    let screen = try Screen(backend: backend, configuration: .init(), terminalName: "t")
    #expect(
      Array(backend.calls.suffix(4)) == [
        .mousemask, .mouseinterval(0), .keyMouseIsSGR, .writeControl("\u{1b}[?2004h"),
      ])
    backend.calls.removeAll()
    screen.end()
    #expect(backend.calls == [.writeControl("\u{1b}[?2004l"), .endwin])
  }

  @Test("No mouse when not asked; no colour without has_colors")
  func optionalParts() throws {
    let backend = RecordingBackend()
    backend.hasColorSupport = false
    let screen = try Screen(backend: backend, configuration: .init(mouse: false), terminalName: "t")
    #expect(
      backend.calls == [
        .newterm, .cbreak, .noecho, .keypad, .cursSet(0), .setEscdelay(25), .hasColors,
        .writeControl("\u{1b}[?2004h"),
      ])
    #expect(screen.depth == .monochrome)
  }

  @Test("A forced depth is capped at the terminal's colours after start_color")
  func forcedDepthIsCapped() throws {
    let backend = RecordingBackend(colorCount: 256)
    let screen = try Screen(
      backend: backend, configuration: .init(forcedDepth: .trueColor), terminalName: "t")
    #expect(screen.depth == .palette256)
    let lower = try Screen(
      backend: RecordingBackend(colorCount: 256),
      configuration: .init(forcedDepth: .ansi16, noColor: "1"),
      terminalName: "t")
    #expect(lower.depth == .ansi16)
  }

  @Test("An unknown terminal throws with its name and makes no further calls")
  func unknownTerminalThrows() {
    let backend = RecordingBackend()
    backend.opens = false
    #expect(throws: TerminalError.cannotOpenTerminal("vt-nonsense")) {
      try Screen(backend: backend, configuration: .init(), terminalName: "vt-nonsense")
    }
    #expect(backend.calls == [.newterm])
    #expect(
      TerminalError.cannotOpenTerminal("vt-nonsense").description
        == "cannot open terminal type 'vt-nonsense'")
  }

  @Test("end() switches SGR reports and bracketed paste off and calls endwin, once")
  func endIsIdempotent() throws {
    let (screen, backend) = try makeScreen()
    screen.end()
    screen.end()
    #expect(backend.calls == [.writeControl("\u{1b}[?1006l"), .writeControl("\u{1b}[?2004l"), .endwin])
  }

  @Test("suspend() leaves curses mode; resume() refreshes, asks for the mouse and modes again")
  func suspendAndResume() throws {
    let (screen, backend) = try makeScreen()
    screen.suspend()
    #expect(backend.calls == [.writeControl("\u{1b}[?1006l"), .writeControl("\u{1b}[?2004l"), .endwin])
    backend.calls.removeAll()
    screen.resume()
    #expect(
      backend.calls == [.refresh, .mousemask, .writeControl("\u{1b}[?1006h"), .writeControl("\u{1b}[?2004h")])
    backend.calls.removeAll()
    screen.draw(Frame(width: 1, height: 1, fill: Cell("x")))
    #expect(backend.calls.first == .clear, "the first frame after resuming is a full repaint")
  }
}
