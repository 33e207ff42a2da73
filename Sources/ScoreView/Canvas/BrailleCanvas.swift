// A canvas of 2×4 dots per cell drawn with braille patterns, for points and particles.

import ScoreCore

/// A dot canvas over a rectangle of cells, two dots across and four down per cell.
///
/// Unicode's braille block encodes dot n (1–8) as bit n − 1 above U+2800. The dots are
/// numbered column-major with the bottom row added last:
///
/// ```
/// 1 4      0x01 0x08
/// 2 5      0x02 0x10
/// 3 6      0x04 0x20
/// 7 8      0x40 0x80
/// ```
///
/// Each cell has one foreground colour: the colour of the last dot set in it. Drawing
/// writes only cells that have dots; it keeps the cell's background (a heat map below
/// shows through) and merges with braille dots already in the frame, so layers compose.
///
/// ```
/// var canvas = BrailleCanvas(area: CellRect(x: 0, y: 1, width: 40, height: 20))
/// let mapping = canvas.mapping(for: box)
/// for point in points { canvas.setDot(at: point, mapping: mapping, color: .rgb(white)) }
/// canvas.draw(into: &frame, style: .unicode)
/// ```
public struct BrailleCanvas: Sendable, Equatable {
  /// The cells the canvas covers in the frame.
  public let area: CellRect
  private var bits: [UInt8]
  private var colors: [CellColor]

  /// An empty canvas over `area`.
  public init(area: CellRect) {
    self.area = area
    bits = Array(repeating: 0, count: area.area)
    colors = Array(repeating: .terminalDefault, count: area.area)
  }

  /// Dots across: 2 · area.width.
  public var pixelWidth: Int { area.width * 2 }
  /// Dots down: 4 · area.height.
  public var pixelHeight: Int { area.height * 4 }

  /// The bit of the dot at column `column` (0–1) and row `row` (0–3) inside a cell.
  ///
  /// Rows 0–2 hold dots 1–3 (left) and 4–6 (right); row 3 holds dots 7 and 8.
  /// Traps outside 0…1 × 0…3.
  public static func dotBit(column: Int, row: Int) -> UInt8 {
    precondition((0...1).contains(column) && (0...3).contains(row), "no such braille dot")
    if row == 3 { return column == 0 ? 0x40 : 0x80 }
    return UInt8(1 << (row + 3 * column))
  }

  /// A mapping from `box` onto this canvas's dots.
  public func mapping(for box: PlotBox) -> PixelMapping {
    PixelMapping(box: box, pixelWidth: pixelWidth, pixelHeight: pixelHeight)
  }

  /// Sets the dot at pixel (x, y), row 0 at the top, and makes `color` its cell's colour;
  /// pixels outside the canvas are ignored.
  public mutating func setDot(x: Int, y: Int, color: CellColor) {
    guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
    let cell = (y >> 2) * area.width + (x >> 1)
    bits[cell] |= Self.dotBit(column: x & 1, row: y & 3)
    colors[cell] = color
  }

  /// Sets the dot that contains the data point `point` under `mapping`; points that map to
  /// no pixel are ignored.
  public mutating func setDot(at point: SIMD2<Double>, mapping: PixelMapping, color: CellColor) {
    guard let pixel = mapping.pixel(for: point) else { return }
    setDot(x: pixel.x, y: pixel.y, color: color)
  }

  /// The dot bits of the cell at (column, row) of the canvas; 0 outside.
  public func dots(column: Int, row: Int) -> UInt8 {
    guard column >= 0, row >= 0, column < area.width, row < area.height else { return 0 }
    return bits[row * area.width + column]
  }

  /// Removes every dot.
  public mutating func clear() {
    for index in bits.indices {
      bits[index] = 0
      colors[index] = .terminalDefault
    }
  }

  /// Writes every cell that has dots into `frame` at `area`, clipped to the frame.
  ///
  /// `.unicode`: glyph U+2800 + (bits | the bits of a braille glyph already there).
  /// `.ascii`: `'` for dots only in the top two rows, `.` for only the bottom two, `:` for
  /// both, merged the same way with an existing `'`, `.` or `:`. The foreground becomes the
  /// cell's colour and the attributes `attributes`; the background stays as it was.
  public func draw(into frame: inout Frame, style: GlyphStyle, attributes: CellAttributes = []) {
    for row in 0..<area.height {
      let y = area.y + row
      guard y >= 0, y < frame.height else { continue }
      for column in 0..<area.width {
        let cellBits = bits[row * area.width + column]
        let x = area.x + column
        guard cellBits != 0, x >= 0, x < frame.width else { continue }
        var cell = frame[x, y]
        let merged = cellBits | Self.bits(of: cell.glyph, style: style)
        cell.glyph = Self.glyph(for: merged, style: style)
        cell.foreground = colors[row * area.width + column]
        cell.attributes = attributes
        frame[x, y] = cell
      }
    }
  }

  private static let topHalf: UInt8 = 0x1B
  private static let bottomHalf: UInt8 = 0xE4

  /// The dots a glyph already in the frame stands for, in the given style; 0 for others.
  private static func bits(of glyph: Unicode.Scalar, style: GlyphStyle) -> UInt8 {
    switch style {
    case .unicode:
      return (0x2800...0x28FF).contains(glyph.value) ? UInt8(glyph.value - 0x2800) : 0
    case .ascii:
      switch glyph {
      case "'": return topHalf
      case ".": return bottomHalf
      case ":": return topHalf | bottomHalf
      default: return 0
      }
    }
  }

  private static func glyph(for bits: UInt8, style: GlyphStyle) -> Unicode.Scalar {
    switch style {
    case .unicode:
      return Unicode.Scalar(0x2800 + UInt32(bits)) ?? " "
    case .ascii:
      let top = bits & topHalf != 0
      let bottom = bits & bottomHalf != 0
      return top && bottom ? ":" : (top ? "'" : ".")
    }
  }
}
