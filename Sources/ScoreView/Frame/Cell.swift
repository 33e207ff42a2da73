// One character cell of a frame: a single one-column glyph with its colours and attributes.

/// A colour as 8-bit red, green and blue; themes and colour maps speak only RGB, the
/// terminal layer quantises to what the terminal can show.
public struct RGB: Sendable, Hashable {
  public var red: UInt8
  public var green: UInt8
  public var blue: UInt8

  public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }
}

/// A cell's foreground or background: the terminal's own default, or an RGB colour.
public enum CellColor: Sendable, Hashable {
  case terminalDefault
  case rgb(RGB)
}

/// Text attributes a cell may carry.
public struct CellAttributes: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let bold = CellAttributes(rawValue: 1 << 0)
  public static let dim = CellAttributes(rawValue: 1 << 1)
  public static let underline = CellAttributes(rawValue: 1 << 2)
  public static let reverse = CellAttributes(rawValue: 1 << 3)
}

/// One cell: exactly one Unicode scalar that occupies one terminal column.
///
/// Plot layers only ever use one-column glyphs (braille, half blocks, arrows, ASCII), so a
/// cell never spans two columns and a row's layout never depends on glyph widths.
public struct Cell: Sendable, Hashable {
  public var glyph: Unicode.Scalar
  public var foreground: CellColor
  public var background: CellColor
  public var attributes: CellAttributes

  public init(
    _ glyph: Unicode.Scalar = " ", foreground: CellColor = .terminalDefault,
    background: CellColor = .terminalDefault, attributes: CellAttributes = []
  ) {
    self.glyph = glyph
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  /// A space on the terminal's default colours.
  public static let blank = Cell()
}
