// RGB to the colour numbers ncurses is given for a terminal of a given depth.

import ScoreView

/// Maps an `RGB` to the colour number passed to `init_extended_pair` at a `ColorDepth`.
///
/// The palette choice is `ColorDepth.quantize(_:)`'s (shared with the ANSI text output);
/// this adds only what ncurses needs on top:
/// - `.trueColor`: 0xRRGGBB, raised to at least 8, because direct-colour terminfo entries
///   (xterm-direct, tmux-direct) send numbers 0–7 as palette colours, so RGB(0, 0, 4)
///   would show as palette blue. 8 is RGB(0, 0, 8), indistinguishable from black.
/// - `.palette256`, `.ansi16`, `.ansi8`: the palette index.
/// - `.monochrome`: no colour; returns nil.
package enum ColorQuantizer {
  /// The colour number for `color` at `depth`, nil at `.monochrome`.
  package static func colorNumber(for color: RGB, depth: ColorDepth) -> Int32? {
    switch depth.quantize(.rgb(color)) {
    case .terminalDefault:
      return nil
    case .palette(let index):
      return Int32(index)
    case .rgb(let rgb):
      let packed = Int32(rgb.red) << 16 | Int32(rgb.green) << 8 | Int32(rgb.blue)
      return max(packed, 8)
    }
  }
}
