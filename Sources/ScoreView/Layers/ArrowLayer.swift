// The score field as one arrow per arrow-grid tile, coloured by length or by error.

import Foundation
import ScoreCore

/// Draws `ViewState.arrows` into the plot area.
enum ArrowLayer {
  /// Draws each arrow at the cell that contains its tile centre and returns the largest
  /// magnitude it coloured by (score length, or error in error mode), or nil when no arrow
  /// was drawn.
  ///
  /// The glyph is the nearest of eight directions (`ArrowDirection`). Its position on the
  /// log scale t = log1p(m) / log1p(max m) over the drawn arrows (`fraction(of:maximum:)`),
  /// so long arrows near sharp modes do not wash every other arrow into the scale's low end,
  /// picks its colour from `design.arrowColors(for:)` (level ⌊t · count⌋) and, from
  /// `LayerDesign.strongArrowFraction` up, gives it `design.strongArrowAttributes`. Zero,
  /// non-finite or negative-error arrows are skipped. An arrow replaces the glyphs and
  /// attributes of its cells and keeps their background, so the heat map shows behind it.
  ///
  /// `.ascii` arrows take two columns (`ArrowDirection.asciiPair`): the arrow's cell and the
  /// one to its right, else the one to its left, provided that cell is inside the plot and is
  /// neither another arrow's cell nor already taken by a neighbour's pair; where neither is
  /// free the one-column glyph stands alone.
  static func draw(
    _ state: ViewState, design: LayerDesign, layout: ViewLayout, into frame: inout Frame
  ) -> Double? {
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
    let ramp = design.arrowColors(for: state.arrowMode)
    let mapping = PixelMapping(box: state.plotBox, pixelWidth: area.width, pixelHeight: area.height)
    let centres = state.plotBox.cellCentres(columns: field.columns, rows: field.rows)
    var arrows: [(x: Int, y: Int, direction: ArrowDirection, t: Double)] = []
    var taken = Set<Int>()
    for index in centres.indices {
      guard let direction = directions[index], let cell = mapping.pixel(for: centres[index])
      else { continue }
      let x = area.x + cell.x
      let y = area.y + cell.y
      arrows.append((x, y, direction, fraction(of: magnitudes[index], maximum: largest)))
      taken.insert(y &* frame.width &+ x)
    }
    func isFree(_ x: Int, _ y: Int) -> Bool {
      x >= area.x && x < area.x + area.width && !taken.contains(y &* frame.width &+ x)
    }
    for arrow in arrows {
      let color = CellColor.rgb(ramp[min(ramp.count - 1, Int(arrow.t * Double(ramp.count)))])
      let attributes =
        arrow.t >= LayerDesign.strongArrowFraction ? design.strongArrowAttributes : []
      func put(_ glyph: Unicode.Scalar, x: Int) {
        var target = frame[x, arrow.y]
        target.glyph = glyph
        target.foreground = color
        target.attributes = attributes
        frame[x, arrow.y] = target
      }
      guard state.glyphStyle == .ascii else {
        put(arrow.direction.glyph(.unicode), x: arrow.x)
        continue
      }
      let pair = arrow.direction.asciiPair
      if isFree(arrow.x + 1, arrow.y) {
        put(pair.left, x: arrow.x)
        put(pair.right, x: arrow.x + 1)
        taken.insert(arrow.y &* frame.width &+ arrow.x + 1)
      } else if isFree(arrow.x - 1, arrow.y) {
        put(pair.left, x: arrow.x - 1)
        put(pair.right, x: arrow.x)
        taken.insert(arrow.y &* frame.width &+ arrow.x - 1)
      } else {
        put(arrow.direction.glyph(.ascii), x: arrow.x)
      }
    }
    return arrows.isEmpty ? nil : largest
  }

  /// The log-scale position of `magnitude` among arrows up to `maximum`:
  /// log1p(m) / log1p(max), 0 for m = 0, at most 1.
  static func fraction(of magnitude: Double, maximum: Double) -> Double {
    magnitude > 0 ? min(1, log1p(magnitude) / log1p(maximum)) : 0
  }

  /// The magnitude at log-scale position `t` of a scale up to `maximum`: expm1(t · log1p(max)),
  /// the inverse of `fraction(of:maximum:)`.
  static func magnitude(atFraction t: Double, maximum: Double) -> Double {
    expm1(t * log1p(maximum))
  }
}
