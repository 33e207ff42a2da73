// How the live view adapts to the terminal: size changes, ASCII glyphs and colour choice.

import Foundation
import ScoreTestSupport
import Testing

@Suite("Live view display in tmux")
struct LiveDisplayTests {
  @Test("Shrunk to 70×20 the view says it is too small with both sizes; back at 120×40 it returns")
  func resize() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    tmux.resize(width: 70, height: 20)
    let small = try tmux.waitUntil { $0.contains("too small") }
    #expect(small.contains("Terminal too small: 70×20, need 80×24"))
    #expect(!small.contains("scoreviz  moons"))
    tmux.resize(width: 120, height: 40)
    // The whole view again: title, arrows in the plot, the x axis on row 36, the status.
    try tmux.waitUntil { screen in
      let capture = TmuxCapture(screen)
      return !screen.contains("too small") && screen.contains("scoreviz  moons")
        && capture.rows.count > 36 && capture.rows[36].contains("└")
        && screen.contains("σ 0.129 (5/10)") && !LiveView.arrows(capture).isEmpty
    }
  }

  @Test("After s and a resize to 80×24 the status line still ends with the whole frame rate")
  func statusAfterSigmaAndResize() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    tmux.send(keys: "s")
    try tmux.waitUntil { $0.contains("σ 0.0774 (6/10)") }
    tmux.resize(width: 80, height: 24)
    // Two seconds of frames at 80 columns: the rate is drawn whole (about 30, never a lone
    // leading digit), and σ, h and the field error stay on the line.
    Thread.sleep(forTimeInterval: 2)
    let screen = try tmux.waitUntil { screen in
      screen.split(separator: "\n").count == 24 && screen.contains("σ 0.0774 (6/10)")
    }
    let capture = TmuxCapture(screen)
    let status = try #require(screen.split(separator: "\n").last.map(String.init))
    #expect(status.contains("h 0.152 (scott)") && status.contains("error "))
    let rate = try #require(capture.integer(after: "fps "), "no frame rate in: \(status)")
    #expect(rate >= 10, "the view draws at about 30 frames/s, the line says: \(status)")
    #expect(status.hasSuffix("fps \(rate)"))
  }

  @Test("--ascii: every character on the screen is ASCII")
  func asciiOnly() throws {
    let tmux = try LiveView.start(["--ascii"])
    defer { tmux.kill() }
    let capture = try LiveView.waitForView(tmux)
    // Wait for a frame with particles and arrows drawn, then check a few more frames.
    let screen = try tmux.waitUntil {
      $0.contains("particles 400") && $0.contains("sigma 0.129 (5/10)")
    }
    for text in [capture.text, screen, tmux.capture(), tmux.capture()] {
      let foreign = text.unicodeScalars.filter { !$0.isASCII }
      #expect(
        foreign.isEmpty,
        "non-ASCII characters: \(String(String.UnicodeScalarView(foreign.prefix(20))))")
    }
    #expect(screen.contains("objective ncsn"))
  }

  @Test("NO_COLOR=1: the pane holds no colour escapes")
  func noColor() throws {
    let tmux = try LiveView.start(environment: ["NO_COLOR": "1"])
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    let screen = tmux.capture(escapes: true)
    #expect(screen.contains("scoreviz"))
    #expect(sgrColorParameters(in: screen).isEmpty)
    #expect(!screen.contains("38;") && !screen.contains("48;"))
  }

  @Test("By default the pane holds 256-colour escapes, foreground and background")
  func colorByDefault() throws {
    let tmux = try LiveView.start(environment: ["NO_COLOR": ""])
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    let colors = sgrColorParameters(in: tmux.capture(escapes: true))
    #expect(colors.contains { $0.hasPrefix("38;5;") })
    #expect(colors.contains { $0.hasPrefix("48;5;") })
    #expect(Set(colors).count >= 8, "the heat map alone uses many colours")
  }
}
