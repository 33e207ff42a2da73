// Leaving the live view: q, Ctrl-C and SIGTERM give their exit codes and a usable terminal.

import Foundation
import ScoreTestSupport
import Testing

@Suite("Live view exit in tmux")
struct LiveExitTests {
  /// How the view is ended (a key, or a signal sent with kill), and the status the shell
  /// then reports.
  struct Ending: Sendable, CustomTestStringConvertible {
    var name: String
    var signal: Int32?
    var status: Int
    var testDescription: String { "\(name) exits with \(status)" }
  }

  @Test(
    "q, Ctrl-C and the quiet signals end the view with 0 or 128 + signal, the terminal as it was",
    arguments: [
      Ending(name: "q", status: 0), Ending(name: "Ctrl-C", status: 130),
      Ending(name: "SIGTERM", signal: SIGTERM, status: 143),
      Ending(name: "SIGHUP", signal: SIGHUP, status: 129),
      Ending(name: "SIGUSR1", signal: SIGUSR1, status: 138),
      Ending(name: "SIGPIPE", signal: SIGPIPE, status: 141),
    ])
  func ending(_ ending: Ending) throws {
    let tmux = try LiveView.startWrapped()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    #expect(tmux.isAlternateScreenOn)
    switch ending.name {
    case "q": tmux.send(keys: "q")
    case "Ctrl-C": tmux.send(keys: "C-c")
    default: #expect(kill(try LiveView.wrappedPID(tmux), try #require(ending.signal)) == 0)
    }
    let screen = try tmux.waitUntil { $0.contains("EXIT=") && $0.contains("icanon") }
    #expect(screen.contains("EXIT=\(ending.status)\n"))
    #expect(!screen.contains("scoreviz  moons"), "the view is gone")
    #expect(!screen.contains("┤") && !screen.contains("⣿"))
    LiveView.expectRestored(tmux, screen: screen)
  }

  @Test(
    "SIGSEGV, SIGABRT, SIGQUIT and SIGBUS sent with kill restore the terminal and end the process",
    arguments: [
      Ending(name: "SIGSEGV", signal: SIGSEGV, status: 139),
      Ending(name: "SIGABRT", signal: SIGABRT, status: 134),
      Ending(name: "SIGQUIT", signal: SIGQUIT, status: 131),
      Ending(name: "SIGBUS", signal: SIGBUS, status: 135),
    ])
  func crashSignal(_ ending: Ending) throws {
    // Unset, SWIFT_BACKTRACE would let the backtracer wait 30 s for a key on the terminal;
    // the live view sets interactive=no for itself.
    let tmux = try LiveView.startWrapped(unsetting: ["SWIFT_BACKTRACE"])
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    let scoreviz = try LiveView.wrappedPID(tmux)
    let environment = try String(contentsOfFile: "/proc/\(scoreviz)/environ", encoding: .utf8)
    #expect(environment.split(separator: "\0").contains("SWIFT_BACKTRACE=interactive=no"))
    #expect(kill(scoreviz, try #require(ending.signal)) == 0)
    // The backtracer reports first; it must not wait for a key, nor let the view come back.
    let screen = try tmux.waitUntil(timeout: 20) { $0.contains("EXIT=") && $0.contains("icanon") }
    #expect(screen.contains("EXIT=\(ending.status)\n"))
    #expect(!screen.contains("Press space"))
    LiveView.expectRestored(tmux, screen: screen)
    Thread.sleep(forTimeInterval: 0.3)
    #expect(!tmux.isAlternateScreenOn, "the view did not come back")
  }

  @Test("A theme nested 100,000 deep, chosen with t, fails or crashes with the terminal restored")
  func deeplyNestedTheme() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let nested = "[colors]\nbackground = " + String(repeating: "[", count: 100_000) + "\n"
    // Named to follow "dark" (the first theme) among the built-in ones.
    try nested.write(toFile: folder + "/deep-nested.toml", atomically: true, encoding: .utf8)
    let tmux = try LiveView.startWrapped(["--themes-dir", folder], unsetting: ["SWIFT_BACKTRACE"])
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    tmux.send(keys: "t")
    // A parser without a depth limit overflows the stack; with one, the title says why.
    let after = try tmux.waitUntil(timeout: 20) { screen in
      (screen.contains("EXIT=") && screen.contains("icanon")) || screen.contains("nested.toml")
    }
    if after.contains("EXIT=") {
      #expect(after.contains("EXIT=139\n"), "a stack overflow ends by SIGSEGV")
      LiveView.expectRestored(tmux, screen: after)
    } else {
      tmux.send(keys: "q")
      let screen = try tmux.waitUntil { $0.contains("EXIT=") && $0.contains("icanon") }
      #expect(screen.contains("EXIT=0\n"))
      LiveView.expectRestored(tmux, screen: screen)
    }
  }

  @Test("Ctrl-Z (SIGTSTP) restores the terminal and stops; SIGCONT brings the whole view back")
  func suspendAndContinue() throws {
    let tmux = try LiveView.startWrapped()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    let scoreviz = try LiveView.wrappedPID(tmux)
    #expect(kill(scoreviz, SIGTSTP) == 0)
    var state = ""
    let deadline = Date().addingTimeInterval(10)
    while state != "T", Date() < deadline {
      usleep(50_000)
      let stat = (try? String(contentsOfFile: "/proc/\(scoreviz)/stat", encoding: .utf8)) ?? ""
      state = stat.split(separator: ")").last?.split(separator: " ").first.map(String.init) ?? ""
    }
    #expect(state == "T", "the process is stopped")
    #expect(!tmux.isAlternateScreenOn, "the shell's screen is back while stopped")
    #expect(tmux.format("#{cursor_flag}") == "1")
    #expect(tmux.format("#{mouse_any_flag}") == "0")
    let tty = tmux.format("#{pane_tty}")
    let modes = try runProgram("/bin/stty", ["-a", "-F", tty])
    #expect(modes.contains(" icanon") && !modes.contains("-icanon"))
    #expect(modes.contains(" echo ") && !modes.contains("-echo "))
    #expect(kill(scoreviz, SIGCONT) == 0)
    try tmux.waitUntil { screen in
      screen.hasPrefix(" scoreviz  moons") && screen.contains("σ 0.129 (5/10)")
        && !LiveView.arrows(TmuxCapture(screen)).isEmpty
    }
    #expect(tmux.isAlternateScreenOn)
    #expect(tmux.format("#{mouse_sgr_flag}") == "1", "SGR mouse reports are asked for again")
    tmux.send(keys: "q")
    let screen = try tmux.waitUntil { $0.contains("EXIT=") && $0.contains("icanon") }
    #expect(screen.contains("EXIT=0\n"))
    LiveView.expectRestored(tmux, screen: screen)
  }

  /// The standard output of `path arguments…`.
  private func runProgram(_ path: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self)
  }

  /// A data file scoreviz cannot use, the status it exits with, and the start of its message.
  struct BadData: Sendable, CustomTestStringConvertible {
    var contents: String?
    var status: Int
    var location: String
    var testDescription: String { contents == nil ? "missing file" : "malformed file" }
  }

  @Test(
    "A bad --data file ends scoreviz with 65 or 66 and a located message before any screen",
    arguments: [
      BadData(contents: "x,y\n1,2\n3,abc\n", status: 65, location: ":3:3: expected a number"),
      BadData(contents: nil, status: 66, location: ": cannot open"),
    ])
  func badData(_ bad: BadData) throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/points.csv"
    if let contents = bad.contents {
      try contents.write(toFile: path, atomically: true, encoding: .utf8)
    }
    let tmux = try LiveView.startWrapped(["--data", path])
    defer { tmux.kill() }
    let screen = try tmux.waitUntil { $0.contains("EXIT=") && $0.contains("icanon") }
    // The message may wrap at the pane's width.
    let unwrapped = screen.replacingOccurrences(of: "\n", with: "")
    #expect(screen.hasPrefix("scoreviz: "), "the message is the first thing on the screen")
    #expect(unwrapped.contains("scoreviz: " + path + bad.location))
    #expect(screen.contains("EXIT=\(bad.status)\n"))
    #expect(!tmux.isAlternateScreenOn)
    #expect(!screen.contains("scoreviz  "))
  }
}
