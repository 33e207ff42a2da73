// Writing text into a frame, one one-column glyph per column, within a column limit.

extension Frame {
  /// Writes `text` from (x, y) rightwards over at most `limit` columns and returns the
  /// columns used.
  ///
  /// Each Unicode scalar takes one column. Scalars that may not be exactly one column wide
  /// (controls, combining marks, format characters, East Asian wide and fullwidth ranges,
  /// emoji) and, in `.ascii` style, every non-ASCII scalar are written as "?", so the text
  /// never takes more columns on a terminal than it does here. Writes outside the frame are
  /// clipped. Only the glyphs change unless colours or attributes are given.
  @discardableResult
  public mutating func put(
    _ text: String, x: Int, y: Int, limit: Int = .max, style: GlyphStyle = .unicode,
    foreground: CellColor? = nil, background: CellColor? = nil, attributes: CellAttributes? = nil
  ) -> Int {
    var column = 0
    for scalar in text.unicodeScalars {
      if column >= limit { break }
      var cell = self[x + column, y]
      cell.glyph = Self.isSingleColumn(scalar, style: style) ? scalar : "?"
      if let foreground { cell.foreground = foreground }
      if let background { cell.background = background }
      if let attributes { cell.attributes = attributes }
      self[x + column, y] = cell
      column += 1
    }
    return column
  }

  /// Whether `scalar` is safe to show as one column in `style`.
  static func isSingleColumn(_ scalar: Unicode.Scalar, style: GlyphStyle) -> Bool {
    if scalar.value >= 0x20, scalar.value < 0x7F { return true }
    guard style == .unicode, scalar.value >= 0xA0 else { return false }
    switch scalar.properties.generalCategory {
    case .control, .format, .nonspacingMark, .spacingMark, .enclosingMark, .unassigned,
      .surrogate, .privateUse, .lineSeparator, .paragraphSeparator:
      return false
    default:
      break
    }
    if scalar.properties.isEmojiPresentation { return false }
    return !wideRanges.contains { $0.contains(scalar.value) }
  }

  /// East Asian Wide and Fullwidth blocks (Unicode UAX #11), coarsely.
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
    0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
    0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
    0x1F900...0x1F9FF, 0x20000...0x3FFFD,
  ]
}
