// `scoreviz bench` end to end: every workload's JSON record at --quick sizes, and a missing data folder.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct BenchCommandTests {
  /// The folder of WORKLOADS.md's CSV files.
  static let dataFolder = URL(fileURLWithPath: sharedDataPath("moons-10k.csv")).deletingLastPathComponent().path

  /// The `results` entries of a record.
  static func results(_ record: [String: Any]) -> [[String: Any]] {
    record["results"] as? [[String: Any]] ?? []
  }

  @Test func quickRunPrintsOnePlausibleRecordPerWorkload() throws {
    let result = try runScoreviz(["bench", "--quick", "--json", "--seed", "0", "--data-dir", Self.dataFolder])
    #expect(result.status == 0, "\(result.standardError)")
    let records = jsonLines(result.standardOutput).compactMap { $0 }
    try #require(records.count == 14)
    #expect(
      records.map { $0["workload"] as? String }
        == [
          "train", "kde-grid", "kde-score", "sample", "quality", "frame", "launch", "launch-1m",
          "kde-grid-1m", "memorisation", "sample-ode", "likelihood", "ceiling", "train-shapes",
        ])
    for record in records {
      let kernel = try #require(record["kernel"] as? String)
      #expect(kernel.hasSuffix("6 × 64 tile, 16-float vectors") || kernel.hasSuffix("6 × 16 tile, 8-float vectors"))
    }
    try Self.checkCeiling(records[12])
    #expect(records[0]["network"] as? String == "128×3")
    let shapes = Self.results(records[13])
    #expect(shapes.map { $0["network"] as? String } == ["64×2", "128×3", "256×4", "512×8"])
    #expect(shapes.map { $0["parameters"] as? Int } == [4_546, 33_794, 198_914, 1_841_666])
    for entry in shapes {
      let rate = try #require(entry["samples_per_second"] as? Double)
      #expect(rate > 0 && rate.isFinite)
    }

    let train = Self.results(records[0])
    #expect(train.map { $0["threads"] as? Int } == [1, 2])
    // Multiply-adds per sample of the 3-128-128-128-2 network: forward, weight gradients, and
    // input gradients of the three layers after the first.
    let forward = 3 * 128 + 128 * 128 + 128 * 128 + 128 * 2
    let flopPerSample = 2 * (forward + forward + (forward - 3 * 128))
    #expect(records[0]["flop_per_sample"] as? Int == flopPerSample)
    for entry in train {
      let rate = try #require(entry["samples_per_second"] as? Double)
      #expect(rate > 0 && rate.isFinite)
      let gflops = try #require(entry["gflops"] as? Double)
      #expect(abs(gflops - rate * Double(flopPerSample) / 1e9) <= 1e-9 * gflops)
    }

    let grid = Self.results(records[1])
    #expect(grid.map { $0["points"] as? Int } == [10_000, 100_000])
    for entry in grid {
      // The density grid promises 5e-4 where p ≥ 1e-3·max; the brief allows 1e-3.
      let error = try #require(entry["max_relative_error"] as? Double)
      #expect(error >= 0 && error <= 1e-3)
      #expect((entry["cells_checked"] as? Int ?? 0) > 0)
    }

    let score = Self.results(records[2])
    #expect(score.map { $0["points"] as? Int } == [10_000, 100_000])
    for entry in score {
      // The exact score against a plain Double reference: rounding only.
      let error = try #require(entry["max_relative_error"] as? Double)
      #expect(error >= 0 && error <= 1e-6)
    }

    let sample = Self.results(records[3])
    #expect(sample.map { $0["threads"] as? Int } == [1, 2])
    for entry in sample {
      let rate = try #require(entry["particle_steps_per_second"] as? Double)
      #expect(rate > 0 && rate.isFinite)
    }

    let quality = records[4]
    let seeds = try #require(quality["seeds"] as? [[String: Any]])
    #expect(seeds.map { $0["seed"] as? Int } == [0])
    let energy = try #require(quality["mean_energy_distance"] as? Double)
    let floor = try #require(quality["noise_floor_energy_distance"] as? Double)
    // WORKLOADS.md: the floor between two draws of the data is ≈ 0.011–0.013 and N(0, I)
    // is at 0.22; a 200-step model lies above the floor and, for plausibility, within about
    // twice N(0, I)'s distance (it measures 0.16 here).
    #expect(floor > 0.005 && floor < 0.03)
    #expect(energy > floor && energy < 0.5)

    let frame = records[5]
    #expect(frame["width"] as? Int == 200 && frame["height"] as? Int == 60)
    let compose = try #require(frame["compose_ms"] as? Double)
    #expect(compose > 0 && compose.isFinite)
    #expect((frame["bytes_full_frame"] as? Int ?? 0) > 0)

    // The live view launched in a pseudo-terminal drew a frame and quit cleanly on `q`; a
    // Swift program with Foundation takes more than 5 MB, and one that draws in time less
    // than the 30 s the workload waits.
    let launch = records[6]
    let firstFrame = try #require(launch["first_frame_ms"] as? Double)
    #expect(firstFrame > 0 && firstFrame < 30_000)
    let peak = try #require(launch["peak_rss_mb"] as? Double)
    #expect(peak > 5 && peak < 4_096)

    // At --quick sizes: 20,000 points from a CSV and an NPY file written for the run; the
    // view draws from its first second (at most 30 frames a second, and at least one).
    let million = records[7]
    #expect(million["points"] as? Int == 20_000)
    let launches = Self.results(million)
    #expect(launches.map { $0["format"] as? String } == ["csv", "npy"])
    for entry in launches {
      let first = try #require(entry["first_frame_ms"] as? Double)
      #expect(first > 0 && first < 60_000)
      let perSecond = try #require(entry["frames_per_second"] as? [Int])
      #expect(perSecond.count == 1 && perSecond.allSatisfy { $0 >= 1 && $0 <= 31 })
    }

    // At --quick sizes 20,000 points; every error within the tolerance kde --grid states.
    let gridMillion = records[8]
    #expect(gridMillion["points"] as? Int == 20_000)
    #expect((gridMillion["cells_checked"] as? Int ?? 0) > 0)
    for key in ["max_density_error", "max_log_density_error", "max_score_error", "score_error_bound"] {
      let error = try #require(gridMillion[key] as? Double, "\(key)")
      #expect(error >= 0 && error <= 1e-3, "\(key)")
    }

    let memorisation = records[9]
    #expect(memorisation["training_points"] as? Int == 10_000)
    #expect(memorisation["queries"] as? Int == 500)
    // Held-out points of the same density: few fall within a third of the way to the next.
    let fraction = try #require(memorisation["memorised_fraction"] as? Double)
    #expect(fraction >= 0 && fraction < 0.5)
    #expect((memorisation["query_ms"] as? Double ?? -1) > 0)

    try Self.checkSampleODE(records[10])
    try Self.checkLikelihood(records[11])
  }

  /// At --quick sizes: 500 particles over 10 Heun steps, the last one Euler, so 2·10 − 1 score
  /// evaluations; finite samples that a 200-step model places no farther from the held-out
  /// data than about twice N(0, I)'s energy distance (0.22, WORKLOADS.md).
  static func checkSampleODE(_ record: [String: Any]) throws {
    #expect(record["particles"] as? Int == 500)
    #expect(record["steps"] as? Int == 10)
    #expect(record["nfe"] as? Int == 2 * 10 - 1)
    #expect(record["sigma_max"] as? Double == 5)
    let runs = results(record)
    #expect(runs.map { $0["threads"] as? Int } == [1, 2])
    for entry in runs {
      let seconds = try #require(entry["seconds"] as? Double)
      #expect(seconds > 0 && seconds.isFinite)
      #expect(entry["all_finite"] as? Bool == true)
      let energy = try #require(entry["energy_distance"] as? Double)
      #expect(energy > 0 && energy < 0.5)
    }
  }

  /// At --quick sizes: 500 held-out points over 20 Heun steps, two evaluations each; a point's
  /// log p does not depend on the thread count. By Gibbs' inequality no model's mean log p
  /// over points of the data exceeds the data's own, about −1.27 nats for moons (WORKLOADS.md;
  /// −1.0 leaves room for 500 points' sampling error); −6 is far below the −2.0 of the data's
  /// Gaussian fit.
  static func checkLikelihood(_ record: [String: Any]) throws {
    #expect(record["points"] as? Int == 500)
    #expect(record["steps"] as? Int == 20)
    #expect(record["nfe"] as? Int == 2 * 20)
    #expect(record["thread_counts_agree"] as? Bool == true)
    let runs = results(record)
    #expect(runs.map { $0["threads"] as? Int } == [1, 2])
    for entry in runs {
      let seconds = try #require(entry["seconds"] as? Double)
      #expect(seconds > 0 && seconds.isFinite)
      #expect(entry["all_finite"] as? Bool == true)
      let mean = try #require(entry["mean_log_density"] as? Double)
      #expect(mean > -6 && mean < -1)
    }
  }

  /// One and two cores, each rate positive, the two-core total twice the per-core rate.
  static func checkCeiling(_ record: [String: Any]) throws {
    #expect(record["chains"] as? Int == 12)
    let runs = results(record)
    #expect(runs.map { $0["threads"] as? Int } == [1, 2])
    for entry in runs {
      let total = try #require(entry["gflops"] as? Double)
      let perCore = try #require(entry["gflops_per_core"] as? Double)
      let threads = Double(try #require(entry["threads"] as? Int))
      #expect(total > 0 && total.isFinite)
      #expect(abs(total - perCore * threads) <= 1e-9 * total)
    }
  }

  @Test func odeWorkloadsRunAGivenModel() throws {
    let folder = try makeTemporaryFolder()
    let model = folder + "/continuous.safetensors"
    let trained = try runScoreviz([
      "train", "--data", Self.dataFolder + "/moons-10k.csv", "--noise", "continuous", "--steps", "200",
      "--save", model,
    ])
    try #require(trained.status == 0, "\(trained.standardError)")
    for workload in ["sample-ode", "likelihood"] {
      let result = try runScoreviz([
        "bench", "--workload", workload, "--quick", "--json", "--data-dir", Self.dataFolder, "--model", model,
      ])
      #expect(result.status == 0, "\(result.standardError)")
      let records = jsonLines(result.standardOutput).compactMap { $0 }
      try #require(records.count == 1)
      #expect(records[0]["model"] as? String == model)
      for entry in Self.results(records[0]) { #expect(entry["all_finite"] as? Bool == true) }
    }
  }

  @Test func missingModelCannotBeOpened() throws {
    let result = try runScoreviz([
      "bench", "--workload", "likelihood", "--quick", "--json", "--data-dir", Self.dataFolder,
      "--model", "/nonexistent/model.safetensors",
    ])
    #expect(result.status == 66)
    #expect(result.standardError.contains("/nonexistent/model.safetensors: cannot open"))
    #expect(result.standardOutput.isEmpty)
  }

  @Test func oneWorkloadPrintsOneRecord() throws {
    let result = try runScoreviz([
      "bench", "--workload", "kde-score", "--quick", "--json", "--data-dir", Self.dataFolder,
    ])
    #expect(result.status == 0)
    let records = jsonLines(result.standardOutput)
    try #require(records.count == 1)
    #expect(records[0]?["workload"] as? String == "kde-score")
  }

  @Test func textReportNamesTheWorkload() throws {
    let result = try runScoreviz(["bench", "--workload", "kde-score", "--quick", "--data-dir", Self.dataFolder])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n")
    // A head line, then one indented line per data file.
    try #require(lines.count == 3)
    #expect(lines[0].hasPrefix("kde-score"))
    #expect(lines[1].hasPrefix("  points 10000  ") && lines[2].hasPrefix("  points 100000  "))
  }

  @Test func missingDataFolderCannotBeOpened() throws {
    let result = try runScoreviz(["bench", "--quick", "--json", "--data-dir", "/nonexistent"])
    #expect(result.status == 66)
    #expect(result.standardError.contains("/nonexistent/moons-10k.csv: cannot open"))
    #expect(result.standardOutput.isEmpty)
  }

  @Test func badRunsIsAUsageError() throws {
    let result = try runScoreviz(["bench", "--runs", "0"])
    #expect(result.status == 64)
    #expect(validationMessage(result.standardError) == "--runs must be at least 1, got 0")
  }

  @Test func findsTheDataBesideThePackageFromAnyFolder() throws {
    let folder = try makeTemporaryFolder()
    let result = try runScoreviz(["bench", "--workload", "kde-score", "--quick", "--json"], workingDirectory: folder)
    #expect(result.status == 0, "\(result.standardError)")
  }
}
