// The score field as one arrow glyph per arrow-grid tile, coloured by length or by error.

import Foundation
import ScoreCore

/// Draws `ViewState.arrows` into the plot area.
enum ArrowLayer {
  /// Colour levels the arrow gradients are cut into.
  static let levels = 32

  /// Draws each arrow in the cell that contains its tile centre and returns the largest
  /// magnitude it coloured by (score length, or error in error mode), or nil when no arrow
  /// was drawn.
  ///
  /// The glyph is the nearest of eight directions (`ArrowDirection`). Colour position
  /// t = log1p(m) / log1p(max m) over the drawn arrows, so long arrows near sharp modes do
  /// not wash every other arrow into the gradient's low end. Learned and KDE modes use the
  /// `arrowMagnitude` gradient at t; error mode uses the `error` gradient at ½ + ½·t (its
  /// neutral middle for no error, its positive end for the largest). Zero, non-finite or
  /// negative-error arrows are skipped; the arrow glyph replaces whatever glyph the cell had
  /// and keeps its background, so the heat map shows behind it.
  static func draw(_ state: ViewState, layout: ViewLayout, into frame: inout Frame) -> Double? {
    let field = state.arrows
    let area = layout.plot
    guard field.isUsable, area.area > 0 else { return nil }
    let usesErrors = state.arrowMode == .error
    guard !usesErrors || field.errors.count == field.vectors.count else { return nil }
    var directions = [ArrowDirection?](repeating: nil, count: field.vectors.count)
    var magnitudes = [Double](repeating: 0, count: field.vectors.count)
    var largest = -1.0
    for index in field.vectors.indices {
      let vector = field.vectors[index]
      guard let direction = ArrowDirection(dataVector: vector) else { continue }
      let magnitude = usesErrors ? field.errors[index] : (vector * vector).sum().squareRoot()
      guard magnitude.isFinite, magnitude >= 0 else { continue }
      directions[index] = direction
      magnitudes[index] = magnitude
      largest = max(largest, magnitude)
    }
    guard largest >= 0 else { return nil }
    let ramp = colorRamp(state.theme, usesErrors: usesErrors)
    let logLargest = log1p(largest)
    let mapping = PixelMapping(box: state.plotBox, pixelWidth: area.width, pixelHeight: area.height)
    let centres = state.plotBox.cellCentres(columns: field.columns, rows: field.rows)
    var drawn = false
    for index in centres.indices {
      guard let direction = directions[index], let cell = mapping.pixel(for: centres[index])
      else { continue }
      let t = magnitudes[index] > 0 ? min(1, log1p(magnitudes[index]) / logLargest) : 0
      let level = min(levels - 1, Int(t * Double(levels)))
      let x = area.x + cell.x
      let y = area.y + cell.y
      var target = frame[x, y]
      target.glyph = direction.glyph(state.glyphStyle)
      target.foreground = .rgb(ramp[level])
      frame[x, y] = target
      drawn = true
    }
    return drawn ? largest : nil
  }

  /// The colours for t = 0 … 1: the magnitude gradient, or the error gradient's upper half.
  static func colorRamp(_ theme: Theme, usesErrors: Bool) -> [RGB] {
    guard usesErrors else { return theme[.arrowMagnitude].ramp(levels: levels) }
    let map: ColorMap = theme[ThemeGradient.error]
    let last = Double(levels - 1)
    return (0..<levels).map { (level: Int) -> RGB in map.color(at: 0.5 + 0.5 * Double(level) / last)
    }
  }
}
