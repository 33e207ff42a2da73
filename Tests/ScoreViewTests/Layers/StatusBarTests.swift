// The title and status lines report σ, its level, h, ε, the loss trend and messages.

import Foundation
import ScoreCore
import ScoreView
import Testing

@Suite struct StatusBarTests {
  static func statusLines(_ frame: Frame) -> [String] {
    Array(
      frame.plainText.split(separator: "\n", omittingEmptySubsequences: false).suffix(2).map(
        String.init))
  }

  /// The second status line at 80 × 24, literally.
  @Test func samplingLineLiteral() {
    let frame = ViewRenderer.render(emptyState(width: 80, height: 24))
    #expect(
      Self.statusLines(frame)[1]
        == " σ 0.100 (7/10)  h 0.100 (Scott)  ε 2.00e-05 annealed  field error 0.123  fps 60")
    let ascii = ViewRenderer.render(emptyState(width: 80, height: 24, style: .ascii))
    #expect(
      Self.statusLines(ascii)[1]
        == " sigma 0.100 (7/10)  h 0.100 (Scott)  eps 2.00e-05 annealed  error 0.123  fps 60",
      "the longer ASCII names fit once \"field error\" is shortened to \"error\"")
  }

  /// One level down from the default ladder at 80 × 24 the line is a column too long with
  /// full labels; it shortens a label instead of cutting "fps 30" to "fps 3".
  @Test func narrowLineShortensInsteadOfCuttingNumbers() {
    var state = emptyState(width: 80, height: 24)
    state.status.sigma = 0.0774
    state.status.sigmaLevel = 6
    state.status.bandwidth = 0.152
    state.status.bandwidthSource = .rule("scott")
    state.status.fieldError = 0.179
    state.status.framesPerSecond = 30
    #expect(
      Self.statusLines(ViewRenderer.render(state))[1]
        == " σ 0.0774 (6/10)  h 0.152 (scott)  ε 2.00e-05 annealed  error 0.179  fps 30")
  }

  /// At every width from 80 to 130 columns and for long and short readings, each segment of
  /// the second line is shown whole, in its full or short form, or not at all; the line
  /// ends within the frame and σ is always there.
  @Test(arguments: [GlyphStyle.unicode, .ascii])
  func samplingSegmentsAreWholeAtEveryWidth(style: GlyphStyle) {
    let glyphs = style == .unicode ? ("σ", "ε") : ("sigma", "eps")
    for long in [false, true] {
      for width in 80...130 {
        var state = emptyState(width: width, height: 24, style: style)
        state.status.sigma = long ? 1.23e-4 : 0.5
        state.status.sigmaLevel = long ? 10 : 1
        state.status.bandwidthSource = long ? .lockedToSigma : .fixed
        state.status.bandwidth = long ? 1.23e-4 : 0.5
        state.status.fieldError = long ? 12.3 : 0.1
        state.status.framesPerSecond = long ? 144 : 30
        let sigmaText = long ? "1.23e-04 (10/10)" : "0.500 (1/10)"
        let hValue = long ? "1.23e-04" : "0.500"
        let source = long ? "locked to \(glyphs.0)" : "fixed"
        let shortSource = long ? "=\(glyphs.0)" : "fixed"
        let whole: Set<String> = [
          "\(glyphs.0) \(sigmaText)", "h \(hValue) (\(source))", "h \(hValue) (\(shortSource))",
          "\(glyphs.1) 2.00e-05 annealed", "field error \(long ? "12.3" : "0.100")",
          "error \(long ? "12.3" : "0.100")", "fps \(long ? "144" : "30")",
        ]
        let line = Self.statusLines(ViewRenderer.render(state))[1]
        let parts = line.dropFirst().split(separator: "  ").map {
          $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        #expect(parts.first == "\(glyphs.0) \(sigmaText)", "width \(width): \(line)")
        for part in parts {
          #expect(whole.contains(part), "width \(width): '\(part)' is cut in \(line)")
        }
        if width >= 100 { #expect(parts.count == 5, "width \(width): \(line)") }
      }
    }
  }

  /// A long training line narrows the sparkline (newest values kept) before anything else.
  @Test func trainingLineNarrowsTheSparklineFirst() {
    var state = emptyState(width: 80, height: 24)
    state.status.epoch = 1_234_567
    state.status.loss = -1234
    state.status.samplesPerSecond = 1_250_000
    state.status.lossHistory = (0..<40).map(Double.init)
    let line = Self.statusLines(ViewRenderer.render(state))[0]
    // 1 + "objective DSM" 13 + 2 + "epoch 1234567" 13 + 2 + "loss -1234" 10 + 1 + spark
    // + 2 + "samples/s 1.25M" 15 = 59 + spark ≤ 80: the newest 21 values, 19 … 39, each at
    // level ⌊(v − 19)/20 · 7 + ½⌋.
    #expect(
      line == " objective DSM  epoch 1234567  loss -1234 ▁▁▂▂▂▃▃▃▄▄▅▅▅▆▆▆▇▇▇██  samples/s 1.25M")
  }

  /// Moving down the ladder changes exactly the σ text, nothing else in the frame.
  @Test func sigmaChangeShowsInTheStatusLine() {
    var state = emptyState()
    let before = ViewRenderer.render(state)
    state.status.sigma = 0.05
    state.status.sigmaLevel = 8
    let after = ViewRenderer.render(state)
    #expect(Self.statusLines(before)[1].contains("σ 0.100 (7/10)"))
    #expect(Self.statusLines(after)[1].contains("σ 0.0500 (8/10)"))
    let changedRows = (0..<after.height).filter { y in
      (0..<after.width).contains { before[$0, y] != after[$0, y] }
    }
    #expect(changedRows == [after.height - 1])
  }

  @Test func bandwidthSources() {
    var state = emptyState()
    state.status.bandwidthSource = .lockedToSigma
    #expect(ViewRenderer.render(state).plainText.contains("h 0.100 (locked to σ)"))
    state.status.bandwidthSource = .fixed
    state.status.sampler = .langevin
    let text = ViewRenderer.render(state).plainText
    #expect(text.contains("h 0.100 (fixed)") && text.contains("ε 2.00e-05 plain"))
  }

  /// A loss history rising through eight equal steps draws every level once, in order;
  /// non-finite losses are skipped.
  @Test func sparklineFollowsTheLoss() {
    var state = emptyState()
    state.status.lossHistory = [0, 1, .nan, 2, 3, 4, .infinity, 5, 6, 7]
    #expect(
      Self.statusLines(ViewRenderer.render(state))[0].contains(
        "loss 0.810 ▁▂▃▄▅▆▇█  samples/s 182k"))
    state.glyphStyle = .ascii
    #expect(
      Self.statusLines(ViewRenderer.render(state))[0].contains(
        "loss 0.810 _.-~=+*#  samples/s 182k"))
  }

  /// The title names the dataset and N; an alert message is right-aligned in the error
  /// colour and shortened with an ellipsis when it does not fit.
  @Test func titleAndMessage() throws {
    var state = emptyState(width: 80, height: 24)
    state.status.message = "diverged: restored last good weights, lr halved to 5e-4"
    state.status.messageIsAlert = true
    let frame = ViewRenderer.render(state)
    let title = try #require(frame.plainText.split(separator: "\n").first)
    #expect(title.hasPrefix(" scoreviz  moons  N 10000"))
    #expect(title.hasSuffix("…") && title.contains("diverged: restored"))
    #expect(frame[frame.width - 2, 0].foreground == state.theme[ThemeRole.error])
    state.status.message = "paused"
    state.status.messageIsAlert = false
    let paused = ViewRenderer.render(state)
    #expect(paused.plainText.split(separator: "\n").first?.hasSuffix("paused") == true)
    #expect(paused[paused.width - 2, 0].foreground == state.theme[.accent])
  }

  /// Axis labels at 80 × 24 (plot 50 × 19 from column 9) over the box fitted to
  /// [−3, 3] × [−2, 2], i.e. x ∈ [−3, 3], y ∈ [−2.28, 2.28]: x ticks every unit at columns
  /// 9 + ⌊(x + 3)/6 · 50⌋ (the last one clamped into the plot), labels centred; y ticks every
  /// 2 units, "2" in row 1 + ⌊(2.28 − 2)/4.56 · 19⌋ = 2.
  @Test func axisLabelsLiteral() {
    let frame = ViewRenderer.render(emptyState(width: 80, height: 24))
    let lines = frame.plainText.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[21] == "        -3      -2      -1        0       1       2       3")
    #expect(lines[2].hasPrefix("      2 ┤"))
    #expect(lines[20].hasPrefix("        └┬───────┬"))
  }
}
