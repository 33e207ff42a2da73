// RGB → terminal colour numbers, checked against brute-force nearest search over palettes
// written out here from xterm's definitions.

import ScoreView
import Terminal
import Testing

@Suite("Colour quantiser")
struct ColorQuantizerTests {
  /// xterm's 256-colour palette from its definition: 16 + 36r + 6g + b over levels
  /// 0, 95, 135, 175, 215, 255, then greys 8 + 10i at 232 + i.
  static let xterm256: [(index: Int, rgb: (Int, Int, Int))] = {
    let levels = [0, 95, 135, 175, 215, 255]
    var entries: [(Int, (Int, Int, Int))] = []
    for r in 0..<6 {
      for g in 0..<6 {
        for b in 0..<6 {
          entries.append((16 + 36 * r + 6 * g + b, (levels[r], levels[g], levels[b])))
        }
      }
    }
    for i in 0..<24 { entries.append((232 + i, (8 + 10 * i, 8 + 10 * i, 8 + 10 * i))) }
    return entries
  }()

  /// xterm's default colours 0–15 (XTerm-col.ad).
  static let xterm16: [(Int, Int, Int)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
    (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
    (255, 0, 255), (0, 255, 255), (255, 255, 255),
  ]

  static func distance(_ a: (Int, Int, Int), _ b: RGB) -> Int {
    let (dr, dg, db) = (a.0 - Int(b.red), a.1 - Int(b.green), a.2 - Int(b.blue))
    return dr * dr + dg * dg + db * db
  }

  /// Every colour on a grid of step 15 in each channel (18³ = 5,832 colours, 0 and 255 included).
  static let grid: [RGB] = {
    let steps = Array(stride(from: 0, through: 255, by: 15)).map(UInt8.init)
    return steps.flatMap { r in steps.flatMap { g in steps.map { b in RGB(r, g, b) } } }
  }()

  @Test("256 colours: the chosen entry is as near as the nearest of the 240 cube and grey entries")
  func indexed256IsNearest() {
    for color in Self.grid {
      let chosen = Int(ColorQuantizer.colorNumber(for: color, depth: .palette256)!)
      #expect((16...255).contains(chosen))
      let best = Self.xterm256.map { Self.distance($0.rgb, color) }.min()!
      let chosenRGB = Self.xterm256.first { $0.index == chosen }!.rgb
      #expect(Self.distance(chosenRGB, color) == best, "\(color) → \(chosen)")
    }
  }

  @Test("256 colours: every cube and grey entry maps to itself")
  func indexed256EntriesMapToThemselves() {
    for entry in Self.xterm256 {
      let color = RGB(UInt8(entry.rgb.0), UInt8(entry.rgb.1), UInt8(entry.rgb.2))
      let chosen = Int(ColorQuantizer.colorNumber(for: color, depth: .palette256)!)
      // Cube greys and ramp greys never coincide (levels 0, 95, … vs 8, 18, …), so exact.
      #expect(chosen == entry.index)
    }
  }

  @Test(
    "16 and 8 colours: the nearest of xterm's first 16 or 8 colours",
    arguments: [
      (ColorDepth.ansi16, 16), (.ansi8, 8),
    ])
  func ansiIsNearest(depth: ColorDepth, count: Int) {
    for color in Self.grid {
      let chosen = Int(ColorQuantizer.colorNumber(for: color, depth: depth)!)
      #expect((0..<count).contains(chosen))
      let best = Self.xterm16.prefix(count).map { Self.distance($0, color) }.min()!
      #expect(Self.distance(Self.xterm16[chosen], color) == best, "\(color) → \(chosen)")
    }
  }

  @Test("True colour gives ncurses no colour numbers: the screen writes it itself")
  func trueColorHasNone() {
    #expect(ColorQuantizer.colorNumber(for: RGB(0x12, 0x34, 0x56), depth: .trueColor) == nil)
    #expect(ColorQuantizer.colorNumber(for: RGB(0, 0, 4), depth: .trueColor) == nil)
  }

  @Test("Monochrome has no colour numbers")
  func monochromeHasNone() {
    #expect(ColorQuantizer.colorNumber(for: RGB(255, 0, 0), depth: .monochrome) == nil)
  }

  @Test("A 64-step ramp from black to white stays distinct at 256 colours where xterm can show it")
  func rampStepsStayOrdered() {
    // Grey levels 8 + 10i: 64 steps of ~4 over 0…255 map to non-decreasing greys; 26 distinct
    // grey shades exist (0, 24 ramp, 255), so at least 20 must appear.
    var previous = -1
    var distinct: Set<Int> = []
    for step in 0..<64 {
      let level = UInt8(step * 255 / 63)
      let chosen = Int(
        ColorQuantizer.colorNumber(for: RGB(level, level, level), depth: .palette256)!)
      let rgb = Self.xterm256.first { $0.index == chosen }!.rgb
      #expect(rgb.0 >= previous, "grey \(level) went darker")
      previous = rgb.0
      distinct.insert(chosen)
    }
    #expect(distinct.count >= 20)
  }
}
