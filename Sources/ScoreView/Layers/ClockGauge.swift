// The sampler clock's small progress gauge and direction arrow, in eighth blocks or ASCII.

/// A fixed-width bar showing a fraction done, for the status line's sampler clock.
enum ClockGauge {
  /// Cells between the gauge's end caps.
  static let cells = 8

  /// The partial cells of `.unicode`, one to seven eighths filled from the left.
  static let eighths: [Unicode.Scalar] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// The gauge for `fraction` (clamped to [0, 1]; NaN gives an empty gauge).
  ///
  /// `.unicode`: `▕`, then with e = round(fraction · 8 · cells) eighths, ⌊e/8⌋ cells `█`,
  /// the partial cell `eighths[e mod 8 − 1]` when e mod 8 > 0, `░` for the rest, then `▏`;
  /// `cells` + 2 columns. `.ascii`: `[`, n = round(fraction · cells) `#`, `cells` − n `-`, `]`.
  static func text(fraction: Double, style: GlyphStyle) -> String {
    let clamped = fraction.isNaN ? 0 : min(1, max(0, fraction))
    switch style {
    case .unicode:
      let filled = Int((clamped * Double(cells * 8)).rounded())
      var text = "▕" + String(repeating: "█", count: filled / 8)
      var used = filled / 8
      if filled % 8 > 0 {
        text.unicodeScalars.append(eighths[filled % 8 - 1])
        used += 1
      }
      return text + String(repeating: "░", count: cells - used) + "▏"
    case .ascii:
      let filled = Int((clamped * Double(cells)).rounded())
      return "[" + String(repeating: "#", count: filled)
        + String(repeating: "-", count: cells - filled) + "]"
    }
  }

  /// The direction's arrow: reverse (noise → data) `←` (`<`), forward `→` (`>`).
  static func arrow(_ direction: SamplerClock.Direction, style: GlyphStyle) -> String {
    switch (direction, style) {
    case (.reverse, .unicode): "←"
    case (.forward, .unicode): "→"
    case (.reverse, .ascii): "<"
    case (.forward, .ascii): ">"
    }
  }
}
