// The status line's sampler clock, its gauge and the memorised share.

import Foundation
import ScoreCore
import ScoreView
import Testing

@Suite struct SamplerClockStatusTests {
  static func samplingLine(_ state: ViewState) -> String {
    StatusBarTests.statusLines(ViewRenderer.render(state))[1]
  }

  /// A Heun run on VP, half a column short of 45 % done (fraction 0.4375 = 28/64 eighths).
  static func clockState(
    width: Int = 160, style: GlyphStyle = .unicode, fraction: Double = 0.4375,
    direction: SamplerClock.Direction = .reverse, holding: Bool = false
  ) -> ViewState {
    var state = emptyState(width: width, height: 24, style: style)
    state.status.sampler = .heun
    state.status.clock = SamplerClock(
      sigma: 0.53, direction: direction, fraction: fraction, processName: "VP", evaluations: 120,
      isHolding: holding)
    return state
  }

  /// The gauge by its formula: e = round(64·f) eighths, ⌊e/8⌋ full blocks, the partial
  /// block of e mod 8 eighths, light shade for the rest of the 8 cells, between ▕ and ▏.
  static func expectedGauge(_ fraction: Double) -> String {
    let eighths = Int((fraction * 64).rounded())
    let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    let partial = partials[eighths % 8]
    let rest = 8 - eighths / 8 - (partial.isEmpty ? 0 : 1)
    return "▕" + String(repeating: "█", count: eighths / 8) + partial
      + String(repeating: "░", count: rest) + "▏"
  }

  /// Fractions 0, 1/16, ½ and 1 give the gauges the formula gives, as read in the line:
  /// 0 → no eighths, 1/16 → 4 eighths (a half block), ½ → 32 (four full), 1 → all 64.
  @Test(arguments: [0, 1.0 / 16, 0.5, 1])
  func gaugeGlyphsFollowTheFormula(fraction: Double) {
    let line = Self.samplingLine(Self.clockState(fraction: fraction))
    let gauge = Self.expectedGauge(fraction)
    #expect(gauge.unicodeScalars.count == 10)
    #expect(line.contains("Heun VP σ 0.530 " + gauge + " ←"), "\(line)")
    let literal = [0: "▕░░░░░░░░▏", 1.0 / 16: "▕▌░░░░░░░▏", 0.5: "▕████░░░░▏", 1: "▕████████▏"]
    #expect(gauge == literal[fraction])
  }

  /// The whole second line at 160 columns, literally, reverse and then forward and held.
  @Test func clockLineLiteral() {
    #expect(
      Self.samplingLine(Self.clockState())
        == " σ 0.100 (7/10)  Heun VP σ 0.530 ▕███▌░░░░▏ ←  NFE 120  h 0.100 (Scott)"
        + "  field error 0.123  fps 60")
    var state = Self.clockState(fraction: 1, direction: .forward, holding: true)
    state.status.memorisedFraction = 0.874
    #expect(
      Self.samplingLine(state)
        == " σ 0.100 (7/10)  Heun VP σ 0.530 ▕████████▏ → held  NFE 120  h 0.100 (Scott)"
        + "  field error 0.123  memorised 87%  fps 60")
  }

  /// ASCII: brackets, hashes and dashes, `<`/`>`; no scalar outside ASCII anywhere.
  @Test func asciiClockIsPlainASCII() {
    let state = Self.clockState(style: .ascii, fraction: 0.5)
    let line = Self.samplingLine(state)
    #expect(line.contains("Heun VP sigma 0.530 [####----] <"), "\(line)")
    var forward = Self.clockState(style: .ascii, fraction: 1.0 / 16, direction: .forward)
    forward.status.memorisedFraction = .nan
    let forwardLine = Self.samplingLine(forward)
    #expect(forwardLine.contains("[#-------] >"), "round(8/16) = round(0.5) = 1 cell: \(forwardLine)")
    #expect(forwardLine.contains("memorised -"))
    for frame in [ViewRenderer.render(state), ViewRenderer.render(forward)] {
      #expect(frame.plainText.unicodeScalars.allSatisfy { $0.isASCII })
    }
  }

  /// The Langevin samplers keep their reading even when a clock is set.
  @Test func langevinKeepsItsReading() {
    var state = Self.clockState(width: 80)
    state.status.sampler = .annealed
    #expect(
      Self.samplingLine(state)
        == " σ 0.100 (7/10)  h 0.100 (Scott)  ε 2.00e-05 annealed  field error 0.123  fps 60")
  }

  /// From 40 to 200 columns, in both styles: below the layout's minimum width (80) the frame
  /// is the too-small note with no status line; from there on every segment of the line is
  /// whole in its full or short form or absent, and the clock is always shown.
  @Test(arguments: [GlyphStyle.unicode, .ascii])
  func widthsNeverCutANumber(style: GlyphStyle) {
    let sigma = style == .unicode ? "σ" : "sigma"
    let gauge = style == .unicode ? "▕███▌░░░░▏" : "[####----]"
    let arrow = style == .unicode ? "←" : "<"
    let whole: Set<String> = [
      "\(sigma) 0.100 (7/10)", "Heun VP \(sigma) 0.530 \(gauge) \(arrow)",
      "Heun VP \(sigma) 0.530 \(arrow)", "NFE 120", "h 0.100 (Scott)", "field error 0.123",
      "error 0.123", "memorised 87%", "mem 87%", "fps 60",
    ]
    for width in 40...200 {
      var state = Self.clockState(width: width, style: style)
      state.status.memorisedFraction = 0.87
      if ViewLayout(width: width, height: 24).isTooSmall {
        let text = ViewRenderer.render(state).plainText
        #expect(!text.contains("0.53") && !text.contains("120"), "width \(width): no status line")
        continue
      }
      let line = Self.samplingLine(state)
      #expect(line.unicodeScalars.count <= width)
      let parts = line.dropFirst().split(separator: "  ").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty }
      for part in parts {
        #expect(whole.contains(part), "width \(width): '\(part)' is cut in \(line)")
      }
      #expect(parts.contains { $0.hasPrefix("Heun VP") }, "width \(width): \(line)")
      if width >= 130 { #expect(parts.count == 7, "width \(width): \(line)") }
    }
  }
}
