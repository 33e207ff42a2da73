// Arrow directions: the 8 axes, both sides of every sector boundary, data y up vs screen y down.

import Foundation
import ScoreView
import Testing

@Suite struct ArrowDirectionTests {
  private static func vector(degrees: Double) -> SIMD2<Double> {
    SIMD2(cos(degrees * .pi / 180), sin(degrees * .pi / 180))
  }

  /// The 8 unit directions (data y up) give the glyph that points that way on screen.
  @Test func eightDirections() {
    let cases: [(SIMD2<Double>, Unicode.Scalar)] = [
      (SIMD2(1, 0), "→"), (SIMD2(1, 1), "↗"), (SIMD2(0, 1), "↑"), (SIMD2(-1, 1), "↖"),
      (SIMD2(-1, 0), "←"), (SIMD2(-1, -1), "↙"), (SIMD2(0, -1), "↓"), (SIMD2(1, -1), "↘"),
    ]
    for (vector, glyph) in cases {
      #expect(ArrowDirection(dataVector: vector)?.glyph(.unicode) == glyph, "\(vector)")
      #expect(ArrowDirection(dataVector: 1e-9 * vector)?.glyph(.unicode) == glyph)
      #expect(ArrowDirection(dataVector: 1e9 * vector)?.glyph(.unicode) == glyph)
    }
  }

  /// 0.5° either side of each boundary 22.5° + 45°k picks the direction on that side.
  @Test func sectorBoundaries() {
    for k in 0..<8 {
      let boundary = 22.5 + 45 * Double(k)
      let below = ArrowDirection(dataVector: Self.vector(degrees: boundary - 0.5))
      let above = ArrowDirection(dataVector: Self.vector(degrees: boundary + 0.5))
      #expect(below?.rawValue == k, "below \(boundary)°")
      #expect(above?.rawValue == (k + 1) % 8, "above \(boundary)°")
    }
  }

  /// A screen vector (rows down) pointing up the screen is north; data and screen agree
  /// once y is negated.
  @Test func screenVersusData() {
    #expect(ArrowDirection(screenVector: SIMD2(0, -1)) == .north)
    #expect(ArrowDirection(screenVector: SIMD2(1, 1)) == .southEast)
    #expect(ArrowDirection(screenVector: SIMD2(-3, -3)) == .northWest)
    for degrees in stride(from: 0.0, to: 360, by: 7.3) {
      let v = Self.vector(degrees: degrees)
      #expect(ArrowDirection(screenVector: SIMD2(v.x, -v.y)) == ArrowDirection(dataVector: v))
    }
  }

  /// No direction for the zero vector or non-finite components.
  @Test func undefinedVectors() {
    #expect(ArrowDirection(dataVector: .zero) == nil)
    #expect(ArrowDirection(dataVector: SIMD2(.nan, 1)) == nil)
    #expect(ArrowDirection(dataVector: SIMD2(1, .infinity)) == nil)
  }

  /// The Unicode arrows are 8 different glyphs; the ASCII arrows are 8 different two-column
  /// pairs of printable ASCII, each a shaft and a head, and the one-column fallbacks are the
  /// heads `> ^ < v` on the axes and the slopes `/` and `\` on the diagonals.
  @Test func glyphSets() {
    let unicode = ArrowDirection.allCases.map { $0.glyph(.unicode) }
    #expect(Set(unicode).count == 8)
    let pairs = ArrowDirection.allCases.map {
      String(Character($0.asciiPair.left)) + String(Character($0.asciiPair.right))
    }
    #expect(pairs == ["->", "/>", "/\\", "<\\", "<-", "</", "\\/", "\\>"])
    #expect(Set(pairs).count == 8)
    let single = ArrowDirection.allCases.map { $0.glyph(.ascii) }
    #expect(single == [">", "/", "^", "\\", "<", "/", "v", "\\"])
  }
}
