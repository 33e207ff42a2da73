// The ncurses calls a session makes when it starts and ends.

import Terminal
import Testing

@Suite("Screen set-up")
struct ScreenSetupTests {
  @Test("Start-up sequence with colours and mouse")
  func startupSequence() throws {
    let backend = RecordingBackend()
    let screen = try Screen(backend: backend, configuration: .init(), terminalName: "t")
    #expect(
      backend.calls == [
        .newterm, .cbreak, .noecho, .keypad, .cursSet(0), .setEscdelay(25), .hasColors,
        .startColor, .useDefaultColors, .colors, .colorPairs, .mousemask, .mouseinterval(0),
      ])
    #expect(screen.depth == .palette256)
  }

  @Test("No mouse when not asked; no colour without has_colors")
  func optionalParts() throws {
    let backend = RecordingBackend()
    backend.hasColorSupport = false
    let screen = try Screen(backend: backend, configuration: .init(mouse: false), terminalName: "t")
    #expect(
      backend.calls == [
        .newterm, .cbreak, .noecho, .keypad, .cursSet(0), .setEscdelay(25), .hasColors,
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

  @Test("end() calls endwin once however often it is called")
  func endIsIdempotent() throws {
    let (screen, backend) = try makeScreen()
    screen.end()
    screen.end()
    #expect(backend.calls == [.endwin])
  }
}
