// Starting the live view in tmux, and where its parts sit on the screen.

import Foundation
import ScoreTestSupport
import Testing

/// The live view as a person at a terminal sees it: started in a tmux pane, read back as text.
enum LiveView {
  /// The arrow glyphs of the Unicode style.
  static let arrowGlyphs: Set<Unicode.Scalar> = ["←", "↑", "→", "↓", "↖", "↗", "↘", "↙"]

  /// The package folder (everything before `/Tests/` in this file's path): the pane's working
  /// directory, so `t` finds the themes folder there as it does for a user in a checkout.
  static let packageFolder: String = {
    let file = #filePath
    return file.range(of: "/Tests/", options: .backwards).map { String(file[..<$0.lowerBound]) }
      ?? FileManager.default.currentDirectoryPath
  }()

  /// `scoreviz arguments…` alone in a `width` × `height` pane.
  static func start(
    _ arguments: [String] = [], width: Int = 120, height: Int = 40,
    environment: [String: String] = [:]
  ) throws -> TmuxSession {
    try TmuxSession(
      command: [scorevizExecutablePath()] + arguments, width: width, height: height,
      environment: environment, workingDirectory: packageFolder)
  }

  /// `scoreviz arguments…` run by a shell that then prints `EXIT=<status>` and `stty -a`
  /// and stays for 30 s, so the exit status and the restored terminal can be read.
  ///
  /// The shell ignores SIGINT (`trap :`, reset to the default for scoreviz), so Ctrl-C in the
  /// pane reaches scoreviz and the shell carries on. `unsetting` names variables removed from
  /// scoreviz's environment (the pane sets SWIFT_BACKTRACE, for one). The pane runs in
  /// `workingDirectory` (the package folder by default).
  static func startWrapped(
    _ arguments: [String] = [], unsetting: [String] = [], workingDirectory: String = packageFolder
  ) throws -> TmuxSession {
    let unset = unsetting.map { "unset \($0); " }.joined()
    let script = unset + #"trap : INT; "$0" "$@"; echo EXIT=$?; stty -a; sleep 30"#
    return try TmuxSession(
      command: ["/bin/sh", "-c", script, scorevizExecutablePath()] + arguments, width: 120,
      height: 40, workingDirectory: workingDirectory)
  }

  /// Waits until the view shows its title and status bar with an epoch count.
  @discardableResult
  static func waitForView(_ tmux: TmuxSession, epochLabel: String = "epoch ") throws -> TmuxCapture {
    TmuxCapture(
      try tmux.waitUntil { screen in
        let capture = TmuxCapture(screen)
        return screen.hasPrefix(" scoreviz") && capture.integer(after: epochLabel) != nil
      })
  }

  /// The plot's columns at `width`: right of the 8-column y labels and the axis line, left of
  /// the one-column gap and the 20-column side panel.
  static func plotColumns(width: Int) -> Range<Int> { 9..<(width - 21) }

  /// The plot's rows at `height`: below the title, above the x axis (2 rows) and the status
  /// bar (2 rows).
  static func plotRows(height: Int) -> Range<Int> { 1..<(height - 4) }

  /// The arrows in the plot of a 120 × 40 capture.
  static func arrows(_ capture: TmuxCapture) -> [CellPosition: Unicode.Scalar] {
    capture.cells(columns: plotColumns(width: 120), rows: plotRows(height: 40)) {
      arrowGlyphs.contains($0)
    }
  }

  /// The braille cells (data points and particles) in the plot of a 120 × 40 capture.
  static func braille(_ capture: TmuxCapture) -> [CellPosition: Unicode.Scalar] {
    capture.cells(columns: plotColumns(width: 120), rows: plotRows(height: 40)) {
      (0x2801...0x28FF).contains($0.value)
    }
  }

  /// The pids of `pid`'s children, from /proc.
  static func childProcesses(of pid: Int32) throws -> [Int32] {
    let list = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
    return list.split(separator: " ").compactMap { Int32($0) }
  }

  /// The pid of scoreviz in a pane started by `startWrapped` (the shell's child).
  static func wrappedPID(_ tmux: TmuxSession) throws -> Int32 {
    let shell = try #require(tmux.panePID)
    return try #require(childProcesses(of: shell).first)
  }

  /// Checks that a pane's screen, after `startWrapped`'s `stty -a`, shows the terminal as a
  /// shell wants it: main screen, cursor shown, no mouse reporting, line editing and echo.
  static func expectRestored(_ tmux: TmuxSession, screen: String) {
    #expect(!tmux.isAlternateScreenOn, "the alternate screen was left")
    #expect(tmux.format("#{cursor_flag}") == "1", "the cursor is shown")
    #expect(tmux.format("#{mouse_any_flag}") == "0", "mouse reporting is off")
    #expect(tmux.format("#{mouse_sgr_flag}") == "0", "SGR mouse reports are off")
    let modes = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }))
    #expect(modes.contains("icanon") && !modes.contains("-icanon"), "line editing is back")
    #expect(modes.contains("echo") && !modes.contains("-echo"), "typed keys echo again")
    #expect(modes.contains("icrnl") && modes.contains("opost"), "newlines work as before")
  }

  /// The first number in `text` ("0.152 (scott)" gives 0.152), nil when there is none.
  static func leadingNumber(_ text: String?) -> Double? {
    guard let text else { return nil }
    return Double(text.prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" })
  }
}
