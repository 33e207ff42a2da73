// Frame.ansiText read back by an independent SGR replayer, and its exact escapes on small cases.

import ScoreCore
import ScoreView
import Testing

@Suite struct FrameANSITests {
  /// Replaying the escapes of random frames gives back every visible cell's quantised
  /// style, at every colour depth.
  @Test(arguments: ColorDepth.allCases)
  func replayRecoversEveryCell(depth: ColorDepth) throws {
    var generator = SeededGenerator(seed: 11)
    for (width, height) in [(1, 1), (7, 3), (30, 12)] {
      let frame = randomFrame(width: width, height: height, generator: &generator)
      let rows = try #require(replaySGR(frame.ansiText(colorDepth: depth)))
      #expect(rows.count == height)
      for y in 0..<height {
        #expect(rows[y].count <= width)
        for x in 0..<width {
          let cell = frame[x, y]
          guard x < rows[y].count else {
            // Left out only when the cell shows nothing at the end of its line.
            #expect(cell.glyph == " ")
            #expect(depth.quantize(cell.background) == .terminalDefault)
            #expect(cell.attributes.isDisjoint(with: [.underline, .reverse]))
            continue
          }
          let expected = ReplayedCell(
            glyph: cell.glyph, foreground: depth.quantize(cell.foreground),
            background: depth.quantize(cell.background), attributes: cell.attributes)
          #expect(rows[y][x] == expected, "cell (\(x), \(y)) at \(depth)")
        }
      }
    }
  }

  /// With no trailing coloured spaces, removing the escapes leaves exactly `plainText`.
  @Test(arguments: ColorDepth.allCases)
  func strippedEqualsPlainText(depth: ColorDepth) {
    var frame = Frame(width: 12, height: 3)
    frame.put("σ = 0.10", x: 1, y: 0, foreground: .rgb(RGB(255, 0, 0)), attributes: [.bold])
    frame.put("⠿→▀", x: 0, y: 1, background: .rgb(RGB(0, 0, 255)))
    frame.put("end", x: 9, y: 2, attributes: [.underline])
    #expect(strippingEscapes(frame.ansiText(colorDepth: depth)) == frame.plainText)
  }

  /// The exact escapes for a tiny frame: one sequence per change, only the changed
  /// parameters, `22;39` to drop bold and the colour together.
  @Test func minimalTransitionsTrueColor() {
    var frame = Frame(width: 4, height: 1)
    frame.put("aa", x: 0, y: 0, foreground: .rgb(RGB(255, 0, 0)))
    frame[1, 0].attributes = .bold
    frame.put("c", x: 2, y: 0)
    #expect(frame.ansiText(colorDepth: .trueColor) == "\u{1B}[38;2;255;0;0ma\u{1B}[1ma\u{1B}[22;39mc")
  }

  /// Palette codes from the xterm definitions: RGB(255, 0, 0) is 196 / bright red 91 and 101,
  /// RGB(128, 128, 128) is grey 244 / bright black 90; a styled line ends with a reset.
  @Test func paletteCodes() {
    var frame = Frame(width: 2, height: 1)
    frame[0, 0] = Cell("x", foreground: .rgb(RGB(255, 0, 0)), background: .rgb(RGB(128, 128, 128)))
    frame[1, 0] = Cell("y", foreground: .rgb(RGB(128, 128, 128)), background: .rgb(RGB(255, 0, 0)))
    #expect(
      frame.ansiText(colorDepth: .palette256)
        == "\u{1B}[38;5;196;48;5;244mx\u{1B}[38;5;244;48;5;196my\u{1B}[0m")
    #expect(frame.ansiText(colorDepth: .ansi16) == "\u{1B}[91;100mx\u{1B}[90;101my\u{1B}[0m")
    #expect(frame.ansiText(colorDepth: .monochrome) == "xy")
  }

  /// Two RGB values that quantise to the same palette index need no escape between them.
  @Test func sameQuantisedColourNeedsNoEscape() {
    var frame = Frame(width: 2, height: 1)
    frame[0, 0] = Cell("a", foreground: .rgb(RGB(255, 0, 0)))
    frame[1, 0] = Cell("b", foreground: .rgb(RGB(250, 5, 3)))
    #expect(frame.ansiText(colorDepth: .palette256) == "\u{1B}[38;5;196mab\u{1B}[0m")
  }

  /// A trailing space on a coloured background is kept; a plain one is dropped.
  @Test func trailingSpaces() {
    var frame = Frame(width: 3, height: 2)
    frame[2, 0] = Cell(" ", background: .rgb(RGB(0, 0, 255)))
    frame.put("z", x: 0, y: 1)
    #expect(frame.ansiText(colorDepth: .trueColor) == "  \u{1B}[48;2;0;0;255m \u{1B}[0m\nz")
  }

  /// 0 × 0, 1 × 1 and a large frame give text of the right shape without trapping.
  @Test func extremeSizes() {
    #expect(Frame(width: 0, height: 0).ansiText(colorDepth: .trueColor) == "")
    #expect(Frame(width: 0, height: 3).ansiText(colorDepth: .trueColor) == "\n\n")
    #expect(Frame(width: 1, height: 1, fill: Cell("q")).ansiText(colorDepth: .ansi16) == "q")
    let large = Frame(width: 1000, height: 400, fill: Cell("#", foreground: .rgb(RGB(1, 2, 3))))
    let lines = large.ansiText(colorDepth: .palette256).split(separator: "\n")
    #expect(lines.count == 400)
    #expect(lines.allSatisfy { $0.unicodeScalars.filter { $0 == "#" }.count == 1000 })
  }
}
