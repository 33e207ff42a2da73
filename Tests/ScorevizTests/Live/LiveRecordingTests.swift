// `scoreviz --record`: the asciicast file read back, and its output replayed into a second pane.

import Foundation
import ScoreTestSupport
import Testing

@Suite("Live view recording in tmux")
struct LiveRecordingTests {
  /// The lines of an asciicast v2 file, each parsed as JSON: the header object, then events.
  static func castLines(_ path: String) throws -> (header: [String: Any], events: [[Any]]) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.last == "", "the file ends with a newline")
    lines.removeLast()
    let first = try #require(lines.first)
    let header = try #require(jsonObject(first))
    let events = try lines.dropFirst().map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], "\(line)")
    }
    return (header, events)
  }

  /// The terminal output of the events: their "o" texts joined.
  static func outputBytes(_ events: [[Any]]) -> Data {
    Data(events.filter { $0[1] as? String == "o" }.compactMap { $0[2] as? String }.joined().utf8)
  }

  @Test("--record writes a header and timed output that, replayed, gives the screen the view showed")
  func recordingReplaysToTheSameScreen() throws {
    let folder = try makeTemporaryFolder()
    let cast = folder + "/session.cast"
    let tmux = try TmuxSession(
      command: [scorevizExecutablePath(), "--record", cast, "--particles", "100", "--seed", "3"], width: 100,
      height: 30, workingDirectory: folder)
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    tmux.send(keys: "1")
    usleep(1_000_000)
    let recorder = try #require(tmux.panePID)
    var live = ""
    var replayed = ""
    // Stopping the recorder stops the output between two blocks; a block shown but not yet
    // recorded at that moment would differ, so a mismatch is tried again a few times.
    for _ in 0..<3 {
      kill(recorder, SIGSTOP)
      usleep(500_000)
      live = tmux.capture(escapes: true)
      let (_, events) = try Self.castLines(cast)
      try Self.outputBytes(events).write(to: URL(fileURLWithPath: folder + "/replay.bytes"))
      let replay = try TmuxSession(
        command: ["/bin/sh", "-c", "stty raw -echo; cat replay.bytes; sleep 30"], width: 100, height: 30,
        workingDirectory: folder)
      defer { replay.kill() }
      replayed = (try? replay.waitUntil(timeout: 5, escapes: true) { $0 == live }) ?? replay.capture(escapes: true)
      kill(recorder, SIGCONT)
      if replayed == live { break }
      usleep(300_000)
    }
    #expect(live.contains("scoreviz") && live.contains("epoch"))
    #expect(replayed == live, "the replayed screen differs from the live one")

    tmux.send(keys: "q")
    try tmux.waitUntil { _ in !FileManager.default.fileExists(atPath: "/proc/\(recorder)") || !tmux.isAlternateScreenOn
    }
    let (header, events) = try Self.castLines(cast)
    #expect(header["version"] as? Int == 2)
    #expect(header["width"] as? Int == 100 && header["height"] as? Int == 30)
    let timestamp = try #require(header["timestamp"] as? Int)
    #expect(abs(Double(timestamp) - Date().timeIntervalSince1970) < 300)
    #expect((header["command"] as? String)?.contains("--record \(cast) --particles 100 --seed 3") == true)
    #expect((header["title"] as? String)?.contains("seed 3") == true)
    #expect((header["env"] as? [String: String])?["TERM"] == "tmux-256color")
    let times = events.compactMap { $0[0] as? Double }
    #expect(times.count == events.count && !times.isEmpty)
    #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "times never go back")
    #expect(events.allSatisfy { $0.count == 3 && ["o", "r"].contains($0[1] as? String) })
    // The view entered and left the alternate screen (tmux-256color's smcup and rmcup).
    let output = String(decoding: Self.outputBytes(events), as: UTF8.self)
    #expect(output.contains("\u{1B}[?1049h") && output.contains("\u{1B}[?1049l"))
  }

  @Test("--record refuses a file that exists (73) and a name that is not .cast (64)")
  func recordRefusesBadNames() throws {
    let folder = try makeTemporaryFolder()
    let existing = try writeTextFile("keep", named: "old.cast", in: folder)
    let tmux = try LiveView.startWrapped(["--record", existing])
    defer { tmux.kill() }
    let screen = try tmux.waitUntil { $0.contains("EXIT=") }
    #expect(screen.contains("EXIT=73"), "\(screen)")
    #expect(screen.contains("\(existing): cannot write: the file exists"))
    #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep")

    let result = try runScoreviz(["--record", folder + "/session.txt"])
    #expect(result.status == 64)
    #expect(validationMessage(result.standardError)?.contains("unknown extension '.txt'") == true)
  }
}
