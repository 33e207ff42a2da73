// The title row and the two status lines: what is shown, how training and sampling go.

/// Draws the title (with the message on the right) and the status bar.
enum StatusBarLayer {
  /// Columns the loss sparkline takes at most.
  static let sparklineWidth = 24

  /// A piece of a status line: a dim label, then a value in the status text colour,
  /// `gap` columns after the previous piece.
  private struct Segment {
    var label: String
    var value: String
    var valueColor: CellColor? = nil
    var gap = 2
  }

  /// Title row: "scoreviz" in the accent colour, the dataset name and N; the message
  /// right-aligned in the accent colour (the error colour when `messageIsAlert`), cut with
  /// an ellipsis to the columns the title leaves.
  ///
  /// Line 1: objective, epoch, loss with its sparkline, samples/s. Line 2:
  /// "σ 0.100 (7/10)", h with its source, ε with plain/annealed, field error, frames/s.
  /// Segments are two spaces apart and the lines are clipped at the right edge.
  static func draw(_ state: ViewState, layout: ViewLayout, into frame: inout Frame) {
    drawTitle(state, layout: layout, into: &frame)
    let bar = layout.statusBar
    let theme = state.theme
    for y in bar.y..<(bar.y + bar.height) {
      for x in bar.x..<(bar.x + bar.width) {
        frame[x, y] = Cell(
          " ", foreground: theme[.statusText], background: theme[.statusBackground])
      }
    }
    let glyphs = ViewGlyphs.forStyle(state.glyphStyle)
    let status = state.status
    let missing = glyphs.missing
    func number(_ value: Double) -> String { NumberText.compact(value, missing: missing) }
    let spark = Sparkline.glyphs(
      status.lossHistory, width: sparklineWidth, levels: glyphs.sparkLevels)
    var training = [
      Segment(label: "objective", value: status.objective.isEmpty ? missing : status.objective),
      Segment(label: "epoch", value: NumberText.count(status.epoch, missing: missing)),
      Segment(label: "loss", value: number(status.loss)),
    ]
    if !spark.isEmpty {
      training.append(Segment(label: "", value: spark, valueColor: theme[.accent], gap: 1))
    }
    training.append(
      Segment(label: "samples/s", value: NumberText.rate(status.samplesPerSecond, missing: missing))
    )
    var level = ""
    if status.sigmaLevel > 0, status.sigmaLevelCount > 0 {
      level = " (\(status.sigmaLevel)/\(status.sigmaLevelCount))"
    }
    let source: String
    switch status.bandwidthSource {
    case .rule(let name): source = name
    case .lockedToSigma: source = "locked to " + glyphs.sigma
    case .fixed: source = "fixed"
    }
    let sampler = status.langevinMode == .plain ? "plain" : "annealed"
    let sampling = [
      Segment(label: glyphs.sigma, value: number(status.sigma) + level),
      Segment(label: "h", value: number(status.bandwidth) + " (" + source + ")"),
      Segment(label: glyphs.epsilon, value: number(status.langevinStep) + " " + sampler),
      Segment(label: "field error", value: number(status.fieldError)),
      Segment(label: "fps", value: NumberText.rate(status.framesPerSecond, missing: missing)),
    ]
    drawLine(training, y: bar.y, state: state, into: &frame)
    drawLine(sampling, y: bar.y + 1, state: state, into: &frame)
  }

  private static func drawLine(
    _ segments: [Segment], y: Int, state: ViewState, into frame: inout Frame
  ) {
    let theme = state.theme
    let style = state.glyphStyle
    var x = 1
    for (index, segment) in segments.enumerated() {
      if index > 0 { x += segment.gap }
      let room = frame.width - x
      guard room > 0 else { return }
      if !segment.label.isEmpty {
        x += frame.write(
          segment.label + " ", x: x, y: y, limit: room, style: style, foreground: theme[.dimText])
      }
      x += frame.write(
        segment.value, x: x, y: y, limit: frame.width - x, style: style,
        foreground: segment.valueColor ?? theme[.statusText])
    }
  }

  private static func drawTitle(_ state: ViewState, layout: ViewLayout, into frame: inout Frame) {
    let row = layout.title.y
    let style = state.glyphStyle
    let theme = state.theme
    let glyphs = ViewGlyphs.forStyle(style)
    var x = 1
    x += frame.write(
      "scoreviz", x: x, y: row, limit: layout.title.width - x, style: style,
      foreground: theme[.accent], attributes: .bold)
    let name = state.status.datasetName.isEmpty ? glyphs.missing : state.status.datasetName
    let count = NumberText.count(state.status.datasetCount, missing: glyphs.missing)
    x += frame.write(
      "  " + name + "  N " + count, x: x, y: row, limit: layout.title.width - x, style: style,
      foreground: theme[.text])
    let message = state.status.message
    let room = layout.title.width - x - 3
    guard !message.isEmpty, room > 0 else { return }
    var shown = Array(message.unicodeScalars)
    if shown.count > room {
      let ellipsis = Array(glyphs.ellipsis.unicodeScalars)
      shown = Array(shown.prefix(max(0, room - ellipsis.count))) + ellipsis
      shown = Array(shown.prefix(room))
    }
    var text = String.UnicodeScalarView()
    text.append(contentsOf: shown)
    frame.write(
      String(text), x: layout.title.width - 1 - shown.count, y: row, limit: shown.count,
      style: style,
      foreground: state.status.messageIsAlert ? theme[ThemeRole.error] : theme[.accent])
  }
}
