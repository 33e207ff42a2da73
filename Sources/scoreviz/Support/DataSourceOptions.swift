// Where a command's points come from: a file (CSV, NPY or NPZ) or a built-in generator.

import ArgumentParser
import Foundation
import ScoreCore

/// `--data F | --dataset NAME` with the reader's and generator's options.
struct DataSourceOptions: ParsableArguments {
  @Option(
    name: .long, help: "A CSV, NPY or NPZ file of points (columns x,y, or chosen by --columns); - reads stdin.")
  var data: String?

  @Option(name: .long, help: "The array of an NPZ --data file to read (member NAME.npy), when it holds several.")
  var key: String?

  @Option(
    name: .long, help: "A built-in dataset (see 'scoreviz datasets').",
    completion: .list(BuiltinDataset.allCases.map(\.rawValue)))
  var dataset: String?

  @Option(name: .long, help: "The two columns to read, by name or 0-based index: 'a,b' or '0,2'.")
  var columns: String?

  @Flag(name: .long, help: "Skip rows with missing or infinite values instead of failing.")
  var dropMissing = false

  @Option(
    name: [.customShort("n"), .long], parsing: .unconditional,
    help: "Points to generate for a built-in dataset (2 to \(FlagBounds.pointCount)).")
  var count: Int = 10_000

  func validate() throws {
    if data != nil && dataset != nil {
      throw ValidationError("Give either --data or --dataset, not both")
    }
    if let dataset, BuiltinDataset(name: dataset) == nil {
      let names = BuiltinDataset.allCases.map(\.rawValue).joined(separator: ", ")
      throw ValidationError("Unknown dataset '\(dataset)'; choose one of \(names)")
    }
    try FlagBounds.checkFileName(data, "--data")
    try FlagBounds.check(count, "-n", in: 2...FlagBounds.pointCount)
    if let columns {
      guard data != nil else { throw ValidationError("--columns goes with --data FILE") }
      do {
        _ = try ColumnSelector.parseList(columns)
      } catch {
        throw ValidationError("\(error)")
      }
    }
    if key != nil && data == nil { throw ValidationError("--key goes with --data FILE") }
    if dropMissing && data == nil { throw ValidationError("--drop-missing goes with --data FILE") }
  }

  /// Whether any source was named on the command line.
  var isGiven: Bool { data != nil || dataset != nil }

  /// Reads or generates the points; notes dropped rows on stderr.
  func loadIfGiven(seed: UInt64) throws -> Dataset? {
    isGiven ? try load(seed: seed) : nil
  }

  func load(seed: UInt64) throws -> Dataset {
    if let data {
      let selectors = try columns.map { try ColumnSelector.parseList($0) }
      let contents = try PointFileReader.read(
        path: data, arrayKey: key, columns: selectors, dropMissing: dropMissing,
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

/// How far a given bandwidth may be from the data's spread, each way.
let bandwidthSpreadRatio = 1e6

/// The data's spread: the larger of the sample standard deviations of x and y.
func spread(of points: [SIMD2<Double>]) -> Double {
  guard points.count > 1 else { return 0 }
  let mean = points.reduce(SIMD2<Double>.zero, +) / Double(points.count)
  let squares = points.reduce(SIMD2<Double>.zero) { $0 + ($1 - mean) * ($1 - mean) }
  let deviation = (squares / Double(points.count - 1)).squareRoot()
  return max(deviation.x, deviation.y)
}

/// h in data units: `given`, or `rule` applied to `dataset`; a set with no spread is an error.
///
/// A given h must lie within `bandwidthSpreadRatio` (10⁶) of the data's spread s either way:
/// below 10⁻⁶ s every kernel is a spike that no query point sees, above 10⁶ s one flat bump
/// covers everything, and far beyond either, d²/h² leaves the double range and the density
/// is NaN. Data without spread (one point, or all alike) take any h that `validate()` let
/// through.
/// - Throws: `ValidationError` (exit 64) for an h out of bounds, `Failure` (65) when a rule
///   finds no spread.
func resolveBandwidth(given: Double?, rule: BandwidthRule, for dataset: Dataset) throws -> Double {
  if let given {
    let s = spread(of: dataset.points)
    guard s > 0 else { return given }
    let lower = s / bandwidthSpreadRatio
    let upper = s * bandwidthSpreadRatio
    guard (lower...upper).contains(given) else {
      let bounds = [s, lower, upper].map { String(format: "%.3g", $0) }
      throw ValidationError(
        "--bandwidth \(given) is out of bounds for \(dataset.name): h must lie between \(bounds[1]) and \(bounds[2]), 10⁻⁶ to 10⁶ times the data's spread \(bounds[0])"
      )
    }
    return given
  }
  let h = rule.bandwidth(for: dataset.points)
  guard h > 0, h.isFinite else {
    throw Failure(
      exitCode: SysExit.data,
      message: "\(dataset.name): the points have no spread, so rule '\(rule.rawValue)' gives h = 0; give --bandwidth")
  }
  return h
}
