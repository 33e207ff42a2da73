// Colour depth detection from COLORS, NO_COLOR and a forced depth.

import ScoreView
import Testing

@Suite("Colour depth")
struct ColorDepthTests {
  @Test(
    "Detection thresholds at and around each boundary",
    arguments: [
      (-1, ColorDepth.monochrome), (0, .monochrome), (7, .monochrome), (8, .ansi8), (15, .ansi8),
      (16, .ansi16), (88, .ansi16), (255, .ansi16), (256, .palette256),
      (16_777_215, .palette256), (16_777_216, .trueColor), (1 << 30, .trueColor),
    ])
  func detectsFromColorCount(count: Int, expected: ColorDepth) {
    #expect(ColorDepth(colorCount: count) == expected)
  }

  @Test("NO_COLOR: any non-empty value means monochrome; empty or unset means detect")
  func noColorConvention() {
    #expect(ColorDepth.resolve(terminal: .palette256, noColor: "1", forced: nil) == .monochrome)
    #expect(ColorDepth.resolve(terminal: .trueColor, noColor: "no", forced: nil) == .monochrome)
    #expect(ColorDepth.resolve(terminal: .palette256, noColor: "", forced: nil) == .palette256)
    #expect(ColorDepth.resolve(terminal: .palette256, noColor: nil, forced: nil) == .palette256)
  }

  @Test("A forced depth overrides NO_COLOR, COLORTERM and the terminal's own depth")
  func forcedDepth() {
    #expect(ColorDepth.resolve(terminal: .trueColor, noColor: nil, forced: .ansi16) == .ansi16)
    #expect(ColorDepth.resolve(terminal: .palette256, noColor: "1", forced: .ansi8) == .ansi8)
    #expect(ColorDepth.resolve(terminal: .palette256, noColor: nil, forced: .trueColor) == .trueColor)
    #expect(ColorDepth.resolve(terminal: .monochrome, noColor: nil, forced: .trueColor) == .trueColor)
    #expect(
      ColorDepth.resolve(terminal: .trueColor, noColor: nil, forced: .monochrome, colorTerm: "truecolor")
        == .monochrome)
  }

  @Test(
    "COLORTERM truecolor or 24bit raises a colour terminal to true colour; other values do not",
    arguments: [
      ("truecolor", ColorDepth.palette256, ColorDepth.trueColor), ("24bit", .palette256, .trueColor),
      ("TrueColor", .ansi8, .trueColor), ("24BIT", .ansi16, .trueColor),
      ("truecolor", .monochrome, .monochrome), ("yes", .palette256, .palette256),
      ("", .palette256, .palette256), ("256", .ansi16, .ansi16), ("truecolour", .ansi8, .ansi8),
    ])
  func colorTermRaisesDepth(colorTerm: String, terminal: ColorDepth, expected: ColorDepth) {
    #expect(ColorDepth.resolve(terminal: terminal, noColor: nil, forced: nil, colorTerm: colorTerm) == expected)
  }

  @Test("NO_COLOR wins over COLORTERM")
  func noColorWinsOverColorTerm() {
    #expect(
      ColorDepth.resolve(terminal: .palette256, noColor: "1", forced: nil, colorTerm: "truecolor")
        == .monochrome)
    #expect(
      ColorDepth.resolve(terminal: .palette256, noColor: "", forced: nil, colorTerm: "truecolor")
        == .trueColor)
  }
}
