// Colour maps against matplotlib's published viridis table, interpolation, and quantised ramps.

import ScoreView
import Testing

@Suite struct ColorMapTests {
  /// The published `_viridis_data` entry at `index` (of 256, at t = index / 255), × 255.
  private static let published: [(index: Int, rgb: (Double, Double, Double))] = [
    (0, (0.267004, 0.004874, 0.329415)),
    (64, (0.229739, 0.322361, 0.545706)),
    (128, (0.127568, 0.566949, 0.550556)),
    (192, (0.369214, 0.788888, 0.382914)),
    (246, (0.906311, 0.894855, 0.098125)),
    (255, (0.993248, 0.906157, 0.143936)),
  ]

  /// The ends are the published values rounded: (68, 1, 84) and (253, 231, 37).
  @Test func viridisEndpoints() {
    #expect(ColorMap.viridis.color(at: 0) == RGB(68, 1, 84))
    #expect(ColorMap.viridis.color(at: 1) == RGB(253, 231, 37))
  }

  /// Inside, the 16-stop table stays within 7/255 per channel of the 256-entry table
  /// (piecewise-linear over 17 entries; the largest bend is near entry 246).
  @Test func viridisInterior() {
    for (index, rgb) in Self.published {
      let color = ColorMap.viridis.color(at: Double(index) / 255)
      #expect(abs(Double(color.red) - rgb.0 * 255) <= 7, "entry \(index)")
      #expect(abs(Double(color.green) - rgb.1 * 255) <= 7, "entry \(index)")
      #expect(abs(Double(color.blue) - rgb.2 * 255) <= 7, "entry \(index)")
    }
  }

  /// Linear interpolation between two stops, clamping outside [0, 1], NaN as 0.
  @Test func interpolation() {
    let map = ColorMap(stops: [RGB(0, 100, 200), RGB(100, 0, 255)])
    #expect(map.color(at: 0.5) == RGB(50, 50, 228))  // 227.5 rounds away from zero
    #expect(map.color(at: 0.25) == RGB(25, 75, 214))  // 213.75
    #expect(map.color(at: -3) == RGB(0, 100, 200))
    #expect(map.color(at: 7) == RGB(100, 0, 255))
    #expect(map.color(at: .nan) == RGB(0, 100, 200))
    #expect(ColorMap(stops: [RGB(9, 9, 9)]).color(at: 0.7) == RGB(9, 9, 9))
    let three = ColorMap(stops: [RGB(0, 0, 0), RGB(200, 0, 0), RGB(200, 100, 0)])
    #expect(three.color(at: 0.75) == RGB(200, 50, 0))
    #expect(three.reversed().color(at: 0.25) == RGB(200, 50, 0))
  }

  /// The diverging map's ends and centre are Moreland's published rows 0, 16 and 32.
  @Test func coolWarmAnchors() {
    #expect(ColorMap.coolWarm.color(at: 0) == RGB(59, 76, 192))
    #expect(ColorMap.coolWarm.color(at: 0.5) == RGB(221, 221, 221))
    #expect(ColorMap.coolWarm.color(at: 1) == RGB(180, 4, 38))
  }

  /// Ramps sample evenly, ends included.
  @Test func ramp() {
    let map = ColorMap(stops: [RGB(0, 0, 0), RGB(255, 255, 255)])
    #expect(map.ramp(levels: 2) == [RGB(0, 0, 0), RGB(255, 255, 255)])
    #expect(map.ramp(levels: 4).map(\.red) == [0, 85, 170, 255])
    #expect(map.ramp(levels: 1) == [RGB(0, 0, 0)])
    #expect(map.ramp(levels: 0).isEmpty)
  }

  /// The distinct ramp is the longest one (checked against every longer level count up to
  /// the maximum) whose neighbours differ after quantisation, recomputed here with the
  /// quantisers directly.
  @Test(arguments: [ColorDepth.trueColor, .palette256, .ansi16])
  func distinctRampIsLongestDistinct(depth: ColorDepth) {
    func merges(_ ramp: [RGB]) -> Bool {
      zip(ramp, ramp.dropFirst()).contains { depth.quantize(.rgb($0)) == depth.quantize(.rgb($1)) }
    }
    let ramp = ColorMap.viridis.distinctRamp(maxLevels: 64, colorDepth: depth)
    #expect(!ramp.isEmpty)
    #expect(!merges(ramp))
    #expect(ColorMap.neighboursStayDistinct(ramp, colorDepth: depth))
    for levels in stride(from: ramp.count + 1, through: 64, by: 1) {
      #expect(merges(ColorMap.viridis.ramp(levels: levels)), "\(levels) levels")
    }
    #expect(ramp.first == ColorMap.viridis.color(at: 0))
    #expect(ramp.last == ColorMap.viridis.color(at: 1))
  }

  /// 24-bit keeps all 64 levels; 256 colours keep at least 8 distinct viridis levels; no
  /// colour keeps only one.
  @Test func distinctRampLengths() {
    #expect(ColorMap.viridis.distinctRamp(maxLevels: 64, colorDepth: .trueColor).count == 64)
    #expect(ColorMap.viridis.distinctRamp(maxLevels: 64, colorDepth: .palette256).count >= 8)
    #expect(ColorMap.viridis.distinctRamp(maxLevels: 64, colorDepth: .monochrome).count == 1)
    #expect(!ColorMap.neighboursStayDistinct(ColorMap.viridis.ramp(levels: 2), colorDepth: .monochrome))
    #expect(ColorMap.viridis.distinctRamp(maxLevels: 0, colorDepth: .trueColor).isEmpty)
  }

  /// Dimming scales every channel and rounds: viridis's brightest stop (253, 231, 37) at
  /// 60 % is (151.8, 138.6, 22.2) → (152, 139, 22); order of lightness is kept.
  @Test func dimmedScalesChannels() {
    let dimmed = ColorMap.viridis.dimmed(by: 0.6)
    #expect(dimmed.stops.last == RGB(152, 139, 22))
    #expect(dimmed.stops.first == RGB(41, 1, 50))
    #expect(ColorMap.viridis.dimmed(by: 1) == ColorMap.viridis)
  }
}
