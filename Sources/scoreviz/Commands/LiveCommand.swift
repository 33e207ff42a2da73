// `scoreviz` (the default): the full-screen live view, training in the background.

import ArgumentParser
import Foundation
import ScoreCore
import ScoreEngine
import ScoreView
import Terminal

struct LiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "live",
    abstract: "The live view (the default): watch the score field being learned.",
    discussion: """
      Press ? in the view for every key; w saves the network shown as \
      scoreviz-<data>-<time>.safetensors in the working directory (at most one file a second). \
      With --model M the view opens on a saved model (its noise ladder, noise and data \
      standardisation; the data of --data or --dataset, else the data M records) without \
      training it, unless --train is given.
      """)

  @OptionGroup var live: LiveOptions

  @Option(help: "A saved model (.safetensors) to show instead of training a new network.")
  var model: String?

  @Flag(help: "With --model: train on from the model's weights (Adam's moments start afresh).")
  var train = false

  @Option(
    help: """
      Colour depth: auto, truecolor, 256, 16, 8 or none (auto: 24-bit under COLORTERM=truecolor \
      or 24bit, none under NO_COLOR, else the terminfo entry's).
      """)
  var color: ColorChoice = .auto

  @Flag(help: "Do not capture the mouse.")
  var noMouse = false

  @Option(
    help: ArgumentHelp(
      "Record the session as an asciicast v2 file (.cast), as asciinema plays it.",
      discussion: "The file must not exist yet; it is written as the session goes and stops at 1 GiB."))
  var record: String?

  /// For `scoreviz bench`: the monotonic time at which each frame was drawn, one per line.
  @Option(help: .hidden)
  var frameLog: String?

  func validate() throws {
    try FlagBounds.checkFileName(record, "--record")
    try FlagBounds.checkOutputExtension(record, "--record", allowed: ["cast"])
    try FlagBounds.checkFileName(model, "--model")
    guard model != nil else {
      if train { throw ValidationError("--train goes with --model FILE") }
      return
    }
    if live.noise.noise != nil {
      throw ValidationError("--noise comes from the model file; it does not go with --model")
    }
    if live.objective != nil && !train {
      throw ValidationError("--objective goes with --train: without it the model is shown, not trained")
    }
  }

  func run() throws {
    BacktraceSetting.makeNonInteractive()
    reportingErrors {
      // A terminal that cannot move the cursor (TERM=dumb) is refused at once, before anything
      // is loaded or written.
      try Terminal.requireCursorAddressing()
      if let record { throw ExitCode(try recordSession(to: record)) }
      // Outside a UTF-8 locale only ASCII shows: draw with ASCII glyphs and say why, once.
      let locale = Terminal.environmentLocale()
      var live = live
      if !locale.isUTF8 { live.ascii = true }
      // Everything is read and checked before the terminal is taken over.
      var viewModel = try model.map { try live.makeViewModel(modelPath: $0, trains: train) } ?? live.makeViewModel()
      if !locale.isUTF8 && !self.live.ascii { viewModel.show(message: Self.asciiNotice(locale: locale.name)) }
      viewModel.computeFieldsInBackground()
      let options = Terminal.Options(colorDepth: color.depth, mouse: !noMouse)
      if viewModel.isTraining { viewModel.engine.start() }
      defer { viewModel.engine.stop() }
      let log = try frameLog.map { try FrameLog(path: $0) }
      try Terminal.withTerminal(options: options) { terminal in
        viewModel.colorDepth = terminal.colorDepth
        try runLoop(&viewModel, terminal: terminal, log: log)
      }
      // A save started just before `q` is finished, not cut short.
      viewModel.saver.waitUntilIdle()
    }
  }

  /// The title row's note when the locale is not UTF-8 and the view falls back to ASCII
  /// glyphs; shown until the first key. Characters of the locale's name other than printable
  /// ASCII are left out.
  static func asciiNotice(locale name: String) -> String {
    let shown = String(name.unicodeScalars.filter { (0x21..<0x7F).contains($0.value) }.map(Character.init))
    return "ASCII: the locale (\(shown)) is not UTF-8; set LANG=C.UTF-8 for Unicode"
  }

  /// Input, particles, render, draw: about 30 times a second until `q` or a signal.
  private func runLoop(_ viewModel: inout LiveViewModel, terminal: Terminal, log: FrameLog?) throws {
    let frameSeconds = 1.0 / 30
    var frameTimes: [Double] = []
    // Frames are due every 1/30 s from the first, so the time a frame takes beyond its work
    // (waking up, the sleep's slack) does not add up; a late frame starts the schedule anew.
    var deadline = monotonicSeconds()
    var pictures = ScreenPictureSaver()
    while !viewModel.controls.shouldQuit {
      let frameStart = monotonicSeconds()
      deadline += frameSeconds
      if deadline < frameStart { deadline = frameStart + frameSeconds }
      if terminal.receivedSignal != nil {
        viewModel.engine.stop()
        terminal.exitIfSignalled()
      }
      let snapshot = viewModel.engine.snapshot
      viewModel.advanceParticles(snapshot)
      let state = viewModel.viewState(width: terminal.width, height: terminal.height, snapshot: snapshot)
      let frame = ViewRenderer.render(state)
      terminal.draw(frame)
      log?.record(monotonicSeconds())
      var waitMilliseconds = Int((deadline - monotonicSeconds()) * 1000)
      repeat {
        guard let event = terminal.nextEvent(timeoutMilliseconds: max(0, waitMilliseconds)) else { break }
        handle(event, viewModel: &viewModel, terminal: terminal)
        waitMilliseconds = 0
      } while !viewModel.controls.shouldQuit
      if viewModel.takePictureRequest() {
        let style = SVGPicture.Style(theme: viewModel.controls.theme)
        viewModel.show(message: pictures.save(frame, style: style, now: monotonicSeconds(), date: Date()))
      }
      let spare = deadline - monotonicSeconds()
      if spare > 0.002 { Thread.sleep(forTimeInterval: spare) }
      frameTimes.append(monotonicSeconds() - frameStart)
      if frameTimes.count > 30 { frameTimes.removeFirst() }
      viewModel.framesPerSecond = Double(frameTimes.count) / frameTimes.reduce(0, +)
    }
  }

  private func handle(
    _ event: TerminalEvent, viewModel: inout LiveViewModel, terminal: Terminal
  ) {
    switch event {
    case .key(.character(let scalar)):
      viewModel.handle(key: scalar)
    case .key(.escape):
      if viewModel.controls.showsHelp { viewModel.perform(.help) }
    case .key(.up), .key(.down), .key(.pageUp), .key(.pageDown), .key(.home), .key(.end):
      viewModel.scrollHelp(by: helpScrollLines(event, height: terminal.height), height: terminal.height)
    case .mousePress(let column, let row, .left):
      if let point = viewModel.dataPoint(column: column, row: row) { viewModel.click(at: point) }
    case .resize:
      terminal.forceFullRepaint()
    default:
      break
    }
  }

  /// How far an arrow, page or Home/End key moves the help overlay: a line, a page, or all
  /// the way.
  private func helpScrollLines(_ event: TerminalEvent, height: Int) -> Int {
    let page = HelpOverlay.pageSize(count: LiveAction.keyBindings.count, height: height)
    switch event {
    case .key(.up): return -1
    case .key(.down): return 1
    case .key(.pageUp): return -page
    case .key(.pageDown): return page
    case .key(.home): return -LiveAction.keyBindings.count
    default: return LiveAction.keyBindings.count
    }
  }
}
