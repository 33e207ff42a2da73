// The plot's left and bottom axes with round tick values in data units.

import ScoreCore

/// Draws the axis lines, tick marks and tick labels around `layout.plot`.
enum AxesLayer {
  /// Draws the y axis (line in the column left of the plot, labels right-aligned before it)
  /// and the x axis (line in the row below the plot, labels centred under their ticks in the
  /// row below that, a label that would touch its left neighbour left out).
  ///
  /// A tick sits in the cell that contains its value, as the points layer places a point
  /// there. A plot box with a non-finite or non-positive side gets lines without ticks.
  static func draw(_ state: ViewState, layout: ViewLayout, into frame: inout Frame) {
    let glyphs = ViewGlyphs.forStyle(state.glyphStyle)
    let color = state.theme[.axis]
    let plot = layout.plot
    let axisColumn = plot.x - 1
    let axisRow = plot.y + plot.height
    func mark(_ glyph: Unicode.Scalar, _ x: Int, _ y: Int) {
      var cell = frame[x, y]
      cell.glyph = glyph
      cell.foreground = color
      frame[x, y] = cell
    }
    for y in plot.y..<axisRow { mark(glyphs.verticalLine, axisColumn, y) }
    for x in plot.x..<(plot.x + plot.width) { mark(glyphs.horizontalLine, x, axisRow) }
    mark(glyphs.axisCorner, axisColumn, axisRow)

    let box = state.plotBox
    let labelWidth = layout.yAxis.width - 2
    let yTicks = AxisTicks(
      lower: box.yMin, upper: box.yMax, maximumCount: plot.height / 4,
      maximumLabelWidth: labelWidth)
    for (value, label) in zip(yTicks.values, yTicks.labels) {
      let row =
        plot.y + min(plot.height - 1, Int((box.yMax - value) / box.height * Double(plot.height)))
      mark(glyphs.leftTick, axisColumn, row)
      guard !label.isEmpty else { continue }
      let length = label.unicodeScalars.count
      frame.put(
        label, x: axisColumn - 1 - length, y: row, limit: labelWidth, style: state.glyphStyle,
        foreground: color)
    }

    let xTicks = AxisTicks(
      lower: box.xMin, upper: box.xMax, maximumCount: plot.width / 8, maximumLabelWidth: 9)
    var firstFreeColumn = axisColumn
    for (value, label) in zip(xTicks.values, xTicks.labels) {
      let column =
        plot.x + min(plot.width - 1, Int((value - box.xMin) / box.width * Double(plot.width)))
      mark(glyphs.bottomTick, column, axisRow)
      guard !label.isEmpty else { continue }
      let length = label.unicodeScalars.count
      let start = column - length / 2
      guard start >= firstFreeColumn, start + length <= plot.x + plot.width + 1 else { continue }
      frame.put(
        label, x: start, y: axisRow + 1, limit: length, style: state.glyphStyle,
        foreground: color)
      firstFreeColumn = start + length + 1
    }
  }
}
