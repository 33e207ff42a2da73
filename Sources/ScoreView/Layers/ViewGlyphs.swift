// The symbols the view's text and decorations use, in Unicode and in plain ASCII.

/// Every non-plot symbol of the view for one `GlyphStyle`; `.ascii` uses only U+0020–U+007E.
struct ViewGlyphs {
  let sigma: String
  let epsilon: String
  let missing: String
  let times: String
  let ellipsis: String
  let sparkLevels: [Unicode.Scalar]
  let verticalLine: Unicode.Scalar
  let horizontalLine: Unicode.Scalar
  let leftTick: Unicode.Scalar
  let bottomTick: Unicode.Scalar
  let axisCorner: Unicode.Scalar
  let topLeft: Unicode.Scalar
  let topRight: Unicode.Scalar
  let bottomLeft: Unicode.Scalar
  let bottomRight: Unicode.Scalar
  let dotSample: Unicode.Scalar
  let densitySample: Unicode.Scalar

  /// The symbols for `style`.
  static func forStyle(_ style: GlyphStyle) -> ViewGlyphs {
    switch style {
    case .unicode: return unicode
    case .ascii: return ascii
    }
  }

  private static let unicode = ViewGlyphs(
    sigma: "σ", epsilon: "ε", missing: "—", times: "×", ellipsis: "…",
    sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], verticalLine: "│",
    horizontalLine: "─", leftTick: "┤", bottomTick: "┬", axisCorner: "└", topLeft: "┌",
    topRight: "┐", bottomLeft: "└", bottomRight: "┘", dotSample: "⣿", densitySample: "▀")

  private static let ascii = ViewGlyphs(
    sigma: "sigma", epsilon: "eps", missing: "-", times: "x", ellipsis: "...",
    sparkLevels: ["_", ".", "-", "~", "=", "+", "*", "#"], verticalLine: "|",
    horizontalLine: "-", leftTick: "+", bottomTick: "+", axisCorner: "+", topLeft: "+",
    topRight: "+", bottomLeft: "+", bottomRight: "+", dotSample: ":", densitySample: " ")
}
