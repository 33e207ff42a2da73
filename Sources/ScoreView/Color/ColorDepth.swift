// How many colours the output can show, and the reduction of a cell colour to that set.

/// The colour capability an output is written for, from 24-bit down to none.
///
/// The terminal layer reads the terminfo colour count and the `COLORTERM` and `NO_COLOR`
/// variables and lets `resolve` weigh them against a user's flag; both it and
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
  /// Order of precedence:
  /// 1. a `forced` depth, as it is (the terminal layer writes colours its terminfo entry
  ///    lacks itself, so a user's `--color truecolor` is not capped at 256 colours);
  /// 2. a non-empty `noColor` value (the no-color.org convention) → `.monochrome`;
  /// 3. a `colorTerm` of `truecolor` or `24bit` (any case; the convention terminals that take
  ///    `38;2;r;g;b` follow) → `.trueColor`, provided `terminal` has colours at all (at
  ///    least `.ansi8`), since a terminal whose terminfo entry has none shows none;
  /// 4. `terminal`, the depth of its terminfo colour count.
  public static func resolve(
    terminal: ColorDepth, noColor: String?, forced: ColorDepth?, colorTerm: String? = nil
  ) -> ColorDepth {
    if let forced { return forced }
    if let noColor, !noColor.isEmpty { return .monochrome }
    if claimsTrueColor(colorTerm), terminal >= .ansi8 { return .trueColor }
    return terminal
  }

  /// Whether a `COLORTERM` value says the terminal takes 24-bit colour: `truecolor` or
  /// `24bit`, in any case.
  public static func claimsTrueColor(_ colorTerm: String?) -> Bool {
    guard let value = colorTerm?.lowercased() else { return false }
    return value == "truecolor" || value == "24bit"
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
