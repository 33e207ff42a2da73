// The particles' trails: their recent positions as braille dots fading towards the background.

/// Draws `ViewState.trails` into the plot, above the arrows and just below the particles.
///
/// Ages are cut into `bandCount` bands of equal length over the trails' `length`: a
/// position of age a (0 = newest) is in band b = ⌊a · bandCount / length⌋, drawn in the
/// particles colour blended towards the background by (b + 1) / (bandCount + 1) (see
/// `bandColors`). Positions are set oldest first, so where bands share a cell the newest
/// band's colour wins; the particles drawn next take the cells they occupy. `.ascii` draws
/// every trail dot as `.` (merged with points' `'` into `:`). Positions outside the box or
/// not finite set no dot.
enum TrailLayer {
  /// Colour bands of a trail, newest to oldest.
  static let bandCount = 4

  /// The band colours, newest (index 0) to oldest: particles colour p and background g
  /// give round(p + (b + 1)/(bandCount + 1) · (g − p)) per channel. The background is the
  /// theme's `background`, or where that is the terminal's default (whose colour the view
  /// cannot know) the theme's `statusBackground`, its stand-in for the screen's ground; when
  /// neither is RGB, or the particles colour is the default, every band takes the particles
  /// colour.
  static func bandColors(_ theme: Theme) -> [CellColor] {
    let particles = theme[.particles]
    let ground: RGB
    switch (theme[.background], theme[.statusBackground]) {
    case (.rgb(let background), _): ground = background
    case (.terminalDefault, .rgb(let status)): ground = status
    case (.terminalDefault, .terminalDefault):
      return Array(repeating: particles, count: bandCount)
    }
    guard case .rgb(let particle) = particles else {
      return Array(repeating: particles, count: bandCount)
    }
    return (0..<bandCount).map { band in
      .rgb(particle.blended(toward: ground, fraction: Double(band + 1) / Double(bandCount + 1)))
    }
  }

  /// Draws the trails of `state` into `area` of `frame`.
  static func draw(_ state: ViewState, area: CellRect, into frame: inout Frame) {
    let trails = state.trails
    guard !trails.isEmpty, area.area > 0 else { return }
    var canvas = BrailleCanvas(area: area)
    let mapping = canvas.mapping(for: state.plotBox)
    let colors = bandColors(state.theme)
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
    canvas.draw(into: &frame, style: state.glyphStyle)
  }
}
