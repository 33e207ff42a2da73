// The legend of the layers shown, the arrows' scale and the heat map's colour bar, right of the plot.

import ScoreCore

/// Draws the legend and the colour bars into `layout.sidePanel`.
enum SidePanelLayer {
  /// Rows the colour bar takes at most.
  static let maximumBarHeight = 16
  /// Rows the arrows' scale takes: its header, the colours (or the plain and bold arrow) and
  /// the numbers (or the bold arrow's range).
  static let arrowScaleRows = 3

  /// One legend line per visible layer (a sample in the layer's colour and attributes of
  /// `design`, its name, and a detail; trails as particles × positions held; the density's
  /// source, with a second line "h=…" for the KDE and "(ODE)" for the model, "(ODE)
  /// computing…" while its grid is empty), the arrows' scale below the arrow line (see
  /// `drawArrowScale`), then, when a heat map was painted, a header naming its scale and a
  /// two-column bar from the highest level (top, labelled with the peak value) to the lowest
  /// painted one (bottom, labelled with the floor, counts as integers), painted exactly as
  /// the heat map is.
  ///
  /// The arrows' scale is left out where it would leave no room below for the density lines
  /// and a bar of two rows; at the smallest view, 80 × 24, all of it fits.
  static func draw(
    _ state: ViewState, design: LayerDesign, layout: ViewLayout, heatScale: HeatMapScale?,
    arrowMaximum: Double?, into frame: inout Frame
  ) {
    let panel = layout.sidePanel
    let style = state.glyphStyle
    let glyphs = ViewGlyphs.forStyle(style)
    let theme = state.theme
    let text = theme[.text]
    let dim = theme[.dimText]
    var row = panel.y
    func line(
      _ sample: String, _ color: CellColor, _ name: String, _ detail: String,
      attributes: CellAttributes = []
    ) {
      let width = frame.put(
        sample, x: panel.x, y: row, limit: 2, style: style, foreground: color,
        attributes: attributes)
      let used = frame.put(
        " " + name, x: panel.x + width, y: row, limit: panel.width - width, style: style,
        foreground: text)
      frame.put(
        " " + detail, x: panel.x + width + used, y: row, limit: panel.width - width - used,
        style: style, foreground: dim)
      row += 1
    }
    let dots = String(glyphs.dotSample)
    if state.showsPoints { line(dots, design.points, "data", String(state.points.count)) }
    if state.showsParticles {
      line(
        dots, design.particles, "particles", String(state.particles.count),
        attributes: design.particleAttributes)
    }
    if state.drawsTrails, !state.trails.isEmpty {
      let size = "\(state.trails.particleCount)\(glyphs.times)\(state.trails.recordedCount)"
      line(dots, design.trailColors[1], "trails", size, attributes: design.trailAttributes)
    }
    if state.showsArrows {
      let ramp = design.arrowColors(for: state.arrowMode)
      let top = CellColor.rgb(ramp[ramp.count - 1])
      let arrow = arrowSample(style)
      switch state.arrowMode {
      case .learned: line(arrow, top, "score", "learned", attributes: design.strongArrowAttributes)
      case .kde: line(arrow, top, "score", "KDE", attributes: design.strongArrowAttributes)
      case .error: line(arrow, top, "error", "vs KDE", attributes: design.strongArrowAttributes)
      }
      if let arrowMaximum {
        let densityRows = state.densityMode == .off ? 0 : 2
        let barRows = heatScale == nil ? 0 : 4
        let spare = panel.y + panel.height - row - densityRows - barRows
        let name = state.arrowMode == .error ? "error" : "|s|"
        if spare >= arrowScaleRows {
          drawArrowScale(
            state, design: design, name: name, maximum: arrowMaximum, x: panel.x + 2, y: row,
            width: panel.width - 2, into: &frame)
          row += arrowScaleRows
        }
      }
    }
    if state.densityMode != .off {
      let heatTop = design.densityColors.last.map(CellColor.rgb) ?? text
      let sample = design.densityGlyphs.last ?? glyphs.densitySample
      let sampleRow = row
      let source: String
      var detail = ""
      switch state.densityMode {
      case .kde:
        source = "KDE"
        detail = "h=" + NumberText.compact(state.status.bandwidth, missing: glyphs.missing)
      case .histogram:
        source = "histogram"
      case .likelihood:
        source = "model"
        detail = state.likelihood.isUsable ? "(ODE)" : "(ODE) computing" + glyphs.ellipsis
      case .off:
        source = ""
      }
      line(String(sample), heatTop, "density", source)
      if style == .ascii, !design.densityColors.isEmpty { frame[panel.x, sampleRow].background = heatTop }
      if !detail.isEmpty {
        frame.put(detail, x: panel.x + 2, y: row, limit: panel.width - 2, style: style, foreground: dim)
        row += 1
      }
    }
    guard let heatScale else { return }
    row += 1
    let header = heatScale.kind == .density ? "density, log scale" : "points/pixel, log"
    frame.put(header, x: panel.x, y: row, limit: panel.width, style: style, foreground: dim)
    row += 1
    let barHeight = min(maximumBarHeight, panel.y + panel.height - row)
    guard barHeight >= 2 else { return }
    drawBar(design: design, x: panel.x, y: row, height: barHeight, style: style, into: &frame)
    let maximum: String
    let minimum: String
    switch heatScale.kind {
    case .density:
      maximum = NumberText.compact(heatScale.maximum, missing: glyphs.missing)
      minimum = NumberText.compact(heatScale.minimum, missing: glyphs.missing)
    case .count:
      maximum = String(Int(heatScale.maximum))
      minimum = String(Int(heatScale.minimum))
    }
    frame.put(
      maximum, x: panel.x + 3, y: row, limit: panel.width - 3, style: style, foreground: text)
    frame.put(
      minimum, x: panel.x + 3, y: row + barHeight - 1, limit: panel.width - 3, style: style,
      foreground: text)
  }

  /// The arrow the legend shows: → in Unicode, the two-column `->` in ASCII.
  private static func arrowSample(_ style: GlyphStyle) -> String {
    switch style {
    case .unicode: return String(ArrowDirection.east.glyph(.unicode))
    case .ascii:
      let pair = ArrowDirection.east.asciiPair
      return String(pair.left) + String(pair.right)
    }
  }

  /// The arrows' log scale in three rows from (x, y), `width` columns: a header ("|s| log
  /// scale"), then
  /// - with colour: a strip whose column i has the background of the arrow level at
  ///   t = (i + ½) / width, and under it 0 at the left, the largest magnitude at the right
  ///   and, where it fits, the magnitude at t = ½ in the middle;
  /// - at `.monochrome`: a plain arrow with the range of the ordinary arrows and a bold one
  ///   with the range from `LayerDesign.strongArrowFraction` up.
  /// Magnitudes at t are expm1(t · log1p(max)), the inverse of the arrows' scale.
  private static func drawArrowScale(
    _ state: ViewState, design: LayerDesign, name: String, maximum: Double, x: Int, y: Int,
    width: Int, into frame: inout Frame
  ) {
    let style = state.glyphStyle
    let glyphs = ViewGlyphs.forStyle(style)
    let text = state.theme[.text]
    let dim = state.theme[.dimText]
    func number(_ t: Double) -> String {
      NumberText.compact(ArrowLayer.magnitude(atFraction: t, maximum: maximum), missing: glyphs.missing)
    }
    frame.put(name + " log scale", x: x, y: y, limit: width, style: style, foreground: dim)
    guard design.colorDepth != .monochrome else {
      let arrow = arrowSample(style)
      let threshold = number(LayerDesign.strongArrowFraction)
      let from = style == .ascii ? ">=" : "≥"
      let used = frame.put(arrow, x: x, y: y + 1, limit: width, style: style, attributes: [])
      frame.put(
        " < \(threshold)", x: x + used, y: y + 1, limit: width - used, style: style,
        foreground: text)
      frame.put(arrow, x: x, y: y + 2, limit: width, style: style, attributes: design.strongArrowAttributes)
      frame.put(
        " \(from) \(threshold) bold", x: x + used, y: y + 2, limit: width - used, style: style,
        foreground: text)
      return
    }
    let ramp = design.arrowColors(for: state.arrowMode)
    for column in 0..<width {
      let t = (Double(column) + 0.5) / Double(width)
      let color = ramp[min(ramp.count - 1, Int(t * Double(ramp.count)))]
      frame.put(" ", x: x + column, y: y + 1, style: style, background: .rgb(color))
    }
    let high = number(1)
    let middle = number(0.5)
    frame.put("0", x: x, y: y + 2, style: style, foreground: text)
    frame.put(high, x: x + width - high.count, y: y + 2, style: style, foreground: text)
    let middleX = x + (width - middle.count) / 2
    if middleX > x + 1, middleX + middle.count < x + width - high.count {
      frame.put(middle, x: middleX, y: y + 2, style: style, foreground: text)
    }
  }

  /// A two-column bar of the density levels, the highest at the top pixel down to the
  /// lowest at the bottom one, painted as the heat map paints them.
  private static func drawBar(
    design: LayerDesign, x: Int, y: Int, height: Int, style: GlyphStyle, into frame: inout Frame
  ) {
    let area = CellRect(x: x, y: y, width: 2, height: height)
    let pixels = 2 * height
    let levels = (0..<pixels).flatMap { (pixel: Int) -> [Int?] in
      let level = design.densityLevel(at: 1 - Double(pixel) / Double(pixels - 1))
      return [level, level]
    }
    HeatMapLayer.paint(levels: levels, area: area, design: design, style: style, into: &frame)
  }
}
