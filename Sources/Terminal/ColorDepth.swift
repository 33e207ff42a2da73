// How many colours the terminal shows, found from terminfo's colour count, NO_COLOR and a flag.

/// The colour capability a session draws with, from richest to none.
///
/// Detection from the terminfo colour count (`COLORS`):
/// - `COLORS ≥ 2²⁴` → `.direct` (a colour number is 0xRRGGBB, e.g. TERM=xterm-direct)
/// - `COLORS ≥ 256` → `.indexed256` (the xterm 6×6×6 cube and 24-step grey ramp)
/// - `COLORS ≥ 16` → `.ansi16`, `COLORS ≥ 8` → `.ansi8`
/// - fewer, or no colour support → `.monochrome` (attributes only)
///
/// The `NO_COLOR` convention (no-color.org): any non-empty value means `.monochrome`.
/// A depth forced by the user overrides `NO_COLOR` but is capped at what the terminal reports,
/// because ncurses cannot emit a colour its terminfo entry lacks.
public enum ColorDepth: Int, Sendable, Hashable, Comparable, CaseIterable {
  /// No colour: attributes (bold, dim, underline, reverse) only.
  case monochrome = 0
  /// The 8 ANSI colours.
  case ansi8 = 8
  /// The 8 ANSI colours and their bright variants.
  case ansi16 = 16
  /// xterm's 256 colours: 16 ANSI, a 6×6×6 cube, a 24-step grey ramp.
  case indexed256 = 256
  /// Any 24-bit RGB colour, sent as `38;2;r;g;b` (needs a direct-colour terminfo entry).
  case direct = 16_777_216

  /// Orders depths by how many colours they show.
  public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The richest depth a terminal with `colorCount` colours (terminfo `colors`) can show.
  ///
  /// - Parameter colorCount: `COLORS` after `start_color`; 0 or negative when the terminal
  ///   has no colour support.
  public init(colorCount: Int) {
    switch colorCount {
    case (1 << 24)...: self = .direct
    case 256...: self = .indexed256
    case 16...: self = .ansi16
    case 8...: self = .ansi8
    default: self = .monochrome
    }
  }

  /// The depth a session uses.
  ///
  /// Order of precedence: a `forced` depth (capped at `terminal`), then a non-empty
  /// `noColor` value (→ `.monochrome`), then `terminal`.
  ///
  /// - Parameters:
  ///   - terminal: what the terminal reports, from `init(colorCount:)`.
  ///   - noColor: the value of the `NO_COLOR` environment variable, nil when unset.
  ///   - forced: a depth the user asked for, nil to detect.
  public static func resolve(terminal: ColorDepth, noColor: String?, forced: ColorDepth?)
    -> ColorDepth
  {
    if let forced { return min(forced, terminal) }
    if let noColor, !noColor.isEmpty { return .monochrome }
    return terminal
  }
}
