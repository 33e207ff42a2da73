// The title row and the two status lines: what is shown, how training and sampling go.

import ScoreCore

/// Draws the title (with the message on the right) and the status bar.
enum StatusBarLayer {
  /// Columns the loss sparkline takes at most.
  static let sparklineWidth = 24
  /// Columns the sparkline keeps before it is dropped from a narrow line.
  static let sparklineMinimumWidth = 8

  /// Title row: "scoreviz" in the accent colour, the dataset name and N; the message
  /// right-aligned in the accent colour (the error colour when `messageIsAlert`), cut with
  /// an ellipsis to the columns the title leaves.
  ///
  /// Line 1: objective, epoch, loss with its sparkline, samples/s; for a model shown without
  /// training, "model M.safetensors (not training)" and the objective instead. Line 2:
  /// "σ 0.100 (7/10)", h with its source, ε with plain/annealed, field error, frames/s; for
  /// a sampler that follows a process and has a clock, the ε segment gives way to the
  /// clock "Heun VP σ 0.530 ▕███▌░░░░▏ ←" (" held" at the end; the gauge goes first when
  /// short of room) after σ, and "NFE 120"; "memorised 87%" before fps when it is set.
  /// Segments are two spaces apart. A line too long for the width narrows the sparkline,
  /// then shortens labels ("field error" to "error"), then drops whole segments, least
  /// important first: a number is never cut.
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
    let levels = glyphs.sparkLevels
    var training = [
      StatusSegment(
        label: "objective", value: status.objective.isEmpty ? missing : status.objective,
        shortLabel: "", priority: 3),
      StatusSegment(
        label: "epoch", value: NumberText.count(status.epoch, missing: missing), priority: 4),
      StatusSegment(label: "loss", value: number(status.loss), priority: 5),
    ]
    let spark = Sparkline.glyphs(status.lossHistory, width: sparklineWidth, levels: levels)
    if !spark.isEmpty {
      training.append(
        StatusSegment(
          label: "", value: spark, valueColor: theme[.accent], gap: 1, priority: 1,
          narrowed: { Sparkline.glyphs(status.lossHistory, width: $0, levels: levels) },
          minimumWidth: sparklineMinimumWidth))
    }
    training.append(
      StatusSegment(
        label: "samples/s", value: NumberText.rate(status.samplesPerSecond, missing: missing),
        priority: 2))
    if let model = status.shownModel {
      training = [
        StatusSegment(
          label: "model", value: model + " (not training)", shortValue: "(not training)", priority: 6),
        training[0],
      ]
    }
    var level = ""
    if status.sigmaLevel > 0, status.sigmaLevelCount > 0 {
      level = " (\(status.sigmaLevel)/\(status.sigmaLevelCount))"
    }
    let source: String
    let shortSource: String
    switch status.bandwidthSource {
    case .rule(let name): (source, shortSource) = (name, name)
    case .lockedToSigma: (source, shortSource) = ("locked to " + glyphs.sigma, "=" + glyphs.sigma)
    case .fixed: (source, shortSource) = ("fixed", "fixed")
    }
    let bandwidth = number(status.bandwidth)
    let sampler = status.sampler.label
    let sigmaSegment = StatusSegment(
      label: glyphs.sigma, value: number(status.sigma) + level, priority: 7)
    let bandwidthSegment = StatusSegment(
      label: "h", value: bandwidth + " (" + source + ")",
      shortValue: bandwidth + " (" + shortSource + ")", priority: 5)
    let errorSegment = StatusSegment(
      label: "field error", value: number(status.fieldError), shortLabel: "error", priority: 4)
    let fpsSegment = StatusSegment(
      label: "fps", value: NumberText.rate(status.framesPerSecond, missing: missing), priority: 1)
    var sampling: [StatusSegment]
    if let clock = status.clock, status.sampler.followsProcess {
      let arrow = ClockGauge.arrow(clock.direction, style: state.glyphStyle)
      let held = clock.isHolding ? " held" : ""
      let clockSigma = number(clock.sigma)
      let gauge = ClockGauge.text(fraction: clock.fraction, style: state.glyphStyle)
      let process = clock.processName.isEmpty ? missing : clock.processName
      sampling = [
        sigmaSegment,
        StatusSegment(
          label: sampler + " " + process + " " + glyphs.sigma,
          value: clockSigma + " " + gauge + " " + arrow + held,
          shortValue: clockSigma + " " + arrow + held, priority: 6),
        StatusSegment(
          label: "NFE", value: NumberText.count(clock.evaluations, missing: missing), priority: 2),
        bandwidthSegment, errorSegment,
      ]
    } else {
      sampling = [
        sigmaSegment, bandwidthSegment,
        StatusSegment(
          label: glyphs.epsilon, value: number(status.langevinStep) + " " + sampler, priority: 2),
        errorSegment,
      ]
    }
    if let memorised = status.memorisedFraction {
      let percent =
        memorised.isFinite ? String(Int((min(1, max(0, memorised)) * 100).rounded())) + "%" : missing
      sampling.append(
        StatusSegment(label: "memorised", value: percent, shortLabel: "mem", priority: 3))
    }
    sampling.append(fpsSegment)
    drawLine(training, y: bar.y, state: state, into: &frame)
    drawLine(sampling, y: bar.y + 1, state: state, into: &frame)
  }

  /// Draws the segments that fit (see `StatusLineFitting.fit`) from column 1.
  private static func drawLine(
    _ segments: [StatusSegment], y: Int, state: ViewState, into frame: inout Frame
  ) {
    let theme = state.theme
    let style = state.glyphStyle
    var x = 1
    let shown = StatusLineFitting.fit(segments, start: x, width: frame.width)
    for (index, segment) in shown.enumerated() {
      if index > 0 { x += segment.gap }
      if !segment.label.isEmpty {
        x += frame.put(
          segment.label + " ", x: x, y: y, limit: frame.width - x, style: style,
          foreground: theme[.dimText])
      }
      x += frame.put(
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
    x += frame.put(
      "scoreviz", x: x, y: row, limit: layout.title.width - x, style: style,
      foreground: theme[.accent], attributes: .bold)
    let name = state.status.datasetName.isEmpty ? glyphs.missing : state.status.datasetName
    let count = NumberText.count(state.status.datasetCount, missing: glyphs.missing)
    x += frame.put(
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
    frame.put(
      String(text), x: layout.title.width - 1 - shown.count, y: row, limit: shown.count,
      style: style,
      foreground: state.status.messageIsAlert ? theme[ThemeRole.error] : theme[.accent])
  }
}
