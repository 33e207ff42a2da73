// Braille dots against the Unicode numbering, exhaustively on small canvases, with clipping.

import ScoreCore
import ScoreView
import Testing

@Suite struct BrailleCanvasTests {
  /// Unicode's braille numbering (The Unicode Standard, Braille Patterns U+2800–28FF): dot n
  /// is bit n − 1; dots 1-2-3 run down the left column, 4-5-6 down the right, 7 and 8 form
  /// the bottom row. Indexed [column][row].
  private static let dotNumber = [[1, 2, 3, 7], [4, 5, 6, 8]]

  private static func glyph(_ frame: Frame, _ x: Int, _ y: Int) -> UInt32 {
    frame[x, y].glyph.value
  }

  /// Each of the 8 dots alone gives U+2800 + 2^(n−1); spot-checked against literal glyphs.
  @Test func everyDot() {
    for column in 0..<2 {
      for row in 0..<4 {
        var canvas = BrailleCanvas(area: CellRect(x: 0, y: 0, width: 1, height: 1))
        canvas.setDot(x: column, y: row, color: .terminalDefault)
        var frame = Frame(width: 1, height: 1)
        canvas.draw(into: &frame, style: .unicode)
        let number = Self.dotNumber[column][row]
        #expect(Self.glyph(frame, 0, 0) == 0x2800 + (1 << (number - 1)), "dot \(number)")
        #expect(BrailleCanvas.dotBit(column: column, row: row) == 1 << (number - 1))
      }
    }
    func single(_ column: Int, _ row: Int) -> Unicode.Scalar {
      var canvas = BrailleCanvas(area: CellRect(x: 0, y: 0, width: 1, height: 1))
      canvas.setDot(x: column, y: row, color: .terminalDefault)
      var frame = Frame(width: 1, height: 1)
      canvas.draw(into: &frame, style: .unicode)
      return frame[0, 0].glyph
    }
    #expect(single(0, 0) == "⠁")
    #expect(single(0, 2) == "⠄")
    #expect(single(1, 0) == "⠈")
    #expect(single(0, 3) == "⡀")
    #expect(single(1, 3) == "⢀")
  }

  /// All 256 subsets of the 8 sub-pixels of one cell give the sum of their dot bits.
  @Test func everySubsetOfOneCell() {
    for subset in 0..<256 {
      var canvas = BrailleCanvas(area: CellRect(x: 0, y: 0, width: 1, height: 1))
      var expected: UInt32 = 0
      for pixel in 0..<8 where subset & (1 << pixel) != 0 {
        let column = pixel % 2
        let row = pixel / 2
        canvas.setDot(x: column, y: row, color: .terminalDefault)
        expected |= 1 << (Self.dotNumber[column][row] - 1)
      }
      var frame = Frame(width: 1, height: 1)
      canvas.draw(into: &frame, style: .unicode)
      #expect(Self.glyph(frame, 0, 0) == (subset == 0 ? 0x20 : 0x2800 + expected))
    }
    var full = BrailleCanvas(area: CellRect(x: 0, y: 0, width: 1, height: 1))
    for x in 0..<2 { for y in 0..<4 { full.setDot(x: x, y: y, color: .terminalDefault) } }
    var frame = Frame(width: 1, height: 1)
    full.draw(into: &frame, style: .unicode)
    #expect(frame[0, 0].glyph == "⣿")
  }

  /// On a 2 × 2-cell canvas every one of the 32 sub-pixels, alone and in every pair, lands
  /// in its own cell with its own bit and leaves the other cells blank.
  @Test func everyPixelPairOfTwoByTwo() {
    let pixels = (0..<8).flatMap { y in (0..<4).map { x in (x, y) } }
    for first in pixels.indices {
      for second in first..<pixels.count {
        var canvas = BrailleCanvas(area: CellRect(x: 0, y: 0, width: 2, height: 2))
        var expected = [[UInt32]](repeating: [0, 0], count: 2)
        for (x, y) in [pixels[first], pixels[second]] {
          canvas.setDot(x: x, y: y, color: .rgb(RGB(1, 2, 3)))
          expected[y / 4][x / 2] |= 1 << (Self.dotNumber[x % 2][y % 4] - 1)
        }
        var frame = Frame(width: 2, height: 2)
        canvas.draw(into: &frame, style: .unicode)
        for y in 0..<2 {
          for x in 0..<2 {
            let bits = expected[y][x]
            #expect(Self.glyph(frame, x, y) == (bits == 0 ? 0x20 : 0x2800 + bits))
            #expect(frame[x, y].foreground == (bits == 0 ? .terminalDefault : .rgb(RGB(1, 2, 3))))
            #expect(canvas.dots(column: x, row: y) == UInt8(bits))
          }
        }
      }
    }
  }

  /// Data coordinates: y up in the data is row 0 at the top; the box is closed; points
  /// outside it or not finite set nothing.
  @Test func dataCoordinates() {
    let box = PlotBox(xMin: 0, xMax: 2, yMin: 0, yMax: 4)
    func dot(_ x: Double, _ y: Double) -> UInt8 {
      var canvas = BrailleCanvas(area: CellRect(x: 0, y: 0, width: 1, height: 1))
      canvas.setDot(at: SIMD2(x, y), mapping: canvas.mapping(for: box), color: .terminalDefault)
      return canvas.dots(column: 0, row: 0)
    }
    #expect(dot(0.5, 3.5) == 0x01)  // top left: dot 1
    #expect(dot(1.5, 3.5) == 0x08)  // top right: dot 4
    #expect(dot(0.5, 0.5) == 0x40)  // bottom left: dot 7
    #expect(dot(1.5, 0.5) == 0x80)  // bottom right: dot 8
    #expect(dot(0, 4) == 0x01)  // top-left corner
    #expect(dot(2, 0) == 0x80)  // bottom-right corner, closed box
    #expect(dot(1.5, 2.5) == 0x10)  // dot 5
    for outside in [(-0.01, 1.0), (2.01, 1), (1, -0.01), (1, 4.01), (.nan, 1), (1, .infinity)] {
      #expect(dot(outside.0, outside.1) == 0)
    }
    let flat = PixelMapping(box: PlotBox(xMin: 1, xMax: 1, yMin: 0, yMax: 1), pixelWidth: 2, pixelHeight: 4)
    #expect(flat.pixel(for: SIMD2(1, 0.5)) == nil)
  }

  /// Drawing writes only cells with dots, keeps their background, gives them the attributes
  /// asked for (none by default), merges with braille already there and takes the last
  /// colour set in the cell.
  @Test func composesOverFrame() {
    let under = Cell("⠁", foreground: .rgb(RGB(9, 9, 9)), background: .rgb(RGB(0, 0, 80)), attributes: .bold)
    var frame = Frame(width: 3, height: 1, fill: under)
    frame[2, 0] = Cell("x", background: .rgb(RGB(7, 7, 7)))
    var canvas = BrailleCanvas(area: CellRect(x: 0, y: 0, width: 3, height: 1))
    canvas.setDot(x: 1, y: 3, color: .rgb(RGB(255, 0, 0)))
    canvas.setDot(x: 0, y: 3, color: .rgb(RGB(0, 255, 0)))
    canvas.setDot(x: 4, y: 0, color: .rgb(RGB(0, 0, 255)))
    canvas.draw(into: &frame, style: .unicode)
    #expect(
      frame[0, 0] == Cell("⣁", foreground: .rgb(RGB(0, 255, 0)), background: .rgb(RGB(0, 0, 80))))
    #expect(frame[1, 0] == under)
    #expect(frame[2, 0] == Cell("⠁", foreground: .rgb(RGB(0, 0, 255)), background: .rgb(RGB(7, 7, 7))))
    canvas.draw(into: &frame, style: .unicode, attributes: .reverse)
    #expect(frame[0, 0].attributes == .reverse && frame[2, 0].attributes == .reverse)
    #expect(frame[1, 0] == under)
  }

  /// ASCII: `'` top half, `.` bottom half, `:` both, merged with what is there.
  @Test func asciiFallback() {
    var frame = Frame(width: 4, height: 1)
    frame[3, 0].glyph = "'"
    var canvas = BrailleCanvas(area: CellRect(x: 0, y: 0, width: 4, height: 1))
    canvas.setDot(x: 1, y: 1, color: .terminalDefault)
    canvas.setDot(x: 2, y: 2, color: .terminalDefault)
    canvas.setDot(x: 4, y: 0, color: .terminalDefault)
    canvas.setDot(x: 5, y: 3, color: .terminalDefault)
    canvas.setDot(x: 7, y: 3, color: .terminalDefault)
    canvas.draw(into: &frame, style: .ascii)
    #expect(frame.plainText == "'.::")
  }

  /// A canvas reaching past every edge of the frame clips there; nothing wraps.
  @Test func clipsAtEveryEdge() {
    var canvas = BrailleCanvas(area: CellRect(x: -1, y: -1, width: 4, height: 4))
    for x in 0..<canvas.pixelWidth {
      for y in 0..<canvas.pixelHeight { canvas.setDot(x: x, y: y, color: .terminalDefault) }
    }
    canvas.setDot(x: -1, y: 0, color: .terminalDefault)
    canvas.setDot(x: 0, y: 99, color: .terminalDefault)
    var frame = Frame(width: 2, height: 2)
    canvas.draw(into: &frame, style: .unicode)
    #expect(frame.plainText == "⣿⣿\n⣿⣿")
    var offFrame = Frame(width: 2, height: 2)
    var far = BrailleCanvas(area: CellRect(x: 5, y: -9, width: 2, height: 2))
    far.setDot(x: 0, y: 0, color: .terminalDefault)
    far.draw(into: &offFrame, style: .unicode)
    #expect(offFrame == Frame(width: 2, height: 2))
  }

  /// Empty, 1 × 1 and large canvases and frames draw without trapping.
  @Test func extremeSizes() {
    var empty = Frame(width: 0, height: 0)
    var zero = BrailleCanvas(area: CellRect(x: 0, y: 0, width: 0, height: 0))
    zero.setDot(x: 0, y: 0, color: .terminalDefault)
    zero.draw(into: &empty, style: .unicode)
    BrailleCanvas(area: CellRect(x: 0, y: 0, width: 3, height: 3)).draw(into: &empty, style: .ascii)
    #expect(empty.cells.isEmpty)
    var large = Frame(width: 1200, height: 800)
    var canvas = BrailleCanvas(area: CellRect(x: -100, y: -100, width: 1500, height: 1000))
    let mapping = canvas.mapping(for: PlotBox(xMin: -1, xMax: 1, yMin: -1, yMax: 1))
    for step in 0..<10_000 {
      let t = Double(step) / 10_000
      canvas.setDot(at: SIMD2(2 * t - 1, 1 - 2 * t), mapping: mapping, color: .terminalDefault)
    }
    canvas.draw(into: &large, style: .unicode)
    #expect(large.cells.filter { $0.glyph != " " }.count > 500)
  }
}
