// Builds the live view's model from the options: data, engine, theme and glyphs.

import ScoreCore
import ScoreEngine
import ScoreView

extension LiveOptions {
  /// The datasets `n`/`N` step through: the given file or built-in set first, then the rest
  /// of the built-in ones, generated when first chosen.
  func datasets() throws -> DatasetCycle {
    let first = try source.load(seed: random.seed)
    let chosen = source.dataset.flatMap(BuiltinDataset.init(name:)) ?? (source.data == nil ? .moons : nil)
    return DatasetCycle(first: first, chosen: chosen, pointCount: source.count, seed: random.seed)
  }

  /// The theme named by `--theme`; what its file had that was skipped is printed on stderr
  /// as `scoreviz: warning: file:line:column: …`, before the terminal is taken over.
  func loadTheme() throws -> LoadedTheme {
    let loaded = try themeLibrary.load(named: theme)
    for warning in loaded.warnings { printError("warning: \(warning)") }
    return loaded
  }

  /// The live view's model with its engine, not yet training.
  func makeViewModel() throws -> LiveViewModel {
    var datasets = try datasets()
    let engine = TrainingEngine(
      data: TrainingData(datasets.dataset(at: 0)), settings: engineSettings)
    return LiveViewModel(
      engine: engine, datasets: datasets, themes: themeLibrary, theme: try loadTheme(),
      glyphStyle: ascii ? .ascii : .unicode, particleCount: particles, sampler: sampler, process: process,
      followsKDE: particleSource == .kde, seed: random.seed)
  }
}

extension ThemeError: ExitCodeCarrying {
  var exitCode: Int32 { kind == .cannotOpen ? SysExit.noInput : SysExit.data }
}
