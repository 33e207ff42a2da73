// Builds a live session from the options: data, engine, theme and glyphs.

import ScoreCore
import ScoreEngine
import ScoreView

extension LiveOptions {
  /// The datasets `n`/`N` step through: the given file or built-in set first, then the rest
  /// of the built-in ones.
  func datasets() throws -> [Dataset] {
    let first = try source.load(seed: seed)
    let chosen = source.dataset.flatMap(BuiltinDataset.init(name:)) ?? (source.data == nil ? .moons : nil)
    let others = BuiltinDataset.allCases.filter { $0 != chosen }.map { builtin in
      var rng = SeededGenerator(seed: seed)
      return builtin.makeDataset(count: source.count, using: &rng)
    }
    return [first] + others
  }

  /// The theme named by `--theme`.
  func loadTheme() throws -> LoadedTheme {
    try themeLibrary.load(named: theme)
  }

  /// A session with its engine, not yet training.
  func makeSession() throws -> LiveSession {
    let datasets = try datasets()
    let engine = TrainingEngine(data: TrainingData(datasets[0]), settings: engineSettings)
    return LiveSession(
      engine: engine, datasets: datasets, themes: themeLibrary, theme: try loadTheme(),
      glyphStyle: ascii ? .ascii : .unicode, particleCount: particles, seed: seed)
  }
}

extension ThemeError: ExitCodeCarrying {
  var exitCode: Int32 { SysExit.data }
}
