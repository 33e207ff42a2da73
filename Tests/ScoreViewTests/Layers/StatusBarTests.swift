// The title and status lines report σ, its level, h, ε, the loss trend and messages.

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
        == " sigma 0.100 (7/10)  h 0.100 (Scott)  eps 2.00e-05 annealed  field error 0.123",
      "the longer ASCII names push the last segment past column 80")
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
    state.status.langevinMode = .plain
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
