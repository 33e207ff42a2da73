// Builds the live view's model from the options: data, engine, theme and glyphs.

import Foundation
import ScoreCore
import ScoreEngine
import ScoreView

extension LiveOptions {
  /// The datasets `n`/`N` step through: `first` (the given file or built-in set when nil),
  /// then the rest of the built-in ones, generated when first chosen.
  func datasets(first given: Dataset? = nil) throws -> DatasetCycle {
    let first = try given ?? source.load(seed: random.seed)
    let chosen =
      source.data == nil
      ? (source.dataset.flatMap(BuiltinDataset.init(name:)) ?? BuiltinDataset(name: first.name)) : nil
    return DatasetCycle(first: first, chosen: chosen, pointCount: source.count, seed: random.seed)
  }

  /// The theme named by `--theme`; what its file had that was skipped is printed on stderr
  /// as `scoreviz: warning: file:line:column: …`, before the terminal is taken over.
  func loadTheme() throws -> LoadedTheme {
    let loaded = try themeLibrary.load(named: theme)
    for warning in loaded.warnings { printError("warning: \(warning)") }
    return loaded
  }

  /// The live view's model with its engine, not yet training, on a fresh network.
  func makeViewModel() throws -> LiveViewModel {
    var datasets = try datasets()
    let engine = TrainingEngine(
      data: TrainingData(datasets.dataset(at: 0)), settings: engineSettings)
    return try makeViewModel(engine: engine, datasets: datasets, opened: nil)
  }

  /// The live view's model on the network of the model file at `path`, with the file's noise
  /// ladder, noise distribution and standardisation, on the data of --data or --dataset, else
  /// the data the file records; its engine trains on from the file's weights (Adam's moments
  /// start at zero) once started, when `trains`; otherwise the engine is never to be started.
  ///
  /// Everything is read and checked here, before the terminal is taken over.
  /// - Throws: the model's reading errors (65, 66), a `Failure` when no data is given or
  ///   recorded (64, 66), or when `--objective` does not go with the file's noise (64).
  func makeViewModel(modelPath path: String, trains: Bool) throws -> LiveViewModel {
    let given = try source.loadIfGiven(seed: random.seed)
    let file = try readModel(path: path, supplying: ModelMetadataSupply(sigmas: noise.givenLadder, data: given))
    try requireFiniteModel(file, path: path)
    let first =
      try given
      ?? recordedDataset(
        of: file, path: path, count: source.count, seed: random.seed, use: trains ? "training on" : "showing")
    let objective = try modelObjective(file, path: path)
    var settings = engineSettings
    settings.objective = objective
    settings.ladder = file.ladder
    settings.noiseDistribution = file.noiseDistribution
    var datasets = try datasets(first: first)
    let engine = TrainingEngine(
      data: TrainingData(datasets.dataset(at: 0), standardization: file.standardization), settings: settings,
      network: file.network)
    let steps = file.trainingNotes["steps"].flatMap { Int($0) }.map { max(0, $0) } ?? 0
    return try makeViewModel(
      engine: engine, datasets: datasets, opened: OpenedModel(path: path, trains: trains, earlierSteps: steps))
  }

  /// `--objective`, else the objective the file records when it is one the file's noise
  /// distribution supports, else ncsn.
  private func modelObjective(_ file: ScoreModelFile, path: String) throws -> Objective {
    if let objective {
      let chosen = chosenObjective
      guard file.noiseDistribution.supports(chosen) else {
        throw Failure(
          exitCode: SysExit.usage,
          message:
            "--objective \(objective) trains one fixed noise level; \(path) was trained with \(file.noiseDistribution.rawValue) noise"
        )
      }
      return chosen
    }
    let recorded = file.trainingNotes["objective"].flatMap(Objective.init(rawValue:)) ?? .ncsn
    return file.noiseDistribution.supports(recorded) ? recorded : .ncsn
  }

  private func makeViewModel(
    engine: TrainingEngine, datasets: DatasetCycle, opened: OpenedModel?
  ) throws -> LiveViewModel {
    LiveViewModel(
      engine: engine, datasets: datasets, themes: themeLibrary, theme: try loadTheme(),
      glyphStyle: ascii ? .ascii : .unicode, particleCount: particles, sampler: sampler, process: process,
      followsKDE: particleSource == .kde, seed: random.seed, opened: opened)
  }
}

extension ThemeError: ExitCodeCarrying {
  var exitCode: Int32 { kind == .cannotOpen ? SysExit.noInput : SysExit.data }
}
