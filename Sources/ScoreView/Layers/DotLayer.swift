// Data points or particles as braille dots over the plot area.

import ScoreCore

/// Draws a point set as braille dots (ASCII `'.:` in `.ascii`) in one colour.
enum DotLayer {
  /// Sets one dot per point of `points` inside `box` and writes the dotted cells of `area`
  /// into `frame` in `color` with `attributes`, merging with dots already there; points
  /// outside the box or with non-finite coordinates are skipped.
  static func draw(
    _ points: [SIMD2<Double>], color: CellColor, attributes: CellAttributes = [], box: PlotBox,
    area: CellRect, style: GlyphStyle, into frame: inout Frame
  ) {
    guard !points.isEmpty, area.area > 0 else { return }
    var canvas = BrailleCanvas(area: area)
    let mapping = canvas.mapping(for: box)
    for point in points { canvas.setDot(at: point, mapping: mapping, color: color) }
    canvas.draw(into: &frame, style: style, attributes: attributes)
  }
}
