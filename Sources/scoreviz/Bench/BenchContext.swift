// What every benchmark workload needs: the data folder, repetition counts and a timer.

import Foundation
import ScoreCore

/// Settings shared by the workloads of one `scoreviz bench` run.
struct BenchContext {
  /// The folder with WORKLOADS.md's CSV files.
  var dataFolder: String
  /// Timed repetitions per measurement; the median is reported.
  var runs: Int
  /// A smoke test: small sizes, one run, so that every workload is exercised in seconds.
  var quick: Bool
  /// The seeds of the `quality` workload.
  var qualitySeeds: [UInt64]
  /// The model file of the `sample-ode` and `likelihood` workloads; `nil` trains one.
  var model: String?
  /// The progress bar on stderr, redrawn after each timed run; nil for none.
  var progress: ProgressReporter?
  /// The network of the `train` workload.
  var networkShape: NetworkShape = .standard

  /// The points of a data file in `dataFolder`.
  func points(_ name: String) throws -> [SIMD2<Double>] {
    try PointFileReader.read(path: dataFolder + "/" + name).points
  }

  /// The median wall time in seconds of `runs` calls of `body` (after one untimed warm-up
  /// unless `warmUp` is false).
  func medianSeconds(warmUp: Bool = true, _ body: () -> Void) -> Double {
    if warmUp { body() }
    let times = (0..<max(1, runs)).map { _ in
      let start = monotonicSeconds()
      body()
      let seconds = monotonicSeconds() - start
      progress?.advance(by: 0)
      return seconds
    }
    return median(times)
  }

  /// The folder holding the benchmark data: `given`, or `../shared/bench/data` from the
  /// working directory or from the package that built this binary.
  static func findDataFolder(_ given: String?) throws -> String {
    if let given { return given }
    var candidates = [FileManager.default.currentDirectoryPath + "/../shared/bench/data"]
    if let root = packageRootOfExecutable() { candidates.append(root + "/../shared/bench/data") }
    for candidate in candidates
    where FileManager.default.fileExists(atPath: candidate + "/moons-10k.csv") {
      return URL(fileURLWithPath: candidate).standardizedFileURL.path
    }
    throw Failure(
      exitCode: SysExit.noInput,
      message: "cannot find the benchmark data (moons-10k.csv) in ../shared/bench/data; give --data-dir")
  }
}
