// Fixed view states and independent screen geometry for the view tests.

import Foundation
import ScoreCore
import ScoreView

/// The Unicode arrow glyphs, counter-clockwise from east, as ArrowDirection documents.
let unicodeArrows: [Unicode.Scalar] = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]

/// The two-column ASCII arrows, counter-clockwise from east: a shaft and a head.
let asciiArrows: [String] = ["->", "/>", "/\\", "<\\", "<-", "</", "\\/", "\\>"]

/// The direction (0 = east, counter-clockwise in steps of 45°) of the arrow drawn at (x, y):
/// a Unicode arrow there, or in `.ascii` a two-column arrow over (x, x + 1), else over
/// (x − 1, x); nil when there is none.
func arrowDirection(in frame: Frame, x: Int, y: Int, style: GlyphStyle) -> Int? {
  switch style {
  case .unicode:
    return unicodeArrows.firstIndex(of: frame[x, y].glyph)
  case .ascii:
    func pair(_ left: Int) -> String {
      String(Character(frame[left, y].glyph)) + String(Character(frame[left + 1, y].glyph))
    }
    return asciiArrows.firstIndex(of: pair(x)) ?? asciiArrows.firstIndex(of: pair(x - 1))
  }
}

/// A status with every field set to a plain, recognisable value.
func sampleStatus() -> StatusValues {
  StatusValues(
    datasetName: "moons", datasetCount: 10_000, objective: "DSM", epoch: 12, loss: 0.81,
    lossHistory: [1, 0.9, 0.85, 0.81], samplesPerSecond: 182_000, sigma: 0.1, sigmaLevel: 7,
    sigmaLevelCount: 10, bandwidth: 0.1, bandwidthSource: .rule("Scott"), langevinStep: 2e-5,
    sampler: .annealed, fieldError: 0.123, framesPerSecond: 60, message: "paused")
}

/// A state with nothing plotted over a box fitted to the layout: all layers on, no data.
func emptyState(width: Int = 100, height: Int = 30, style: GlyphStyle = .unicode) -> ViewState {
  let layout = ViewLayout(width: width, height: height)
  return ViewState(
    width: width, height: height, glyphStyle: style,
    plotBox: layout.displayBox(fitting: PlotBox(xMin: -3, xMax: 3, yMin: -2, yMax: 2)),
    status: sampleStatus())
}

/// The normal density N(x; μ, v·I) in 2-D.
func gaussianDensity(_ x: SIMD2<Double>, mean: SIMD2<Double>, variance: Double) -> Double {
  let d = x - mean
  return exp(-(d * d).sum() / (2 * variance)) / (2 * Double.pi * variance)
}

/// The frame cell that contains the data point `p`: the plot area cut into equal columns
/// and rows over the box, y up; nil outside the box.
func screenCell(of p: SIMD2<Double>, layout: ViewLayout, box: PlotBox) -> (x: Int, y: Int)? {
  let u = (p.x - box.xMin) / (box.xMax - box.xMin)
  let v = (box.yMax - p.y) / (box.yMax - box.yMin)
  guard u >= 0, u <= 1, v >= 0, v <= 1 else { return nil }
  let column = min(layout.plot.width - 1, Int(u * Double(layout.plot.width)))
  let row = min(layout.plot.height - 1, Int(v * Double(layout.plot.height)))
  return (layout.plot.x + column, layout.plot.y + row)
}

/// Every (x, y) of the plot area.
func plotCells(_ layout: ViewLayout) -> [(x: Int, y: Int)] {
  let plot = layout.plot
  return (plot.y..<(plot.y + plot.height)).flatMap { y in
    (plot.x..<(plot.x + plot.width)).map { x in (x, y) }
  }
}

/// Rec. 709 relative luminance of the 8-bit values (no gamma: an order, not a measurement).
func luminance(_ c: RGB) -> Double {
  0.2126 * Double(c.red) + 0.7152 * Double(c.green) + 0.0722 * Double(c.blue)
}

/// The colours a heat-map cell shows: its background, and its foreground under a half block.
func paintedColors(_ cell: Cell) -> [RGB] {
  var colors: [RGB] = []
  if case .rgb(let background) = cell.background { colors.append(background) }
  if cell.glyph == "▀" || cell.glyph == "▄", case .rgb(let foreground) = cell.foreground {
    colors.append(foreground)
  }
  return colors
}

/// The brightest luminance a cell shows, or nil when nothing is painted.
func brightness(_ cell: Cell) -> Double? { paintedColors(cell).map(luminance).max() }

/// Whether `glyph` is a dot glyph of `style`: braille, or ASCII `'`, `.`, `:`.
func isDotGlyph(_ glyph: Unicode.Scalar, style: GlyphStyle) -> Bool {
  switch style {
  case .unicode: return (0x2801...0x28FF).contains(glyph.value)
  case .ascii: return glyph == "'" || glyph == "." || glyph == ":"
  }
}

/// The frame's rows as strings, trailing spaces kept.
func rows(_ frame: Frame) -> [String] {
  (0..<frame.height).map { y in
    var line = String.UnicodeScalarView()
    for x in 0..<frame.width { line.append(frame[x, y].glyph) }
    return String(line)
  }
}
