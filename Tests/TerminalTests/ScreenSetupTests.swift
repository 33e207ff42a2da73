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

  @Test("A forced depth is honoured; ncurses draws it only when terminfo has the colours")
  func forcedDepthIsHonoured() throws {
    let trueColor = try Screen(
      backend: RecordingBackend(colorCount: 256), configuration: .init(forcedDepth: .trueColor),
      terminalName: "t")
    #expect(trueColor.depth == .trueColor && trueColor.drawsDirectly)
    let lower = try Screen(
      backend: RecordingBackend(colorCount: 256), configuration: .init(forcedDepth: .ansi16, noColor: "1"),
      terminalName: "t")
    #expect(lower.depth == .ansi16 && !lower.drawsDirectly)
    let beyond = try Screen(
      backend: RecordingBackend(colorCount: 8), configuration: .init(forcedDepth: .palette256),
      terminalName: "t")
    #expect(beyond.depth == .palette256 && beyond.drawsDirectly)
    let withoutColors = RecordingBackend()
    withoutColors.hasColorSupport = false
    let forcedOnMonochrome = try Screen(
      backend: withoutColors, configuration: .init(forcedDepth: .trueColor), terminalName: "t")
    #expect(forcedOnMonochrome.depth == .trueColor && forcedOnMonochrome.drawsDirectly)
    #expect(!withoutColors.calls.contains(.startColor))
  }

  @Test("COLORTERM=truecolor: 24-bit colour drawn directly, no colour pairs asked for")
  func colorTermTrueColor() throws {
    let backend = RecordingBackend(colorCount: 256)
    let screen = try Screen(backend: backend, configuration: .init(colorTerm: "truecolor"), terminalName: "t")
    #expect(screen.depth == .trueColor && screen.drawsDirectly)
    #expect(!backend.calls.contains(.colorPairs))
    let plain = try Screen(
      backend: RecordingBackend(colorCount: 256), configuration: .init(colorTerm: "yes"), terminalName: "t")
    #expect(plain.depth == .palette256 && !plain.drawsDirectly)
  }

  @Test("NO_COLOR wins over COLORTERM; a terminal without colours stays monochrome")
  func colorTermLimits() throws {
    let noColor = try Screen(
      backend: RecordingBackend(colorCount: 256), configuration: .init(noColor: "1", colorTerm: "24bit"),
      terminalName: "t")
    #expect(noColor.depth == .monochrome && !noColor.drawsDirectly)
    let backend = RecordingBackend()
    backend.hasColorSupport = false
    let vt100 = try Screen(backend: backend, configuration: .init(colorTerm: "truecolor"), terminalName: "t")
    #expect(vt100.depth == .monochrome && !vt100.drawsDirectly)
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
