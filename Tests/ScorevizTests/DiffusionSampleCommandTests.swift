// `scoreviz sample --sampler sde|pc|ode|heun` end to end: the exact KDE score, a model, paths and usage errors.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct DiffusionSampleCommandTests {
  /// Four data points at the corners of a 4 × 2 box: standardised, each axis has scale ≈ 2.31
  /// (x) and 1.15 (y).
  static let corners = "x,y\n0,0\n4,0\n0,2\n4,2\n"

  /// With the exact score of the data convolved with N(0, σ²I) every sampler ends on the
  /// training points (p_{σ_min} is four bumps of width σ_min = 0.01 standardised, ≤ 0.023 in
  /// data units; MATH.md §7). Every sample must lie within 0.15 of a corner: 5 widths plus the
  /// integrator's error. The NFE line counts 1, 1 + M or 2 (last 1) per step.
  @Test(arguments: [("sde", 100), ("pc", 200), ("ode", 100), ("heun", 199)])
  func exactKDEScoreEndsOnTheTrainingPoints(sampler: String, nfe: Int) throws {
    let folder = try makeTemporaryFolder()
    let data = try writeTextFile(Self.corners, named: "corners.csv", in: folder)
    let result = try runScoreviz([
      "sample", "--sampler", sampler, "--source", "kde", "--data", data, "--particles", "200", "--steps", "100",
      "-o", folder + "/out.csv",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError == "nfe: \(nfe)\n")
    let samples = try PointFileReader.read(path: folder + "/out.csv").points
    #expect(samples.count == 200)
    let cornerPoints = [SIMD2<Double>(0, 0), SIMD2(4, 0), SIMD2(0, 2), SIMD2(4, 2)]
    let distances = samples.map { sample in
      cornerPoints.map { (($0 - sample) * ($0 - sample)).sum().squareRoot() }.min()!
    }
    #expect(distances.max()! < 0.15, "farthest sample \(distances.max()!)")
    // All four corners are reached (each has probability 1/4; missing one among 200 is ≈ 1e-25).
    for corner in cornerPoints {
      #expect(samples.contains { (($0 - corner) * ($0 - corner)).sum() < 0.15 * 0.15 })
    }
  }

  /// The ODE under VE and VP from the same seed ends on the same particles (VP is the change
  /// of variables y = α·x); Float rounding over 40 steps stays below 1e-3 in data units.
  @Test(arguments: ["ode", "heun"])
  func veAndVPAgreeParticleByParticle(sampler: String) throws {
    let folder = try makeTemporaryFolder()
    let data = try writeTextFile(Self.corners, named: "corners.csv", in: folder)
    var runs: [[SIMD2<Double>]] = []
    for process in ["ve", "vp"] {
      let result = try runScoreviz([
        "sample", "--sampler", sampler, "--process", process, "--source", "kde", "--data", data, "--particles",
        "50", "--steps", "40", "--seed", "3",
      ])
      #expect(result.status == 0, "\(result.standardError)")
      runs.append(try PointFileReader.parse(Array(result.standardOutput.utf8), file: "stdout").points)
    }
    #expect(runs[0].count == 50 && runs[1].count == 50)
    for (a, b) in zip(runs[0], runs[1]) {
      #expect(abs(a.x - b.x) < 1e-3 && abs(a.y - b.y) < 1e-3, "\(a) vs \(b)")
    }
  }

  /// The paths file: K·(n + 1) rows, σ from σ_max = 5 down to σ_min = 0.01 on Karras' steps,
  /// the start within a few σ_max of the data and the last row of each path the written sample.
  @Test func trajectoriesHoldEveryLevelOfTheFirstParticles() throws {
    let folder = try makeTemporaryFolder()
    let data = try writeTextFile(Self.corners, named: "corners.csv", in: folder)
    let result = try runScoreviz([
      "sample", "--sampler", "heun", "--source", "kde", "--data", data, "--particles", "20", "--steps", "10",
      "--trajectories", folder + "/paths.csv", "--trajectory-particles", "3", "-o", folder + "/out.csv",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let text = try String(contentsOfFile: folder + "/paths.csv", encoding: .utf8)
    let table = try #require(PrintedTable(text))
    #expect(table.columnNames == ["particle", "step", "sigma", "x", "y"])
    #expect(table.rows.count == 3 * 11)
    let levels = KarrasSteps.levels(maximum: 5, minimum: 0.01, count: 11)
    let samples = try PointFileReader.read(path: folder + "/out.csv").points
    for (index, row) in table.rows.enumerated() {
      let particle = index / 11
      let step = index % 11
      #expect(row[0] == Double(particle) && row[1] == Double(step))
      #expect(abs(row[2] - Double(levels[step])) < 1e-6 * Double(levels[step]))
      if step == 10 {
        #expect(abs(row[3] - samples[particle].x) < 1e-9 && abs(row[4] - samples[particle].y) < 1e-9)
      }
    }
  }

  /// A trained model: pc with M = 2 makes 3 evaluations per step; the same seed and thread
  /// count write the same file.
  @Test func modelSamplesArePerSeedAndCountTheirEvaluations() throws {
    let model = try TrainedModel.requirePath()
    let folder = try makeTemporaryFolder()
    var files: [Data] = []
    for name in ["a", "b"] {
      let out = folder + "/\(name).csv"
      let result = try runScoreviz([
        "sample", "--model", model, "--sampler", "pc", "--corrector-steps", "2", "--steps", "10", "--particles",
        "100", "--threads", "2", "--process", "vp", "-o", out,
      ])
      #expect(result.status == 0, "\(result.standardError)")
      #expect(result.standardError == "nfe: 30\n")
      files.append(try Data(contentsOf: URL(fileURLWithPath: out)))
    }
    #expect(files[0] == files[1])
    let points = try PointFileReader.read(path: folder + "/a.csv").points
    #expect(points.count == 100 && points.allSatisfy { $0.x.isFinite && $0.y.isFinite })
  }

  /// Flags that the chosen sampler or source does not use are usage errors naming the flag,
  /// and nothing is written.
  @Test(arguments: [
    (["--sampler", "sde", "--snr", "0.2"], "--snr goes with --sampler pc"),
    (["--sampler", "heun", "--corrector-steps", "2"], "--corrector-steps goes with --sampler pc"),
    (["--process", "vp"], "--process goes with --sampler sde, pc, ode or heun"),
    (["--plain", "--sigma-min", "0.1"], "--sigma-min goes with --sampler sde, pc, ode or heun"),
    (["--trajectories", "t.csv"], "--trajectories goes with --sampler sde, pc, ode or heun"),
    (["--sampler", "ode", "--eps", "0.1"], "--eps goes with --sampler annealed or langevin"),
    (["--sampler", "ode", "--sigma", "0.1"], "--sigma goes with --sampler langevin (--plain)"),
    (["--sampler", "ode", "--steps-per-level", "3"], "--steps-per-level goes with --sampler annealed"),
    (["--plain", "--sampler", "ode"], "--plain is --sampler langevin; it does not go with --sampler ode"),
    (["--sampler", "ode", "--steps", "0"], "--steps must be at least 1, got 0"),
    (["--sampler", "ode", "--steps", "2000000"], "--steps must be at most 1000000, got 2000000"),
    (["--sampler", "pc", "--corrector-steps", "5000"], "--corrector-steps must be at most 1000, got 5000"),
    (["--sampler", "pc", "--snr", "0"], "--snr must be positive, got 0.0"),
    (["--sampler", "ode", "--sigma-min", "2", "--sigma-max", "1"], "--sigma-min 2.0 is above --sigma-max 1.0"),
    (["--sampler", "ode", "--sigma-max", "1e9"], "--sigma-max must be between 1e-06 and 1e+06, got 1e+09"),
    (["--sampler", "ode", "--trajectory-particles", "5"], "--trajectory-particles goes with --trajectories FILE"),
    (
      ["--sampler", "ode", "--trajectories", "t.csv", "--trajectory-particles", "1000000000"],
      "--trajectory-particles must be at most 100000, got 1000000000"
    ),
    (
      ["--sampler", "ode", "--trajectories", "t.csv", "--trajectory-particles", "5000", "--steps", "10000"],
      "--trajectories would have 5000 × 10001 rows, more than 5000000; give fewer --trajectory-particles or --steps"
    ),
    (["--sampler", "ode", "--trajectories", "-"], "--trajectories needs a file: standard output is for the samples"),
  ])
  func flagsThatDoNotApplyAreUsageErrors(arguments: [String], message: String) throws {
    let folder = try makeTemporaryFolder()
    let result = try runScoreviz(
      ["sample", "--model", "m.safetensors"] + arguments, workingDirectory: folder)
    #expect(result.status == 64, "\(result.standardError)")
    #expect(validationMessage(result.standardError) == message)
    #expect(result.standardOutput.isEmpty)
    #expect(try folderContents(folder).isEmpty)
  }

  @Test(arguments: [
    (["sample", "--source", "kde", "--data", "p.csv"], "--source kde goes with --sampler sde, pc, ode or heun"),
    (["sample", "--sampler", "sde", "--source", "kde"], "--source kde needs --data FILE or --dataset NAME"),
    (["sample", "--sampler", "sde"], "--source model needs --model FILE"),
    (
      ["sample", "--sampler", "sde", "--source", "kde", "--data", "p.csv", "--model", "m.safetensors"],
      "--model goes with --source model"
    ),
    (
      ["sample", "--sampler", "sde", "--source", "kde", "--data", "p.csv", "--sigmas", "1:0.1:3"],
      "--sigmas goes with --source model"
    ),
  ])
  func sourceFlagsAreChecked(arguments: [String], message: String) throws {
    let result = try runScoreviz(arguments)
    #expect(result.status == 64, "\(result.standardError)")
    #expect(validationMessage(result.standardError) == message)
  }

  /// A σ_min given above the KDE's default σ_max of 5 is a usage error found after loading.
  @Test func sigmaMinAboveTheDefaultMaximumIsAUsageError() throws {
    let folder = try makeTemporaryFolder()
    let data = try writeTextFile(Self.corners, named: "corners.csv", in: folder)
    let result = try runScoreviz([
      "sample", "--sampler", "ode", "--source", "kde", "--data", data, "--sigma-min", "7", "-o", folder + "/o.csv",
      "--trajectories", folder + "/t.csv",
    ])
    #expect(result.status == 64)
    #expect(
      validationMessage(result.standardError)
        == "--sigma-min 7.0 is on the wrong side of the default σ_max 5.0 of \(data)")
    #expect(try folderContents(folder) == ["corners.csv"])
  }

  /// A data file that is missing: exit 66, no output and no paths file.
  @Test func missingDataWritesNothing() throws {
    let folder = try makeTemporaryFolder()
    let result = try runScoreviz([
      "sample", "--sampler", "heun", "--source", "kde", "--data", folder + "/absent.csv", "-o", folder + "/o.csv",
      "--trajectories", folder + "/t.csv",
    ])
    #expect(result.status == 66)
    #expect(result.standardError.contains("absent.csv: cannot open"))
    #expect(try folderContents(folder).isEmpty)
  }
}
