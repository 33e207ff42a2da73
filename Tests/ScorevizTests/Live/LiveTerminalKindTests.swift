// The live view on other kinds of terminal: 24-bit colour, no alternate screen, no cursor, no UTF-8.

import Foundation
import ScoreTestSupport
import Testing

@Suite("Live view on other terminals, in tmux")
struct LiveTerminalKindTests {
  /// The 24-bit colours (`r;g;b`) of the `38;2` and `48;2` parameters in `screen`, by kind.
  static func directColors(in screen: String) -> (foreground: Set<String>, background: Set<String>) {
    var foreground: Set<String> = []
    var background: Set<String> = []
    for parameter in sgrColorParameters(in: screen) {
      if parameter.hasPrefix("38;2;") { foreground.insert(String(parameter.dropFirst(5))) }
      if parameter.hasPrefix("48;2;") { background.insert(String(parameter.dropFirst(5))) }
    }
    return (foreground, background)
  }

  /// Whether `rgb` ("r;g;b") is one of the xterm 256-colour palette's colours above 15: its
  /// 6 × 6 × 6 cube (levels 0, 95, 135, 175, 215, 255) or its grey ramp (8, 18, …, 238).
  static func isInPalette256(_ rgb: String) -> Bool {
    let channels = rgb.split(separator: ";").compactMap { Int($0) }
    guard channels.count == 3 else { return false }
    let cube: Set<Int> = [0, 95, 135, 175, 215, 255]
    if channels.allSatisfy(cube.contains) { return true }
    return channels[0] == channels[1] && channels[1] == channels[2] && (channels[0] - 8) % 10 == 0
      && (8...238).contains(channels[0])
  }

  /// Waits for the view, then for a screen whose heat map shows at least 40 background
  /// colours no 256-colour terminal has, and checks it holds no palette colours at all.
  static func expectTrueColor(_ tmux: TmuxSession) throws {
    try LiveView.waitForView(tmux)
    let screen = try tmux.waitUntil(timeout: 20, escapes: true) { screen in
      directColors(in: screen).background.filter { !isInPalette256($0) }.count >= 40
    }
    let colors = directColors(in: screen)
    #expect(!colors.foreground.isEmpty, "text, arrows and points in 38;2 colours")
    let parameters = sgrColorParameters(in: screen)
    #expect(!parameters.contains { $0.hasPrefix("38;5;") || $0.hasPrefix("48;5;") }, "no 256-colour escapes")
  }

  @Test("COLORTERM=truecolor: the pane holds 24-bit colours, more than 256 colours could show")
  func colorTermTrueColor() throws {
    let tmux = try LiveView.start(environment: ["COLORTERM": "truecolor"])
    defer { tmux.kill() }
    try Self.expectTrueColor(tmux)
  }

  @Test("--color truecolor on a 256-colour terminal: 24-bit colours, and a resize repaints")
  func forcedTrueColor() throws {
    let tmux = try LiveView.start(["--color", "truecolor"])
    defer { tmux.kill() }
    try Self.expectTrueColor(tmux)
    tmux.resize(width: 140, height: 45)
    let screen = try tmux.waitUntil { screen in
      let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
      return lines.count >= 45 && lines[44].contains("fps") && lines[0].hasPrefix(" scoreviz")
    }
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let panel = try #require(lines[1].range(of: "data 10000"), "the side panel, moved right: \(lines[1])")
    #expect(lines[1].unicodeScalars.distance(from: lines[1].startIndex, to: panel.lowerBound) > 115)
    #expect(lines[41].contains("└"), "the x axis two rows above the status lines")
  }

  /// How a view on a terminal without an alternate screen is ended.
  enum Ending: String, CaseIterable, Sendable {
    case q, sigterm
  }

  @Test(
    "vt100 and linux (no alternate screen): after the view ends the screen is clear, the shell's line at the top",
    arguments: ["vt100", "linux"], Ending.allCases)
  func noAlternateScreen(term: String, ending: Ending) throws {
    let script = #""$0" "$@"; echo EXIT=$?; sleep 30"#
    let tmux = try TmuxSession(
      command: ["/bin/sh", "-c", script, scorevizExecutablePath()], width: 100, height: 30,
      environment: ["TERM": term], workingDirectory: LiveView.packageFolder)
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    #expect(!tmux.isAlternateScreenOn)
    switch ending {
    case .q: tmux.send(keys: "q")
    case .sigterm: #expect(kill(try LiveView.wrappedPID(tmux), SIGTERM) == 0)
    }
    let status = ending == .q ? 0 : 143
    let screen = try tmux.waitUntil { $0.contains("EXIT=") }
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "EXIT=\(status)", "the screen was cleared and the cursor homed")
    #expect(lines.dropFirst().allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(screen)")
  }

  @Test("TERM=dumb: one line on stderr, exit 1, nothing on stdout")
  func dumbTerminalIsRefused() throws {
    let result = try runScoreviz([], environment: ["TERM": "dumb"])
    #expect(result.status == 1)
    #expect(result.standardOutput.isEmpty)
    #expect(!result.standardOutput.contains("\u{1B}"))
    #expect(
      result.standardError
        == "scoreviz: the terminal 'dumb' cannot move the cursor (no cup in terminfo); use a full-screen"
        + " terminal or a headless command such as scoreviz render\n")
  }

  @Test("TERM=dumb in a pane: the message alone, no escape sequence, exit 1")
  func dumbTerminalInAPane() throws {
    let script = #""$0" "$@"; echo EXIT=$?; sleep 30"#
    let tmux = try TmuxSession(
      command: ["/bin/sh", "-c", script, scorevizExecutablePath()], width: 160, height: 10,
      environment: ["TERM": "dumb"])
    defer { tmux.kill() }
    let screen = try tmux.waitUntil { $0.contains("EXIT=") }
    let lines = screen.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("scoreviz: the terminal 'dumb' cannot move the cursor") == true)
    #expect(lines.dropFirst().first == "EXIT=1")
    #expect(!tmux.isAlternateScreenOn)
    #expect(sgrColorParameters(in: tmux.capture(escapes: true)).isEmpty)
  }

  @Test("LANG=C: ASCII only, and a note on the title row until the first key")
  func nonUTF8LocaleFallsBackToASCII() throws {
    let tmux = try LiveView.start(environment: ["LANG": "C", "LC_ALL": "C"])
    defer { tmux.kill() }
    let notice = "ASCII: the locale (C) is not UTF-8; set LANG=C.UTF-8 for Unicode"
    let screen = try tmux.waitUntil { $0.contains("particles 400") && $0.contains("sigma 0.129") }
    #expect(screen.split(separator: "\n").first?.contains(notice) == true)
    for text in [screen, tmux.capture(), tmux.capture()] {
      let foreign = text.unicodeScalars.filter { !$0.isASCII }
      #expect(foreign.isEmpty, "non-ASCII: \(String(String.UnicodeScalarView(foreign.prefix(20))))")
      #expect(!text.contains("?"), "no glyph the locale cannot show")
    }
    tmux.send(keys: "s")
    let after = try tmux.waitUntil { $0.contains("sigma 0.0774") }
    #expect(!after.contains(notice))
  }
}
