// SVG pictures of frames read back with an XML parser: dots, rectangles, colours and escaping.

import Foundation
import ScoreCore
import ScoreTestSupport
import ScoreView
import Testing

@Suite struct SVGPictureTests {
  static let red = RGB(0xFF, 0x10, 0x20)
  static let blue = RGB(0x10, 0x20, 0xFF)
  static let green = RGB(0x20, 0xC0, 0x30)
  static let style = SVGPicture.Style()

  static func parse(_ frame: Frame) throws -> SVGDocument {
    try #require(SVGDocument(SVGPicture(style: style).text(of: frame)), "not well-formed")
  }

  /// The centre of braille dot `dot` (1–8), by the Unicode chart: dots 1–3 down the left
  /// column, 4–6 down the right, 7 and 8 on the bottom row; in pixels of a 10 × 20 cell.
  static func dotCentre(_ dot: Int) -> SIMD2<Double> {
    let (column, row) = dot <= 3 ? (0, dot - 1) : dot <= 6 ? (1, dot - 4) : (dot - 7, 3)
    return SIMD2(2.5 + 5 * Double(column), 2.5 + 5 * Double(row))
  }

  /// Every braille pattern: k raised dots give k circles, each at its dot's place in the cell,
  /// filled with the cell's foreground, and no text.
  @Test func everyBraillePatternIsItsDots() throws {
    for pattern in 0..<256 {
      var frame = Frame(width: 4, height: 3)
      let glyph = try #require(Unicode.Scalar(0x2800 + pattern))
      frame[2, 1] = Cell(glyph, foreground: .rgb(Self.red), background: .rgb(Self.blue))
      let document = try Self.parse(frame)
      let circles = document.all("circle")
      let raised = (1...8).filter { pattern & (1 << ($0 - 1)) != 0 }
      #expect(circles.count == raised.count, "pattern \(pattern)")
      let expected = Set(raised.map { Self.dotCentre($0) + SIMD2(20, 20) })
      let found = Set(
        circles.compactMap { circle in circle.number("cx").flatMap { x in circle.number("cy").map { SIMD2(x, $0) } } })
      #expect(found == expected, "pattern \(pattern)")
      #expect(circles.allSatisfy { $0.attributes["fill"] == Self.red.hexString })
      #expect(document.all("text").isEmpty)
    }
  }

  /// Background runs: every cell's centre is covered last by a rectangle of its background
  /// colour, and there is one rectangle per run of equal non-default background in a row,
  /// plus the one under the whole picture.
  @Test func backgroundsAreMergedRunsOfTheCellColours() throws {
    var generator = SeededGenerator(seed: 5)
    let palette: [CellColor] = [.terminalDefault, .rgb(Self.red), .rgb(Self.blue)]
    for (width, height) in [(1, 1), (9, 4), (31, 7)] {
      var frame = Frame(width: width, height: height)
      for y in 0..<height {
        for x in 0..<width {
          frame[x, y] = Cell(" ", background: palette[Int.random(in: 0..<3, using: &generator)])
        }
      }
      let rects = try Self.parse(frame).all("rect")
      var runs = 0
      for y in 0..<height {
        for x in 0..<width where frame[x, y].background != .terminalDefault {
          if x == 0 || frame[x - 1, y].background != frame[x, y].background { runs += 1 }
        }
      }
      #expect(rects.count == runs + 1)
      for y in 0..<height {
        for x in 0..<width {
          let centre = SIMD2(Double(x) * 10 + 5, Double(y) * 20 + 10)
          let top = rects.last { rect in
            let left = rect.number("x") ?? 0
            let upper = rect.number("y") ?? 0
            guard let w = rect.number("width"), let h = rect.number("height") else { return false }
            return centre.x > left && centre.x < left + w && centre.y > upper && centre.y < upper + h
          }
          let expected: RGB =
            if case .rgb(let color) = frame[x, y].background { color } else { Self.style.terminalBackground }
          #expect(top?.attributes["fill"] == expected.hexString, "cell \(x), \(y)")
        }
      }
    }
  }

  /// Block elements are rectangles of the cell's foreground: the upper and lower halves,
  /// the full block and a light shade at a quarter opacity.
  @Test func blockElementsAreRectangles() throws {
    var frame = Frame(width: 4, height: 1)
    for (x, glyph) in ["▀", "▄", "█", "░"].enumerated() {
      frame[x, 0] = Cell(Unicode.Scalar(glyph)!, foreground: .rgb(Self.green), background: .rgb(Self.red))
    }
    let shapes = try Self.parse(frame).all("rect").filter { $0.attributes["fill"] == Self.green.hexString }
    let boxes = shapes.map { [$0.number("x"), $0.number("y"), $0.number("width"), $0.number("height")] }
    #expect(boxes == [[0, 0, 10, 10], [10, 10, 10, 10], [20, 0, 10, 20], [30, 0, 10, 20]])
    #expect(shapes.map { $0.attributes["fill-opacity"] } == [nil, nil, nil, "0.25"])
  }

  /// Text keeps `<`, `&` and `"` once the parser has unescaped them, each glyph at the left
  /// edge of its own column, in the cell's colour; spaces are not drawn.
  @Test func textIsEscapedAndPlacedByColumn() throws {
    var frame = Frame(width: 12, height: 2)
    frame.put("a<b & \"c\"", x: 1, y: 1, foreground: .rgb(Self.blue))
    let texts = try Self.parse(frame).all("text")
    #expect(texts.map(\.text).joined() == "a<b&\"c\"")
    let xs = texts.flatMap { ($0.attributes["x"] ?? "").split(separator: " ").compactMap { Double($0) } }
    #expect(xs == [1, 2, 3, 5, 7, 8, 9].map { Double($0) * 10 })
    #expect(texts.allSatisfy { $0.attributes["fill"] == Self.blue.hexString })
    #expect(texts.allSatisfy { $0.number("y") == 20 + 0.78 * 20 })
  }

  /// The picture is the frame's size in cells times the cell size, 0 × 0 included, and an
  /// HTML page holds the same SVG element.
  @Test(arguments: [(0, 0), (1, 1), (17, 5)])
  func sizeFollowsTheFrame(width: Int, height: Int) throws {
    let frame = Frame(width: width, height: height, fill: Cell("x"))
    let svg = try #require(try Self.parse(frame).all("svg").first)
    #expect(svg.number("width") == Double(width * 10) && svg.number("height") == Double(height * 20))
    let picture = SVGPicture(style: Self.style)
    #expect(picture.htmlPage(of: frame, title: "a <title>").contains(picture.element(of: frame)))
    #expect(picture.htmlPage(of: frame, title: "a <title>").contains("<title>a &lt;title&gt;</title>"))
  }

  /// librsvg draws the picture at the size it states, with each cell's colours where they
  /// belong: the background between braille dots, the dots themselves, the halves of ▀ and
  /// the whole of █, read back pixel by pixel from the PNG it writes.
  @Test(.enabled(if: rsvgConvertPath != nil, "rsvg-convert (librsvg2-bin) is not installed"))
  func rsvgDrawsEachCellsColoursInPlace() throws {
    var frame = Frame(width: 12, height: 5, fill: Cell(" ", background: .rgb(Self.blue)))
    frame.put("σ ⣿▀█ <&>", x: 1, y: 2, foreground: .rgb(Self.red))
    let folder = try makeTemporaryFolder()
    let svgPath = folder + "/frame.svg"
    try SVGPicture(style: Self.style).text(of: frame).write(toFile: svgPath, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(rsvgConvertPath))
    process.arguments = ["-o", folder + "/frame.png", svgPath]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let png = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/frame.png")))
    let image = try #require(PNGImage(png), "rsvg-convert wrote a PNG this reader cannot read")
    #expect(image.width == 120 && image.height == 100)
    func isColor(_ x: Int, _ y: Int, _ color: RGB) -> Bool {
      let pixel = image[x, y]
      return abs(Int(pixel.red) - Int(color.red)) <= 8 && abs(Int(pixel.green) - Int(color.green)) <= 8
        && abs(Int(pixel.blue) - Int(color.blue)) <= 8
    }
    // Cell (column, row) spans pixels 10·column … 10·column + 9 across, 20·row … 20·row + 19 down.
    #expect(isColor(5, 10, Self.blue), "an empty cell shows its background")
    for dot in 1...8 {
      let centre = Self.dotCentre(dot)
      #expect(isColor(30 + Int(centre.x), 40 + Int(centre.y), Self.red), "braille dot \(dot) of ⣿")
    }
    #expect(isColor(35, 45, Self.blue), "between the dots of ⣿ the background shows")
    #expect(isColor(45, 44, Self.red) && isColor(45, 56, Self.blue), "▀: foreground above, background below")
    #expect(isColor(52, 41, Self.red) && isColor(57, 58, Self.red), "█ fills its cell")
  }
}
