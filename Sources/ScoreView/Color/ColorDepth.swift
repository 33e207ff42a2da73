// How many colours the output can show, and the reduction of a cell colour to that set.

/// The colour capability an output is written for, from 24-bit down to none.
///
/// scoreviz never guesses this from the environment (COLORTERM is unreliable); the user
/// chooses it and `Frame.ansiText(colorDepth:)` and the terminal layer reduce every colour
/// with `quantize(_:)`.
public enum ColorDepth: Sendable, Hashable, CaseIterable {
  /// 24-bit colour: every RGB value is sent as is (`38;2;r;g;b`).
  case trueColor
  /// The xterm 256-colour palette: the 6×6×6 cube and the 24-step grey ramp (`38;5;n`).
  case palette256
  /// The 16 ANSI colours (`30`–`37`, `90`–`97`), nearest to the xterm defaults.
  case ansi16
  /// No colour at all: every colour becomes the terminal default; attributes remain.
  case none

  /// `color` reduced to what this depth can show.
  ///
  /// `.terminalDefault` stays the default at every depth. `.palette256` gives indices
  /// 16–255 (`XtermPalette.nearestIndex256(to:)`), `.ansi16` gives 0–15
  /// (`XtermPalette.nearestIndex16(to:)`), `.none` gives `.terminalDefault`.
  public func quantize(_ color: CellColor) -> QuantizedColor {
    guard case .rgb(let rgb) = color else { return .terminalDefault }
    switch self {
    case .trueColor: return .rgb(rgb)
    case .palette256: return .palette(XtermPalette.nearestIndex256(to: rgb))
    case .ansi16: return .palette(XtermPalette.nearestIndex16(to: rgb))
    case .none: return .terminalDefault
    }
  }
}

/// A colour as an output of a given `ColorDepth` writes it.
public enum QuantizedColor: Sendable, Hashable {
  /// The terminal's own default colour (SGR 39 / 49, ncurses colour −1).
  case terminalDefault
  /// An index into the terminal palette: 0–15 at `.ansi16`, 16–255 at `.palette256`.
  case palette(UInt8)
  /// A 24-bit colour.
  case rgb(RGB)
}
