// The live view as it first appears in a terminal: title, status, training and particles moving.

import Foundation
import ScoreTestSupport
import Testing

@Suite("Live view launch in tmux")
struct LiveLaunchTests {
  @Test("At 120×40 the title names scoreviz and moons and the status shows σ at level 5 of 10")
  func titleAndStatus() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    let capture = try LiveView.waitForView(tmux)
    let title = String(String.UnicodeScalarView(capture.rows[0]))
    #expect(title.contains("scoreviz"))
    #expect(title.contains("moons"))
    #expect(capture.text.contains("σ 0.129 (5/10)"))
    #expect(capture.text.contains("objective ncsn"))
    #expect(capture.text.contains("data 10000"))
    #expect(capture.text.contains("particles 400"))
  }

  @Test("Training runs: the epoch count grows between two captures")
  func epochGrows() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    let first = try #require(try LiveView.waitForView(tmux).integer(after: "epoch "))
    try tmux.waitUntil { screen in
      (TmuxCapture(screen).integer(after: "epoch ") ?? 0) > first
    }
  }

  @Test("Particles move: the braille cells of the plot change between two captures")
  func particlesMove() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    let first = LiveView.braille(try LiveView.waitForView(tmux))
    #expect(!first.isEmpty)
    try tmux.waitUntil { screen in
      let now = LiveView.braille(TmuxCapture(screen))
      return !now.isEmpty && now != first
    }
  }

  @Test("At the minimum 80×24 the whole view fits: title, legend, axes and both status lines")
  func minimumSize() throws {
    let tmux = try LiveView.start(width: 80, height: 24)
    defer { tmux.kill() }
    let capture = try LiveView.waitForView(tmux)
    #expect(capture.text.contains("scoreviz  moons  N 10000"))
    #expect(capture.text.contains("data 10000"))
    #expect(capture.text.contains("└"))
    #expect(capture.rows.count >= 24)
    #expect(String(String.UnicodeScalarView(capture.rows[23])).contains("σ 0.129 (5/10)"))
    #expect(!capture.text.contains("too small"))
  }
}
