// Half blocks: upper pixel as foreground of ▀, lower as background, the ASCII fallback, clipping.

import ScoreCore
import ScoreView
import Testing

@Suite struct HalfBlockCanvasTests {
  private let red = RGB(255, 0, 0)
  private let blue = RGB(0, 0, 255)
  private let backdrop = Cell(
    "x", foreground: .rgb(RGB(1, 1, 1)), background: .rgb(RGB(2, 2, 2)), attributes: .underline)

  private func drawn(upper: RGB?, lower: RGB?, style: GlyphStyle) -> Cell {
    var canvas = HalfBlockCanvas(area: CellRect(x: 0, y: 0, width: 1, height: 1))
    if let upper { canvas.setPixel(x: 0, y: 0, color: upper) }
    if let lower { canvas.setPixel(x: 0, y: 1, color: lower) }
    var frame = Frame(width: 1, height: 1, fill: backdrop)
    canvas.draw(into: &frame, style: style)
    return frame[0, 0]
  }

  /// Both halves: ▀ with the upper colour in front and the lower behind; equal halves: a
  /// space on that colour; one half: ▀ or ▄ over the frame's background; none: untouched.
  @Test func unicodeHalves() {
    #expect(
      drawn(upper: red, lower: blue, style: .unicode)
        == Cell("▀", foreground: .rgb(red), background: .rgb(blue), attributes: .underline))
    #expect(
      drawn(upper: blue, lower: red, style: .unicode)
        == Cell("▀", foreground: .rgb(blue), background: .rgb(red), attributes: .underline))
    #expect(
      drawn(upper: red, lower: red, style: .unicode)
        == Cell(" ", foreground: .rgb(RGB(1, 1, 1)), background: .rgb(red), attributes: .underline))
    #expect(
      drawn(upper: red, lower: nil, style: .unicode)
        == Cell("▀", foreground: .rgb(red), background: .rgb(RGB(2, 2, 2)), attributes: .underline))
    #expect(
      drawn(upper: nil, lower: blue, style: .unicode)
        == Cell("▄", foreground: .rgb(blue), background: .rgb(RGB(2, 2, 2)), attributes: .underline))
    #expect(drawn(upper: nil, lower: nil, style: .unicode) == backdrop)
  }

  /// ASCII: a space on the rounded mean of the halves that are set.
  @Test func asciiHalves() {
    #expect(drawn(upper: red, lower: blue, style: .ascii).background == .rgb(RGB(128, 0, 128)))
    #expect(drawn(upper: red, lower: blue, style: .ascii).glyph == " ")
    #expect(drawn(upper: nil, lower: blue, style: .ascii).background == .rgb(blue))
    #expect(drawn(upper: nil, lower: nil, style: .ascii) == backdrop)
  }

  /// Pixel rows 2k and 2k + 1 share cell row k; data y up maps to the top row.
  @Test func pixelLayoutAndMapping() {
    var canvas = HalfBlockCanvas(area: CellRect(x: 1, y: 1, width: 2, height: 2))
    let mapping = canvas.mapping(for: PlotBox(xMin: 0, xMax: 2, yMin: 0, yMax: 4))
    canvas.setPixel(at: SIMD2(0.5, 3.5), mapping: mapping, color: red)  // pixel (0, 0)
    canvas.setPixel(at: SIMD2(1.5, 0.5), mapping: mapping, color: blue)  // pixel (1, 3)
    #expect(canvas[0, 0] == red)
    #expect(canvas[1, 3] == blue)
    #expect(canvas[5, 5] == nil)
    var frame = Frame(width: 3, height: 3)
    canvas.draw(into: &frame, style: .unicode)
    #expect(frame.plainText == "\n ▀\n  ▄")
  }

  /// Areas past every edge clip; 0 × 0 and large frames do not trap.
  @Test func clippingAndSizes() {
    var canvas = HalfBlockCanvas(area: CellRect(x: -2, y: -2, width: 6, height: 6))
    for x in 0..<canvas.pixelWidth {
      for y in 0..<canvas.pixelHeight { canvas.setPixel(x: x, y: y, color: RGB(UInt8(y), 0, 0)) }
    }
    canvas.setPixel(x: -1, y: 3, color: red)
    var frame = Frame(width: 2, height: 2)
    canvas.draw(into: &frame, style: .unicode)
    #expect(frame[0, 0] == Cell("▀", foreground: .rgb(RGB(4, 0, 0)), background: .rgb(RGB(5, 0, 0))))
    #expect(frame[1, 1] == Cell("▀", foreground: .rgb(RGB(6, 0, 0)), background: .rgb(RGB(7, 0, 0))))
    var empty = Frame(width: 0, height: 0)
    canvas.draw(into: &empty, style: .ascii)
    #expect(empty.cells.isEmpty)
    var large = Frame(width: 1000, height: 600)
    var wide = HalfBlockCanvas(area: CellRect(x: 0, y: 0, width: 1000, height: 600))
    for y in 0..<wide.pixelHeight { wide.setPixel(x: y % 1000, y: y, color: red) }
    wide.draw(into: &large, style: .unicode)
    #expect(large[0, 0].glyph == "▀")
    #expect(large[199, 599].glyph == "▄")
  }
}
