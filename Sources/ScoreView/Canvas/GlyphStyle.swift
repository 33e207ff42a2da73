// Which glyph repertoire a canvas draws with: Unicode shapes or a plain-ASCII fallback.

/// The glyphs a canvas may use.
///
/// Braille (U+2800–28FF) may show as hollow circles or tofu in some fonts, and half blocks
/// and arrows are East Asian Ambiguous (two columns in some CJK set-ups); `.ascii` draws
/// the same picture with one-column ASCII only.
public enum GlyphStyle: Sendable, Hashable, CaseIterable {
  /// Braille patterns, half blocks ▀▄ and arrows ←↖↑↗→↘↓↙.
  case unicode
  /// ASCII only: `'` `.` `:` for dots, background-only cells for half blocks, two-column
  /// arrows such as `->` and `/>` (`ArrowDirection.asciiPair`).
  case ascii
}
