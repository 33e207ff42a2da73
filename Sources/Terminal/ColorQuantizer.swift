// RGB to the colour numbers ncurses is given for a terminal of a given depth.

import ScoreView

/// Maps an `RGB` to the colour number passed to `init_extended_pair` at a `ColorDepth`.
///
/// The palette choice is `ColorDepth.quantize(_:)`'s (shared with the ANSI text output);
/// this adds only what ncurses needs on top:
/// - `.palette256`, `.ansi16`, `.ansi8`: the palette index.
/// - `.trueColor`, `.monochrome`: nil. ncurses is given no 24-bit colours: `Screen` writes
///   true colour itself (`DirectColorWriter`), as re-defining colour pairs for every new
///   colour is slow (120 ms a frame measured with xterm-direct) and direct-colour terminfo
///   entries send numbers 0–7 as palette colours.
package enum ColorQuantizer {
  /// The colour number for `color` at `depth`, nil at `.trueColor` and `.monochrome`.
  package static func colorNumber(for color: RGB, depth: ColorDepth) -> Int32? {
    switch depth.quantize(.rgb(color)) {
    case .terminalDefault, .rgb:
      return nil
    case .palette(let index):
      return Int32(index)
    }
  }
}
