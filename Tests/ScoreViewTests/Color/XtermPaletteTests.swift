// The quantisers against indices computed by hand from the xterm palette definition.

import ScoreView
import Testing

@Suite struct XtermPaletteTests {
  /// Hand-computed 256-colour indices. Cube: 16 + 36r + 6g + b over levels
  /// 0, 95, 135, 175, 215, 255; grey 232 + i is 8 + 10i.
  /// - (255, 0, 0): cube (5, 0, 0) = 196, exact.
  /// - (128, 128, 128): grey 8 + 10·12 = 128 exact → 244; the cube's 135 is 7 off per channel.
  /// - (0, 0, 0): cube 16 exact; grey 232 is 8 off. (255, 255, 255): cube 231; grey tops at 238.
  /// - (95, 135, 175): cube (1, 2, 3) = 16 + 36 + 12 + 3 = 67, exact.
  /// - (100, 100, 100): cube (95,95,95) = 59 at distance² 75; grey 98 = 241 at 12 → 241.
  /// - (238, 238, 238): grey 255 exact; cube 255 is 17 off → 255.
  /// - (250, 10, 130): channels → 255, 0, 135 = (5, 0, 2) → 16 + 180 + 2 = 198.
  @Test func nearestIndex256() {
    let cases: [(RGB, UInt8)] = [
      (RGB(255, 0, 0), 196), (RGB(128, 128, 128), 244), (RGB(0, 0, 0), 16),
      (RGB(255, 255, 255), 231), (RGB(95, 135, 175), 67), (RGB(100, 100, 100), 241),
      (RGB(238, 238, 238), 255), (RGB(250, 10, 130), 198),
    ]
    for (color, index) in cases {
      #expect(XtermPalette.nearestIndex256(to: color) == index, "\(color)")
    }
  }

  /// Every palette colour 16–255 quantises to itself (no cube level equals a grey level).
  @Test func paletteColoursAreFixedPoints() {
    for index in UInt8(16)...UInt8(255) {
      #expect(XtermPalette.nearestIndex256(to: XtermPalette.color(atIndex: index)) == index)
    }
    #expect(XtermPalette.color(atIndex: 196) == RGB(255, 0, 0))
    #expect(XtermPalette.color(atIndex: 244) == RGB(128, 128, 128))
    #expect(XtermPalette.color(atIndex: 67) == RGB(95, 135, 175))
  }

  /// The 256 quantiser agrees with a brute-force nearest search over indices 16–255 on a
  /// lattice of colours, up to exact ties in distance.
  @Test func nearestIndex256IsNearest() {
    for r in stride(from: 0, through: 255, by: 17) {
      for g in stride(from: 0, through: 255, by: 15) {
        for b in stride(from: 3, through: 255, by: 28) {
          let color = RGB(UInt8(r), UInt8(g), UInt8(b))
          let chosen = XtermPalette.distanceSquared(
            color, XtermPalette.color(atIndex: XtermPalette.nearestIndex256(to: color)))
          let best = (16...255).map {
            XtermPalette.distanceSquared(color, XtermPalette.color(atIndex: UInt8($0)))
          }.min()
          #expect(chosen == best, "\(color)")
        }
      }
    }
  }

  /// Hand-computed nearest ANSI colours over xterm's defaults: (255, 0, 0) is bright red 9,
  /// (200, 0, 0) red 1 (205: 25 away), (128, 128, 128) bright black 8 (127), (250, 250, 250)
  /// white 15 (75 vs 1323 for 229), (0, 0, 200) blue 4 (0, 0, 238: 1444).
  @Test func nearestIndex16() {
    let cases: [(RGB, UInt8)] = [
      (RGB(255, 0, 0), 9), (RGB(200, 0, 0), 1), (RGB(128, 128, 128), 8),
      (RGB(250, 250, 250), 15), (RGB(0, 0, 200), 4), (RGB(0, 0, 0), 0),
    ]
    for (color, index) in cases {
      #expect(XtermPalette.nearestIndex16(to: color) == index, "\(color)")
    }
  }

  /// `ColorDepth.quantize` keeps the default at every depth and routes RGB to each quantiser.
  @Test func quantize() {
    let red = CellColor.rgb(RGB(255, 0, 0))
    #expect(ColorDepth.trueColor.quantize(red) == .rgb(RGB(255, 0, 0)))
    #expect(ColorDepth.palette256.quantize(red) == .palette(196))
    #expect(ColorDepth.ansi16.quantize(red) == .palette(9))
    #expect(ColorDepth.monochrome.quantize(red) == .terminalDefault)
    for depth in ColorDepth.allCases {
      #expect(depth.quantize(.terminalDefault) == .terminalDefault)
    }
  }

  /// Hex notation both ways: `#RRGGBB`, `#GG` grey, either case; malformed text is rejected.
  @Test func hex() {
    #expect(RGB(hex: "#FF8000") == RGB(255, 128, 0))
    #expect(RGB(hex: "#ff8000") == RGB(255, 128, 0))
    #expect(RGB(hex: "#80") == RGB(128, 128, 128))
    for bad in ["", "#", "FF8000", "#FF800", "#FF80000", "#GG0000", "#8", "# 80"] {
      #expect(RGB(hex: bad) == nil, "\(bad)")
    }
    #expect(RGB(1, 171, 255).hexString == "#01abff")
  }
}
