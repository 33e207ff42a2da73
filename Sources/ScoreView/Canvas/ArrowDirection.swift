// The eight arrow directions of the score field and the glyphs that draw them.

import Foundation

/// One of eight compass directions, 45° apart, counter-clockwise from east.
///
/// `rawValue` k stands for the angle k · 45° measured from +x towards +y in data
/// coordinates (y up). On screen rows grow downwards, so `.north` is drawn as `↑`, the top
/// of the screen.
public enum ArrowDirection: Int, Sendable, Hashable, CaseIterable {
  case east = 0
  case northEast, north, northWest, west, southWest, south, southEast

  /// The direction nearest to the data-space vector `vector` (y up).
  ///
  /// k = round(atan2(y, x) / 45°) mod 8, so each direction owns the 45° sector centred on
  /// it; a vector exactly on a sector boundary rounds away from the +x axis (22.5° goes
  /// north-east, −22.5° south-east). Nil for the zero vector and for non-finite components.
  public init?(dataVector vector: SIMD2<Double>) {
    guard vector.x.isFinite, vector.y.isFinite, vector != .zero else { return nil }
    let sector = Int((atan2(vector.y, vector.x) / (Double.pi / 4)).rounded())
    self.init(rawValue: (sector % 8 + 8) % 8)
  }

  /// The direction nearest to the screen-space vector `vector`: x to the right, y down
  /// (rows); the same as `init(dataVector:)` of (x, −y).
  public init?(screenVector vector: SIMD2<Double>) {
    self.init(dataVector: SIMD2(vector.x, -vector.y))
  }

  /// The one-column glyph for this direction.
  ///
  /// `.unicode`: → ↗ ↑ ↖ ← ↙ ↓ ↘. `.ascii`: `>` `/` `^` `\` `<` `/` `v` `\`, the fallback
  /// where two columns do not fit (`asciiPair`): the diagonals show their slope but not their
  /// sense.
  public func glyph(_ style: GlyphStyle) -> Unicode.Scalar {
    switch style {
    case .unicode: return Self.unicodeGlyphs[rawValue]
    case .ascii: return Self.asciiGlyphs[rawValue]
    }
  }

  /// The two-column ASCII arrow, left column first: `->` `/>` `/\` `<\` `<-` `</` `\/` `\>`.
  ///
  /// A shaft and a head: the horizontal head `>` or `<` gives the sense across, the slope
  /// `/` or `\` whether it climbs or falls, so `/>` points up and right and `</` down and
  /// left; north and south are the chevrons `/\` and `\/`. No two directions share a pair.
  public var asciiPair: (left: Unicode.Scalar, right: Unicode.Scalar) { Self.asciiPairs[rawValue] }

  private static let unicodeGlyphs: [Unicode.Scalar] = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
  private static let asciiGlyphs: [Unicode.Scalar] = [">", "/", "^", "\\", "<", "/", "v", "\\"]
  private static let asciiPairs: [(left: Unicode.Scalar, right: Unicode.Scalar)] = [
    ("-", ">"), ("/", ">"), ("/", "\\"), ("<", "\\"), ("<", "-"), ("<", "/"), ("\\", "/"), ("\\", ">"),
  ]
}
