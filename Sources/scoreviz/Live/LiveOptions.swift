// The options the live view and `scoreviz render` share.

import ArgumentParser
import Foundation
import ScoreCore
import ScoreEngine
import ScoreView

/// How the live session is set up: data, training, particles and looks.
struct LiveOptions: ParsableArguments {
  @OptionGroup var source: DataSourceOptions

  @Option(
    help: """
      The objective: \(Objective.allCases.map(\.rawValue).joined(separator: ", ")) (default ncsn, \
      or the one a --model records).
      """,
    completion: .list(Objective.allCases.map(\.rawValue)))
  var objective: String?

  @OptionGroup var noise: NoiseOptions

  @Option(parsing: .unconditional, help: "Adam's learning rate (at most 1e6).")
  var lr: Float = 1e-3

  @Option(parsing: .unconditional, help: "Points per training step (1 to \(FlagBounds.batch)).")
  var batch: Int = 256

  @OptionGroup var network: NetworkShapeOptions

  @Option(parsing: .unconditional, help: "Langevin particles on screen (1 to \(FlagBounds.liveParticles)).")
  var particles: Int = 400

  @Option(
    help: "The particles' sampler: annealed, langevin, sde, pc, ode or heun (m cycles them).",
    completion: .list(SamplerKind.allCases.map(\.rawValue)),
    transform: { try parseChoice($0, as: SamplerKind.self) })
  var sampler: SamplerKind = .annealed

  @Option(
    help: "The process of sde, pc, ode and heun: ve or vp (v switches).",
    transform: { try parseChoice($0, as: DiffusionProcess.self) })
  var process: DiffusionProcess = .ve

  @Option(
    name: .customLong("source"),
    help: """
      What the particles follow: model (the network being trained) or kde (the exact score of \
      the data's KDE at h = σ; sde, pc, ode and heun then start from the data plus σ_max noise \
      and the status shows the share memorised).
      """)
  var particleSource: ScoreSource = .model

  @OptionGroup var random: SeedOption

  @Option(
    help: "Colour theme: dark, light, high-contrast (built in), or a NAME.toml in the themes folders.",
    completion: .list(ThemeLibrary.shippedNames))
  var theme: String = "dark"

  @Option(help: "A folder of theme files, searched after $XDG_CONFIG_HOME/scoreviz/themes (~/.config/...).")
  var themesDir: String?

  @Flag(
    help: "ASCII glyphs only, for terminals or fonts without Unicode (the live view's default outside a UTF-8 locale).")
  var ascii = false

  func validate() throws {
    if source.data == "-" {
      throw ValidationError("--data -: the live view reads its keys from standard input; give a file")
    }
    if let objective, Objective(rawValue: objective) == nil {
      throw ValidationError(
        "--objective: unknown objective '\(objective)'; choose one of \(Objective.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    try FlagBounds.checkFileName(themesDir, "--themes-dir")
    try noise.check(objective: chosenObjective.rawValue)
    try FlagBounds.checkPositive(lr, "--lr", atMost: FlagBounds.learningRate)
    try FlagBounds.check(batch, "--batch", in: 1...FlagBounds.batch)
    try network.checkBatch(batch)
    try FlagBounds.check(particles, "--particles", in: 1...FlagBounds.liveParticles)
  }

  /// The built-in themes, then the user's folder (`$XDG_CONFIG_HOME/scoreviz/themes`), then --themes-dir.
  var themeLibrary: ThemeLibrary {
    let user = ThemeLibrary.userFolder(environment: ProcessInfo.processInfo.environment)
    return ThemeLibrary(folders: [user, themesDir].compactMap { $0 })
  }

  /// The objective of `--objective`, ncsn when not given.
  var chosenObjective: Objective { objective.flatMap(Objective.init(rawValue:)) ?? .ncsn }

  /// The engine's settings from the options.
  var engineSettings: TrainingEngine.Settings {
    TrainingEngine.Settings(
      objective: chosenObjective, ladder: noise.ladder,
      noiseDistribution: noise.distribution,
      batchSize: batch, learningRate: lr, seed: random.seed, networkShape: network.shape)
  }
}
