// Leaving the live view: q, Ctrl-C and SIGTERM give their exit codes and a usable terminal.

import Foundation
import ScoreTestSupport
import Testing

@Suite("Live view exit in tmux")
struct LiveExitTests {
  /// How the view is ended, and the status the shell then reports.
  struct Ending: Sendable, CustomTestStringConvertible {
    var name: String
    var status: Int
    var testDescription: String { "\(name) exits with \(status)" }
  }

  @Test(
    "q, Ctrl-C and SIGTERM end the view with 0, 130 and 143 and leave the terminal as it was",
    arguments: [
      Ending(name: "q", status: 0), Ending(name: "Ctrl-C", status: 130),
      Ending(name: "SIGTERM", status: 143),
    ])
  func ending(_ ending: Ending) throws {
    let tmux = try LiveView.startWrapped()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    #expect(tmux.isAlternateScreenOn)
    switch ending.name {
    case "q": tmux.send(keys: "q")
    case "Ctrl-C": tmux.send(keys: "C-c")
    default:
      let shell = try #require(tmux.panePID)
      let scoreviz = try #require(childProcesses(of: shell).first)
      #expect(kill(scoreviz, SIGTERM) == 0)
    }
    let screen = try tmux.waitUntil { $0.contains("EXIT=") && $0.contains("icanon") }
    #expect(screen.contains("EXIT=\(ending.status)\n"))
    #expect(!tmux.isAlternateScreenOn, "the alternate screen was left")
    #expect(!screen.contains("scoreviz  moons"), "the view is gone")
    #expect(!screen.contains("┤") && !screen.contains("⣿"))
    let modes = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }))
    #expect(modes.contains("icanon") && !modes.contains("-icanon"), "line editing is back")
    #expect(modes.contains("echo") && !modes.contains("-echo"), "typed keys echo again")
    #expect(modes.contains("icrnl") && modes.contains("opost"), "newlines work as before")
  }

  /// The pids of `pid`'s children, from /proc.
  private func childProcesses(of pid: Int32) throws -> [Int32] {
    let list = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
    return list.split(separator: " ").compactMap { Int32($0) }
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
