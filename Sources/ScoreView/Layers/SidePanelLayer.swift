// The legend of the layers shown and the heat map's vertical colour bar, right of the plot.

import ScoreCore

/// Draws the legend and the colour bar into `layout.sidePanel`.
enum SidePanelLayer {
  /// Rows the colour bar takes at most.
  static let maximumBarHeight = 16

  /// One legend line per visible layer (a sample glyph in the layer's colour, its name, and
  /// for arrows a second line with the largest magnitude or error coloured; trails as
  /// particles × positions held; the density's source, with a second line "h=…" for the
  /// KDE and "(ODE)" for the model, "(ODE) computing…" while its grid is empty), then, when a
  /// heat map was painted, a header naming its scale and a two-column bar from the brightest
  /// colour (top, labelled with the peak value) to the dimmest painted one (bottom,
  /// labelled with the floor, counts as integers), quantised exactly as the heat map is.
  static func draw(
    _ state: ViewState, layout: ViewLayout, heatScale: HeatMapScale?, arrowMaximum: Double?,
    into frame: inout Frame
  ) {
    let panel = layout.sidePanel
    let style = state.glyphStyle
    let glyphs = ViewGlyphs.forStyle(style)
    let theme = state.theme
    let text = theme[.text]
    let dim = theme[.dimText]
    var row = panel.y
    func line(_ sample: Unicode.Scalar, _ color: CellColor, _ name: String, _ detail: String) {
      frame.put(String(sample), x: panel.x, y: row, limit: 1, style: style, foreground: color)
      let used = frame.put(
        " " + name, x: panel.x + 1, y: row, limit: panel.width - 1, style: style, foreground: text)
      frame.put(
        " " + detail, x: panel.x + 1 + used, y: row, limit: panel.width - 1 - used, style: style,
        foreground: dim)
      row += 1
    }
    if state.showsPoints {
      line(glyphs.dotSample, theme[.points], "data", String(state.points.count))
    }
    if state.showsParticles {
      line(glyphs.dotSample, theme[.particles], "particles", String(state.particles.count))
    }
    if state.drawsTrails, !state.trails.isEmpty {
      let colors = TrailLayer.bandColors(theme)
      let size = "\(state.trails.particleCount)\(glyphs.times)\(state.trails.recordedCount)"
      line(glyphs.dotSample, colors[1], "trails", size)
    }
    if state.showsArrows {
      let usesErrors = state.arrowMode == .error
      let ramp = ArrowLayer.colorRamp(theme, usesErrors: usesErrors)
      let arrow = ArrowDirection.east.glyph(style)
      let top = CellColor.rgb(ramp[ramp.count - 1])
      switch state.arrowMode {
      case .learned: line(arrow, top, "score", "learned")
      case .kde: line(arrow, top, "score", "KDE")
      case .error: line(arrow, top, "error", "vs KDE")
      }
      if let arrowMaximum {
        let label = usesErrors ? "max error" : "max |s|"
        line(" ", text, "", label + " " + NumberText.compact(arrowMaximum, missing: glyphs.missing))
      }
    }
    if state.densityMode != .off {
      let heatTop = CellColor.rgb(theme[.heatMap].color(at: 1))
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
      line(glyphs.densitySample, heatTop, "density", source)
      if style == .ascii { frame[panel.x, sampleRow].background = heatTop }
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
    drawBar(state, scale: heatScale, x: panel.x, y: row, height: barHeight, into: &frame)
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

  /// A two-column half-block bar, t = 1 at the top pixel down to t = 0 at the bottom one.
  private static func drawBar(
    _ state: ViewState, scale: HeatMapScale, x: Int, y: Int, height: Int, into frame: inout Frame
  ) {
    let levels = HeatMapLayer.levels
    let ramp = state.theme[.heatMap].ramp(levels: levels)
    var canvas = HalfBlockCanvas(area: CellRect(x: x, y: y, width: 2, height: height))
    let pixels = canvas.pixelHeight
    for pixel in 0..<pixels {
      let t = 1 - Double(pixel) / Double(pixels - 1)
      let color = ramp[min(levels - 1, Int(t * Double(levels)))]
      canvas.setPixel(x: 0, y: pixel, color: color)
      canvas.setPixel(x: 1, y: pixel, color: color)
    }
    canvas.draw(into: &frame, style: state.glyphStyle)
  }
}
