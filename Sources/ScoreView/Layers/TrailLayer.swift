// The particles' trails: their recent positions as braille dots fading towards the background.

/// Draws `ViewState.trails` into the plot, above the arrows and just below the particles.
///
/// Ages are cut into `bandCount` bands of equal length over the trails' `length`: a
/// position of age a (0 = newest) is in band b = ⌊a · bandCount / length⌋, drawn in
/// `LayerDesign.trailColors[b]` with `LayerDesign.trailAttributes`. Positions are set oldest first, so where bands share a cell the newest
/// band's colour wins; the particles drawn next take the cells they occupy. `.ascii` draws
/// every trail dot as `.` (merged with points' `'` into `:`). Positions outside the box or
/// not finite set no dot.
enum TrailLayer {
  /// Colour bands of a trail, newest to oldest.
  static let bandCount = 4

  /// Draws the trails of `state` into `area` of `frame`.
  static func draw(
    _ state: ViewState, design: LayerDesign, area: CellRect, into frame: inout Frame
  ) {
    let trails = state.trails
    guard !trails.isEmpty, area.area > 0 else { return }
    var canvas = BrailleCanvas(area: area)
    let mapping = canvas.mapping(for: state.plotBox)
    let colors = design.trailColors
    let bottomRow = state.glyphStyle == .ascii ? 3 : 0
    for age in (0..<trails.recordedCount).reversed() {
      let color = colors[min(bandCount - 1, age * bandCount / trails.length)]
      for particle in 0..<trails.particleCount {
        guard let point = trails.position(of: particle, age: age),
          let pixel = mapping.pixel(for: point)
        else { continue }
        canvas.setDot(x: pixel.x, y: pixel.y | bottomRow, color: color)
      }
    }
    canvas.draw(into: &frame, style: state.glyphStyle, attributes: design.trailAttributes)
  }
}
