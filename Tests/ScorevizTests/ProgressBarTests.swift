// The progress bar's arithmetic and text, and that it shows in a terminal and nowhere else.

import Foundation
import ScoreTestSupport
import Testing

@testable import scoreviz

@Suite("Progress bar with ETA")
struct ProgressBarTests {
  @Test("The time left carries the rate so far to the end: elapsed × (total − done) / done")
  func remainingTime() {
    // 250 of 1000 in 10 s: 25 a second, 750 left, 30 s.
    #expect(ProgressBar.remainingSeconds(elapsed: 10, done: 250, total: 1000) == 30)
    #expect(ProgressBar.remainingSeconds(elapsed: 3, done: 1, total: 4) == 9)
    #expect(ProgressBar.remainingSeconds(elapsed: 7, done: 1000, total: 1000) == 0)
    #expect(ProgressBar.remainingSeconds(elapsed: 7, done: 1200, total: 1000) == 0)
    #expect(ProgressBar.remainingSeconds(elapsed: 7, done: 0, total: 1000).isNaN)
  }

  @Test("Clock text: m:ss, h:mm:ss from an hour, rounded by the rule, — when unknown")
  func clockText() {
    let cases: [(Double, FloatingPointRoundingRule, String)] = [
      (0, .up, "0:00"), (0.2, .up, "0:01"), (0.2, .down, "0:00"), (12, .up, "0:12"), (59.5, .down, "0:59"),
      (59.5, .up, "1:00"), (61, .down, "1:01"), (3599, .up, "59:59"), (3600, .up, "1:00:00"),
      (3723.4, .down, "1:02:03"), (36_000, .down, "10:00:00"), (.nan, .up, "—"), (.infinity, .up, "—"),
      (-1, .up, "—"), (4e7, .down, "—"),
    ]
    for (seconds, rule, text) in cases {
      #expect(ProgressBar.clock(seconds, rule: rule) == text, "\(seconds) \(rule)")
    }
  }

  @Test("The line: label, bar, percentage or count, detail, time taken and ETA")
  func lineText() {
    let bar10 = String(repeating: "█", count: 3) + String(repeating: "·", count: 27)
    #expect(
      ProgressBar.line(label: "sample", done: 1, total: 10, showsCount: false, detail: "", elapsed: 2.5)
        == "sample [\(bar10)]  10%  0:02  ETA 0:23")
    let half = String(repeating: "█", count: 15) + String(repeating: "·", count: 15)
    #expect(
      ProgressBar.line(label: "", done: 2500, total: 5000, showsCount: true, detail: "loss 0.9", elapsed: 12)
        == "[\(half)]  2500/5000  loss 0.9  0:12  ETA 0:12")
    let full = String(repeating: "█", count: 30)
    #expect(
      ProgressBar.line(label: "bench", done: 3, total: 3, showsCount: true, detail: "", elapsed: 65)
        == "bench [\(full)]  3/3  1:05  ETA 0:00")
  }

  @Test("Nothing is drawn before a second has passed, nor when disabled; then ten times a second at most")
  func drawingIsDue() {
    var bar = ProgressBar(total: 100, start: 50, isEnabled: true)
    #expect(!bar.isDue(done: 10, now: 50.9))
    #expect(bar.isDue(done: 10, now: 51))
    let off = ProgressBar(total: 100, start: 50, isEnabled: false)
    #expect(!off.isDue(done: 10, now: 60))
    _ = bar  // a drawn bar's own timing is checked end to end, where stderr is a terminal
  }

  @Test("train in a terminal shows the bar with its ETA on stderr after a second")
  func trainShowsETAInATerminal() throws {
    let folder = try makeTemporaryFolder()
    let tmux = try TmuxSession(
      command: [
        "/bin/sh", "-c", "\"$0\" train --dataset moons --steps 1000000 --seconds 4 >/dev/null; sleep 30",
        scorevizExecutablePath(),
      ], width: 150, height: 10, workingDirectory: folder)
    defer { tmux.kill() }
    let screen = try tmux.waitUntil(timeout: 20) { $0.contains("ETA ") }
    let line = try #require(screen.split(separator: "\n").first { $0.contains("ETA ") })
    #expect(line.hasPrefix("[█") || line.hasPrefix("[·"))
    #expect(line.contains("samples/s") && line.contains("%"))
    let eta = try #require(line.range(of: "ETA ").map { line[$0.upperBound...] })
    #expect(eta.split(separator: ":").count == 2 && eta.allSatisfy { $0.isNumber || $0 == ":" }, "\(eta)")
  }

  @Test("sample with stderr in a file writes no progress bytes there, only its note")
  func noProgressWithoutATerminal() throws {
    let model = try TrainedModel.requirePath()
    let folder = try makeTemporaryFolder()
    // About three seconds of annealed sampling: long enough for a bar to be due if one were drawn.
    let tmux = try TmuxSession(
      command: [
        "/bin/sh", "-c",
        "\"$0\" sample --model \"$1\" --particles 2000 --steps-per-level 100 -o out.csv 2>err.txt; echo EXIT=$?; sleep 30",
        scorevizExecutablePath(), model,
      ], width: 150, height: 10, workingDirectory: folder)
    defer { tmux.kill() }
    let screen = try tmux.waitUntil(timeout: 60) { $0.contains("EXIT=") }
    #expect(screen.contains("EXIT=0"))
    #expect(!screen.contains("ETA"))
    let errors = try String(contentsOfFile: folder + "/err.txt", encoding: .utf8)
    #expect(errors == "nfe: 1000\n")
  }
}
