// `scoreviz render`: one frame of the live view as text, ANSI, SVG or HTML, after N training steps, no terminal needed.

import ArgumentParser
import Foundation
import ScoreCore
import ScoreView

struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Print one frame of the live view after training, as text, ANSI, SVG or HTML.",
    discussion: """
      Trains --steps steps, moves the particles through the whole annealing schedule \
      (100 Langevin steps per level), and writes the frame the live view would show at \
      --width × --height: plain text, with colour escapes (--ansi or --format ansi; --color \
      chooses the depth), or as a picture: --format svg draws every cell as a 10 × 20 box \
      (braille dots as circles, block elements as rectangles, other glyphs as monospace \
      text) in the theme's full colours; --format html is a page holding that SVG. With -o \
      the format follows the file's extension (.txt, .ans, .svg, .html) unless --format names it.
      """)

  @OptionGroup var live: LiveOptions

  @Option(parsing: .unconditional, help: "Training steps before the frame (0 to \(FlagBounds.trainingSteps)).")
  var steps: Int = 2_000

  @Option(parsing: .unconditional, help: "Frame width in columns (1 to 2000).")
  var width: Int = 120

  @Option(parsing: .unconditional, help: "Frame height in rows (1 to 1000).")
  var height: Int = 40

  @Flag(help: "Colour escapes in the output (the same as --format ansi).")
  var ansi = false

  @Option(help: "Output format: text, ansi, svg or html (default: from -o's extension, else text).")
  var format: FrameFormat?

  @Option(
    name: [.customShort("o"), .customLong("output")],
    help: "Write to this file (atomically) instead of stdout.")
  var output: String?

  @Option(
    help:
      "Colour depth the frame is designed for and --ansi writes: truecolor, 256, 16, 8, none, or auto (256, none if NO_COLOR is set)."
  )
  var color: ColorChoice = .palette256

  @Option(help: "Arrows: learned, kde or error.")
  var arrows: String = "learned"

  @Option(help: "Density layer: kde, histogram or off.")
  var density: String = "kde"

  @Option(
    parsing: .unconditional,
    help: "σ's place on the ladder, 1 = largest (default: the level nearest 0.1).")
  var level: Int?

  @Flag(help: "Show the key help overlay in the frame.")
  var keyHelp = false

  func validate() throws {
    try FlagBounds.check(steps, "--steps", in: 0...FlagBounds.trainingSteps)
    try FlagBounds.check(width, "--width", in: 1...2_000)
    try FlagBounds.check(height, "--height", in: 1...1_000)
    guard ["learned", "kde", "error"].contains(arrows) else {
      throw ValidationError("--arrows must be learned, kde or error, got '\(arrows)'")
    }
    guard ["kde", "histogram", "off"].contains(density) else {
      throw ValidationError("--density must be kde, histogram or off, got '\(density)'")
    }
    try FlagBounds.checkFileName(output, "-o")
    if ansi, let format, format != .ansi {
      throw ValidationError("--ansi asks for ANSI output, --format for \(format.rawValue): give one of them")
    }
    if let output, !isStandardOutput(output) {
      if let format = format ?? (ansi ? .ansi : nil) {
        try FlagBounds.checkOutputExtension(output, "-o", allowed: format.extensions)
      } else {
        try FlagBounds.checkOutputExtension(output, "-o", allowed: FrameFormat.allExtensions)
      }
    }
    if let level, !(1...live.noise.ladder.count).contains(level) {
      throw ValidationError(
        "--level must be between 1 and the ladder's length \(live.noise.ladder.count), got \(level)")
    }
  }

  func run() throws {
    reportingErrors {
      try checkWritable(output)
      var viewModel = try live.makeViewModel()
      viewModel.colorDepth = ansiDepth
      viewModel.engine.trainSynchronously(steps: steps)
      let snapshot = viewModel.engine.snapshot
      if let level {
        let current = snapshot.ladder.indexOfLevel(nearest: 0.1) + 1
        let action: LiveAction = level > current ? .sigmaDown : .sigmaUp
        for _ in 0..<abs(level - current) { viewModel.perform(action) }
      }
      while viewModel.controls.arrowMode.name != arrows { viewModel.perform(.cycleArrows) }
      while viewModel.controls.densityMode.name != density { viewModel.perform(.cycleDensity) }
      if keyHelp { viewModel.perform(.help) }
      let frames =
        snapshot.ladder.count * viewModel.particles.stepsPerLevel / viewModel.particles.stepsPerFrame
      for _ in 0..<frames { viewModel.advanceParticles(snapshot) }
      let frame = ViewRenderer.render(viewModel.viewState(width: width, height: height, snapshot: snapshot))
      let text = resolvedFormat.encoded(
        frame, colorDepth: ansiDepth, style: SVGPicture.Style(theme: viewModel.controls.theme),
        title: "scoreviz")
      if let output, !isStandardOutput(output) {
        try AtomicFile.write(text, to: output)
      } else {
        try StandardOutput.write(text)
      }
    }
  }

  /// `--format`; else ANSI for `--ansi`; else the format `-o`'s extension names; else text.
  private var resolvedFormat: FrameFormat {
    if let format { return format }
    if ansi { return .ansi }
    return output.flatMap { FrameFormat.inferred(fromPath: $0) } ?? .text
  }

  /// The depth the frame is designed for, and that `--ansi` output is written at: the one
  /// `--color` names; for `auto`, 256 colours, or none when `NO_COLOR` is set and not empty,
  /// as in the live view.
  private var ansiDepth: ColorDepth {
    color.depth
      ?? ColorDepth.resolve(
        terminal: .palette256, noColor: ProcessInfo.processInfo.environment["NO_COLOR"], forced: nil)
  }
}

extension ArrowFieldMode {
  /// The name used on the command line.
  var name: String {
    switch self {
    case .learned: "learned"
    case .kde: "kde"
    case .error: "error"
    }
  }
}

extension DensityMode {
  /// The name used on the command line.
  var name: String {
    switch self {
    case .kde: "kde"
    case .histogram: "histogram"
    case .likelihood: "likelihood"
    case .off: "off"
    }
  }
}
