// How many colours the output can show, and the reduction of a cell colour to that set.

/// The colour capability an output is written for, from 24-bit down to none.
///
/// scoreviz never guesses this from COLORTERM (unreliable); the terminal layer reads the
/// terminfo colour count, honours `NO_COLOR` and a user's flag (`resolve`), and both it and
/// `Frame.ansiText(colorDepth:)` reduce every colour with `quantize(_:)`.
///
/// Detection from the terminfo colour count (`COLORS`): ≥ 2²⁴ → `.trueColor`, ≥ 256 →
/// `.palette256`, ≥ 16 → `.ansi16`, ≥ 8 → `.ansi8`, fewer → `.monochrome`.
public enum ColorDepth: Int, Sendable, Hashable, Comparable, CaseIterable {
  /// No colour at all: every colour becomes the terminal default; attributes remain.
  case monochrome = 0
  /// The 8 ANSI colours (`30`–`37`), nearest to the xterm defaults.
  case ansi8 = 8
  /// The 16 ANSI colours (`30`–`37`, `90`–`97`), nearest to the xterm defaults.
  case ansi16 = 16
  /// The xterm 256-colour palette: the 6×6×6 cube and the 24-step grey ramp (`38;5;n`).
  case palette256 = 256
  /// 24-bit colour: every RGB value is sent as is (`38;2;r;g;b`).
  case trueColor = 16_777_216

  /// Orders depths by how many colours they show.
  public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The richest depth a terminal with `colorCount` colours (terminfo `colors`) can show;
  /// 0 or negative means no colour support.
  public init(colorCount: Int) {
    switch colorCount {
    case (1 << 24)...: self = .trueColor
    case 256...: self = .palette256
    case 16...: self = .ansi16
    case 8...: self = .ansi8
    default: self = .monochrome
    }
  }

  /// The depth a session uses.
  ///
  /// Order of precedence: a `forced` depth (capped at `terminal`, because ncurses cannot
  /// emit a colour its terminfo entry lacks), then a non-empty `noColor` value (the
  /// no-color.org convention → `.monochrome`), then `terminal`.
  public static func resolve(terminal: ColorDepth, noColor: String?, forced: ColorDepth?)
    -> ColorDepth
  {
    if let forced { return min(forced, terminal) }
    if let noColor, !noColor.isEmpty { return .monochrome }
    return terminal
  }

  /// `color` reduced to what this depth can show.
  ///
  /// `.terminalDefault` stays the default at every depth. `.palette256` gives indices
  /// 16–255 (`XtermPalette.nearestIndex256(to:)`), `.ansi16` gives 0–15 and `.ansi8` 0–7
  /// (`XtermPalette.nearestIndex16(to:paletteSize:)`), `.monochrome` gives `.terminalDefault`.
  public func quantize(_ color: CellColor) -> QuantizedColor {
    guard case .rgb(let rgb) = color else { return .terminalDefault }
    switch self {
    case .trueColor: return .rgb(rgb)
    case .palette256: return .palette(XtermPalette.nearestIndex256(to: rgb))
    case .ansi16: return .palette(XtermPalette.nearestIndex16(to: rgb))
    case .ansi8: return .palette(XtermPalette.nearestIndex16(to: rgb, paletteSize: 8))
    case .monochrome: return .terminalDefault
    }
  }
}

/// A colour as an output of a given `ColorDepth` writes it.
public enum QuantizedColor: Sendable, Hashable {
  /// The terminal's own default colour (SGR 39 / 49, ncurses colour −1).
  case terminalDefault
  /// An index into the terminal palette: 0–7 at `.ansi8`, 0–15 at `.ansi16`, 16–255 at
  /// `.palette256`.
  case palette(UInt8)
  /// A 24-bit colour.
  case rgb(RGB)
}
