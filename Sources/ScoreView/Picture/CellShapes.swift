// The glyphs a picture draws as shapes instead of font text: block elements, box lines and braille dots.

/// A rectangle inside one cell, in fractions of the cell's width and height (0 at the
/// top-left), filled with the cell's foreground at `opacity`.
public struct CellShapeRect: Sendable, Hashable {
  public var x: Double
  public var y: Double
  public var width: Double
  public var height: Double
  public var opacity: Double

  public init(x: Double, y: Double, width: Double, height: Double, opacity: Double = 1) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
    self.opacity = opacity
  }
}

/// How a picture draws glyphs that fonts draw unreliably (braille and block elements are
/// often missing or misaligned): as rectangles and dots, so the picture looks the same
/// whatever fonts the viewer has.
public enum CellShapes {
  /// The rectangles that draw `glyph`, or nil for a glyph drawn as text.
  ///
  /// Block elements U+2580–U+259F: the upper half, lower eighths, left eighths, the right
  /// half, light/medium/dark shade (the whole cell at opacity ¼, ½, ¾), the upper and right
  /// eighth and the quadrants. Light box drawing (─ │ ┌ ┐ └ ┘ ├ ┤ ┬ ┴ ┼): arms from the
  /// cell's centre to its edges, one tenth of the cell's width thick (horizontal arms: one
  /// twentieth of its height, the same in a 1:2 cell).
  public static func rects(for glyph: Unicode.Scalar) -> [CellShapeRect]? {
    let value = glyph.value
    switch value {
    case 0x2580: return [CellShapeRect(x: 0, y: 0, width: 1, height: 0.5)]
    case 0x2581...0x2588:
      let fraction = Double(value - 0x2580) / 8
      return [CellShapeRect(x: 0, y: 1 - fraction, width: 1, height: fraction)]
    case 0x2589...0x258F:
      return [CellShapeRect(x: 0, y: 0, width: Double(0x2590 - value) / 8, height: 1)]
    case 0x2590: return [CellShapeRect(x: 0.5, y: 0, width: 0.5, height: 1)]
    case 0x2591...0x2593:
      return [CellShapeRect(x: 0, y: 0, width: 1, height: 1, opacity: Double(value - 0x2590) / 4)]
    case 0x2594: return [CellShapeRect(x: 0, y: 0, width: 1, height: 0.125)]
    case 0x2595: return [CellShapeRect(x: 0.875, y: 0, width: 0.125, height: 1)]
    case 0x2596...0x259F: return quadrants[Int(value - 0x2596)].map(quadrant)
    default: return boxArms[glyph].map(arms)
    }
  }

  /// The quadrants of ▖ ▗ ▘ ▙ ▚ ▛ ▜ ▝ ▞ ▟, numbered 0 top-left, 1 top-right, 2 bottom-left,
  /// 3 bottom-right.
  private static let quadrants: [[Int]] = [
    [2], [3], [0], [0, 2, 3], [0, 3], [0, 1, 2], [0, 1, 3], [1], [1, 2], [1, 2, 3],
  ]

  private static func quadrant(_ index: Int) -> CellShapeRect {
    CellShapeRect(x: Double(index % 2) / 2, y: Double(index / 2) / 2, width: 0.5, height: 0.5)
  }

  /// The arms of each light box-drawing glyph.
  private struct Arms: OptionSet {
    let rawValue: UInt8
    static let left = Arms(rawValue: 1)
    static let right = Arms(rawValue: 2)
    static let up = Arms(rawValue: 4)
    static let down = Arms(rawValue: 8)
  }

  private static let boxArms: [Unicode.Scalar: Arms] = [
    "─": [.left, .right], "│": [.up, .down], "┌": [.right, .down], "┐": [.left, .down],
    "└": [.right, .up], "┘": [.left, .up], "├": [.up, .down, .right], "┤": [.up, .down, .left],
    "┬": [.left, .right, .down], "┴": [.left, .right, .up], "┼": [.left, .right, .up, .down],
  ]

  /// A line's thickness across the cell's width, and along its height.
  private static let lineWidth = 0.1
  private static let lineHeight = 0.05

  private static func arms(_ arms: Arms) -> [CellShapeRect] {
    var rects: [CellShapeRect] = []
    let left = 0.5 - lineWidth / 2
    let top = 0.5 - lineHeight / 2
    if arms.contains(.left) || arms.contains(.right) {
      let start = arms.contains(.left) ? 0 : left
      let end = arms.contains(.right) ? 1 : left + lineWidth
      rects.append(CellShapeRect(x: start, y: top, width: end - start, height: lineHeight))
    }
    if arms.contains(.up) || arms.contains(.down) {
      let start = arms.contains(.up) ? 0 : top
      let end = arms.contains(.down) ? 1 : top + lineHeight
      rects.append(CellShapeRect(x: left, y: start, width: lineWidth, height: end - start))
    }
    return rects
  }

  /// The centres of the raised dots of braille glyph `glyph` (U+2800–U+28FF) in fractions
  /// of the cell, row by row from the top, left before right; nil for any other glyph.
  ///
  /// Dot n is bit n − 1 (see `BrailleCanvas`); the dots sit on a 2 × 4 grid, each at the
  /// centre of its eighth of the cell.
  public static func brailleDots(for glyph: Unicode.Scalar) -> [SIMD2<Double>]? {
    guard (0x2800...0x28FF).contains(glyph.value) else { return nil }
    let bits = UInt8(glyph.value - 0x2800)
    var dots: [SIMD2<Double>] = []
    for row in 0..<4 {
      for column in 0..<2 where bits & BrailleCanvas.dotBit(column: column, row: row) != 0 {
        dots.append(SIMD2((Double(column) + 0.5) / 2, (Double(row) + 0.5) / 4))
      }
    }
    return dots
  }
}
