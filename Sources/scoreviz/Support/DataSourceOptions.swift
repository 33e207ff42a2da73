// Where a command's points come from: a file (CSV or NPY) or a built-in generator.

import ArgumentParser
import ScoreCore

/// `--data F | --dataset NAME` with the reader's and generator's options.
struct DataSourceOptions: ParsableArguments {
  @Option(name: .long, help: "A CSV or NPY file of points (columns x,y, or chosen by --columns).")
  var data: String?

  @Option(name: .long, help: "A built-in dataset (see 'scoreviz datasets').")
  var dataset: String?

  @Option(name: .long, help: "The two columns to read, by name or 0-based index: 'a,b' or '0,2'.")
  var columns: String?

  @Flag(name: .long, help: "Skip rows with missing or infinite values instead of failing.")
  var dropMissing = false

  @Option(name: [.customShort("n"), .long], help: "Points to generate for a built-in dataset.")
  var count: Int = 10_000

  /// The dataset used when neither --data nor --dataset is given, or nil when one is required.
  var defaultDataset: BuiltinDataset? { .moons }

  func validate() throws {
    if data != nil && dataset != nil {
      throw ValidationError("Give either --data or --dataset, not both")
    }
    if let dataset, BuiltinDataset(name: dataset) == nil {
      let names = BuiltinDataset.allCases.map(\.rawValue).joined(separator: ", ")
      throw ValidationError("Unknown dataset '\(dataset)'; choose one of \(names)")
    }
    if count < 2 { throw ValidationError("-n must be at least 2, got \(count)") }
    if let columns { _ = try ColumnSelector.parseList(columns) }
  }

  /// Whether any source was named on the command line.
  var isGiven: Bool { data != nil || dataset != nil }

  /// Reads or generates the points; notes dropped rows on stderr.
  func load(seed: UInt64) throws -> Dataset {
    if let data {
      let selectors = try columns.map { try ColumnSelector.parseList($0) }
      let contents = try PointFileReader.read(
        path: data, columns: selectors, dropMissing: dropMissing,
        coordinateLimit: PointFileReader.largestCoordinate)
      if contents.droppedRows > 0 {
        printNote("\(data): skipped \(contents.droppedRows) rows with missing or infinite values")
      }
      return Dataset(name: data, points: contents.points)
    }
    let builtin = dataset.flatMap(BuiltinDataset.init(name:)) ?? .moons
    var rng = SeededGenerator(seed: seed)
    return builtin.makeDataset(count: count, using: &rng)
  }
}

/// h in data units: `given`, or `rule` applied to `dataset`; a set with no spread is an error.
func resolveBandwidth(given: Double?, rule: BandwidthRule, for dataset: Dataset) throws -> Double {
  if let given { return given }
  let h = rule.bandwidth(for: dataset.points)
  guard h > 0, h.isFinite else {
    throw Failure(
      exitCode: SysExit.data,
      message: "\(dataset.name): the points have no spread, so rule '\(rule.rawValue)' gives h = 0; give --bandwidth")
  }
  return h
}
