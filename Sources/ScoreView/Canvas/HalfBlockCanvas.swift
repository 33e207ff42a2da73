// A canvas of 1×2 colour pixels per cell drawn with half blocks, for the heat map.

import ScoreCore

/// A colour-pixel canvas over a rectangle of cells, one pixel across and two down per cell.
///
/// `.unicode` draws a cell whose two pixels are both set as `▀` with the upper pixel as
/// foreground and the lower as background, or as a space on that background when the two
/// are equal (fewer East-Asian-Ambiguous glyphs on screen); a cell with only the upper pixel
/// set is `▀` in that colour, only the lower `▄`, keeping the frame's background in the
/// other half. `.ascii` trades the vertical resolution for safety: a space on the mean of
/// the pixels that are set. Cells with no pixel set are not written.
///
/// ```
/// var canvas = HalfBlockCanvas(area: plotArea)
/// for y in 0..<canvas.pixelHeight { for x in 0..<canvas.pixelWidth {
///   canvas.setPixel(x: x, y: y, color: ramp[level(x, y)]) } }
/// canvas.draw(into: &frame, style: .unicode)
/// ```
public struct HalfBlockCanvas: Sendable, Equatable {
  /// The cells the canvas covers in the frame.
  public let area: CellRect
  private var pixels: [RGB?]

  /// An empty canvas over `area`.
  public init(area: CellRect) {
    self.area = area
    pixels = Array(repeating: nil, count: area.area * 2)
  }

  /// Pixels across: area.width.
  public var pixelWidth: Int { area.width }
  /// Pixels down: 2 · area.height.
  public var pixelHeight: Int { area.height * 2 }

  /// A mapping from `box` onto this canvas's pixels.
  public func mapping(for box: PlotBox) -> PixelMapping {
    PixelMapping(box: box, pixelWidth: pixelWidth, pixelHeight: pixelHeight)
  }

  /// The colour of pixel (x, y), row 0 at the top; nil when unset or outside.
  public subscript(x: Int, y: Int) -> RGB? {
    guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return nil }
    return pixels[y * pixelWidth + x]
  }

  /// Colours pixel (x, y), row 0 at the top; pixels outside the canvas are ignored.
  public mutating func setPixel(x: Int, y: Int, color: RGB) {
    guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
    pixels[y * pixelWidth + x] = color
  }

  /// Colours the pixel that contains the data point `point` under `mapping`; points that
  /// map to no pixel are ignored.
  public mutating func setPixel(at point: SIMD2<Double>, mapping: PixelMapping, color: RGB) {
    guard let pixel = mapping.pixel(for: point) else { return }
    setPixel(x: pixel.x, y: pixel.y, color: color)
  }

  /// Writes every cell with a pixel set into `frame` at `area`, clipped to the frame;
  /// attributes are kept.
  public func draw(into frame: inout Frame, style: GlyphStyle) {
    for row in 0..<area.height {
      let y = area.y + row
      guard y >= 0, y < frame.height else { continue }
      for column in 0..<area.width {
        let x = area.x + column
        guard x >= 0, x < frame.width else { continue }
        let upper = pixels[2 * row * pixelWidth + column]
        let lower = pixels[(2 * row + 1) * pixelWidth + column]
        guard upper != nil || lower != nil else { continue }
        var cell = frame[x, y]
        switch style {
        case .unicode: Self.paintBlocks(&cell, upper: upper, lower: lower)
        case .ascii: Self.paintBackground(&cell, upper: upper, lower: lower)
        }
        frame[x, y] = cell
      }
    }
  }

  private static func paintBlocks(_ cell: inout Cell, upper: RGB?, lower: RGB?) {
    switch (upper, lower) {
    case (let upper?, let lower?) where upper == lower:
      cell.glyph = " "
      cell.background = .rgb(upper)
    case (let upper?, let lower?):
      cell.glyph = "▀"
      cell.foreground = .rgb(upper)
      cell.background = .rgb(lower)
    case (let upper?, nil):
      cell.glyph = "▀"
      cell.foreground = .rgb(upper)
    case (nil, let lower?):
      cell.glyph = "▄"
      cell.foreground = .rgb(lower)
    case (nil, nil):
      break
    }
  }

  private static func paintBackground(_ cell: inout Cell, upper: RGB?, lower: RGB?) {
    let colours = [upper, lower].compactMap { $0 }
    guard let first = colours.first, let last = colours.last else { return }
    func mean(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Int(a) + Int(b) + 1) / 2) }
    cell.glyph = " "
    cell.background = .rgb(
      RGB(
        mean(first.red, last.red), mean(first.green, last.green), mean(first.blue, last.blue)))
  }
}
