// `scoreviz eval --model` comparing samplers and reporting held-out likelihoods, checked against formulas and `sample`.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct EvalSamplerTests {
  /// 300 moons points from seed 0 written to a fresh folder.
  static func moonsFile() throws -> (folder: String, path: String, points: [SIMD2<Double>]) {
    let folder = try makeTemporaryFolder()
    var rng = SeededGenerator(seed: 0)
    let points = BuiltinDataset.moons.generate(count: 300, using: &rng)
    let path = folder + "/moons.csv"
    try PointFileWriter.write(points, to: path)
    return (folder, path, points)
  }

  /// The one JSON report of a successful run.
  static func report(_ arguments: [String]) throws -> [String: Any] {
    let result = try runScoreviz(arguments)
    #expect(result.status == 0, "\(arguments): \(result.standardError)")
    return try #require(jsonLines(result.standardOutput).first ?? nil)
  }

  /// One entry per sampler, in the order asked for, with the NFE of each sampler's definition
  /// (MATH.md §5–6, `DiffusionSampler`'s counting): annealed L·T over the L = 10 levels of the
  /// shared model's ladder, langevin its 1000 default steps, and for n = 6 σ steps sde and ode
  /// n, pc n·(1 + M) with M = 1, heun 2n − 1. The distances are finite and non-negative and
  /// the memorised fractions shares.
  @Test func oneEntryPerSamplerWithItsEvaluationCount() throws {
    let model = try TrainedModel.requirePath()
    let data = try Self.moonsFile()
    let report = try Self.report([
      "eval", "--model", model, "--data", data.path, "--samplers", "heun,annealed,langevin,sde,pc,ode",
      "--particles", "40", "--steps", "6", "--steps-per-level", "3",
    ])
    let entries = try #require(report["samplers"] as? [[String: Any]])
    let n = 6
    let expected: [(String, Int)] = [
      ("heun", 2 * n - 1), ("annealed", 10 * 3), ("langevin", 1_000), ("sde", n), ("pc", n * (1 + 1)), ("ode", n),
    ]
    try #require(entries.count == expected.count)
    for (entry, (name, nfe)) in zip(entries, expected) {
      #expect(entry["name"] as? String == name)
      #expect(entry["nfe"] as? Int == nfe, "\(name)")
      let energy = try #require(entry["energy_distance"] as? Double)
      let sliced = try #require(entry["sliced_w2"] as? Double)
      let memorised = try #require(entry["memorised_fraction"] as? Double)
      #expect(energy.isFinite && energy >= 0, "\(name)")
      #expect(sliced.isFinite && sliced >= 0, "\(name)")
      #expect(memorised >= 0 && memorised <= 1, "\(name)")
      if name == "annealed" {
        #expect(report["energy_distance"] as? Double == energy)
        #expect(report["sliced_w2"] as? Double == sliced)
        #expect(report["memorised_fraction"] as? Double == memorised)
      }
    }
    #expect(report["held_out_nll"] is NSNull && report["kde_held_out_nll"] is NSNull)
    let withoutAnnealed = try Self.report([
      "eval", "--model", model, "--data", data.path, "--samplers", "ode", "--particles", "20", "--steps", "4",
    ])
    #expect(withoutAnnealed["energy_distance"] is NSNull && withoutAnnealed["memorised_fraction"] is NSNull)
  }

  /// A sampler's figures in `eval --model` equal those of `scoreviz sample` with the same
  /// seed and settings followed by `eval --samples --reference`: the CSV keeps every digit, so
  /// both compare the same Float points, and the JSON prints the same shortest decimals. The
  /// memorised fraction equals the brute-force count over the sampled file.
  @Test(arguments: [
    ("annealed", ["--steps-per-level", "4"]), ("pc", ["--steps", "8"]), ("heun", ["--steps", "8"]),
  ])
  func figuresMatchSampleThenEval(sampler: String, settings: [String]) throws {
    let model = try TrainedModel.requirePath()
    let data = try Self.moonsFile()
    let samples = data.folder + "/samples.csv"
    let sampled = try runScoreviz(
      ["sample", "--model", model, "--sampler", sampler, "--particles", "60", "--seed", "5", "-o", samples]
        + settings)
    #expect(sampled.status == 0, "\(sampled.standardError)")
    let pair = try Self.report(["eval", "--samples", samples, "--reference", data.path])
    let report = try Self.report(
      ["eval", "--model", model, "--data", data.path, "--samplers", sampler, "--particles", "60", "--seed", "5"]
        + settings)
    let entry = try #require((report["samplers"] as? [[String: Any]])?.first)
    #expect(entry["energy_distance"] as? Double == pair["energy_distance"] as? Double)
    #expect(entry["sliced_w2"] as? Double == pair["sliced_w2"] as? Double)
    let points = try PointFileReader.read(path: samples).points
    #expect(
      entry["memorised_fraction"] as? Double
        == EvalCommandTests.bruteForceMemorisedFraction(points, data.points))
    #expect("nfe: \(try #require(entry["nfe"] as? Int))\n" == sampled.standardError)
  }

  /// n points of N(mean, diag(sd²)) by Box–Muller in Double.
  static func gaussianPoints(
    count: Int, mean: SIMD2<Double>, sd: SIMD2<Double>, rng: inout SeededGenerator
  ) -> [SIMD2<Double>] {
    (0..<count).map { _ in
      let radius = (-2 * log(Double.random(in: Double.ulpOfOne..<1, using: &rng))).squareRoot()
      let angle = 2 * Double.pi * Double.random(in: 0..<1, using: &rng)
      return mean + sd * SIMD2(radius * cos(angle), radius * sin(angle))
    }
  }

  /// log of the Gaussian KDE (1/N) Σ exp(−‖z − zᵢ‖²/(2h²))/(2πh²) by log-sum-exp over every point.
  static func kdeLogDensity(_ z: SIMD2<Double>, points: [SIMD2<Double>], h: Double) -> Double {
    let exponents = points.map { -((z - $0) * (z - $0)).sum() / (2 * h * h) }
    let top = exponents.max()!
    let sum = exponents.reduce(0) { $0 + exp($1 - top) }
    return top + log(sum) - log(Double(points.count)) - log(2 * Double.pi * h * h)
  }

  /// A model whose network is all zeros has s ≡ 0: the ODE leaves every point where it is
  /// with no divergence, so log p_{σ_min}(x) is the end density N(0, (1 + σ_max²)I) at
  /// z = (x − mean)/scale, minus log(scale_x·scale_y). The data are Gaussian; the KDE figure
  /// is the brute-force log-sum-exp in Double at h = σ_min in the model's standardised
  /// units, with the same Jacobian. Both agree to 1e-12 relative (the order of the sums).
  @Test func heldOutLikelihoodsMatchClosedFormAndBruteForce() throws {
    let folder = try makeTemporaryFolder()
    let mean = SIMD2<Double>(1, -2)
    let scale = SIMD2<Double>(2, 0.5)
    let network = try ScoreNetwork(parameters: [Float](repeating: 0, count: NetworkShape.standard.parameterCount))
    let modelPath = folder + "/zero.safetensors"
    try ScoreModelFile(
      network: network, ladder: try NoiseLadder(parsing: "5:0.2:4"),
      standardization: Standardization(mean: mean, scale: scale)
    ).write(to: modelPath)
    let file = try ScoreModelFile.read(path: modelPath)
    var rng = SeededGenerator(seed: 7)
    let data = Self.gaussianPoints(count: 300, mean: mean, sd: scale, rng: &rng)
    let heldOut = Self.gaussianPoints(count: 40, mean: mean, sd: scale, rng: &rng)
    try PointFileWriter.write(data, to: folder + "/data.csv")
    try PointFileWriter.write(heldOut, to: folder + "/held.csv")
    let result = try runScoreviz([
      "eval", "--model", modelPath, "--data", folder + "/data.csv", "--held-out", folder + "/held.csv",
      "--samplers", "ode", "--particles", "10", "--steps", "2",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError.isEmpty, "σ_max = 5 draws no warning")
    let report = try #require(jsonLines(result.standardOutput).first ?? nil)
    let stored = file.standardization
    let logJacobian = log(stored.scale.x * stored.scale.y)
    let variance = 1 + Double(file.ladder.maximum) * Double(file.ladder.maximum)
    let standardised = { (p: SIMD2<Double>) in (p - stored.mean) / stored.scale }
    let gaussian = heldOut.map { point in
      let z = standardised(point)
      return -log(2 * Double.pi * variance) - (z * z).sum() / (2 * variance) - logJacobian
    }
    let model = try #require(report["held_out_nll"] as? Double)
    #expect(isClose(model, -gaussian.reduce(0, +) / 40, relative: 1e-12))
    let h = Double(file.ladder.minimum)
    let kde = heldOut.map {
      Self.kdeLogDensity(standardised($0), points: data.map(standardised), h: h) - logJacobian
    }
    let kdeNLL = try #require(report["kde_held_out_nll"] as? Double)
    #expect(isClose(kdeNLL, -kde.reduce(0, +) / 40, relative: 1e-12))
    #expect(
      report["held_out_memorised_fraction"] as? Double == EvalCommandTests.bruteForceMemorisedFraction(heldOut, data))
  }

  /// With a trained model, held_out_nll is −mean of the log_density column that `scoreviz
  /// likelihood --model M --at H` prints with its defaults (160 steps over the ladder's σ
  /// range), both in data units; the CSV keeps every digit, so they agree to the order of
  /// the sum (1e-12 relative). Both warn that σ_max = 1 is too small.
  @Test func modelNLLIsTheLikelihoodCommandsMean() throws {
    let model = try TrainedModel.requirePath()
    let data = try Self.moonsFile()
    var rng = SeededGenerator(seed: 9)
    let heldOut = data.folder + "/held.csv"
    try PointFileWriter.write(BuiltinDataset.moons.generate(count: 30, using: &rng), to: heldOut)
    let likelihood = try runScoreviz(["likelihood", "--model", model, "--at", heldOut])
    #expect(likelihood.status == 0, "\(likelihood.standardError)")
    let logDensities = try #require(PrintedTable(likelihood.standardOutput)).column("log_density")
    try #require(logDensities.count == 30)
    let result = try runScoreviz([
      "eval", "--model", model, "--data", data.path, "--held-out", heldOut, "--samplers", "ode", "--particles",
      "10", "--steps", "2",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError.hasPrefix("warning: σ_max = 1.0 is below 4"), "\(result.standardError)")
    let report = try #require(jsonLines(result.standardOutput).first ?? nil)
    let nll = try #require(report["held_out_nll"] as? Double)
    #expect(isClose(nll, -logDensities.reduce(0, +) / 30, relative: 1e-12))
  }

  /// `--format table`: one row per sampler under the header, every cell `NumberText.compact`
  /// of the JSON figure from the same seed, the columns aligned (every line of the sampler
  /// table as long as the header).
  @Test func tableShowsTheJSONFiguresAligned() throws {
    let model = try TrainedModel.requirePath()
    let data = try Self.moonsFile()
    let arguments = [
      "eval", "--model", model, "--data", data.path, "--samplers", "sde,heun", "--particles", "30", "--steps", "5",
    ]
    let json = try Self.report(arguments)
    let table = try runScoreviz(arguments + ["--format", "table"])
    #expect(table.status == 0, "\(table.standardError)")
    let lines = table.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let header = try #require(lines.firstIndex { $0.hasPrefix("sampler") })
    #expect(lines[header].split(separator: " ", omittingEmptySubsequences: true).first == "sampler")
    let entries = try #require(json["samplers"] as? [[String: Any]])
    for (offset, entry) in entries.enumerated() {
      let row = lines[header + 1 + offset]
      #expect(row.count == lines[header].count, "\(row)")
      let cells = row.split(separator: " ").map(String.init)
      let expected =
        [
          try #require(entry["name"] as? String), String(try #require(entry["nfe"] as? Int)),
        ]
        + ["energy_distance", "sliced_w2", "memorised_fraction"].map { key in
          NumberText.compact(entry[key] as? Double ?? .nan, missing: "-")
        }
      #expect(cells == expected)
    }
    #expect(lines[header + 1 + entries.count].isEmpty)
    #expect(table.standardOutput.contains("NLL, model (nats/point)"))
  }

  @Test(arguments: [
    (
      ["--model", "m.safetensors", "--samplers", "ode,euler"],
      "--samplers: unknown sampler 'euler'; choose from annealed, langevin, sde, pc, ode, heun"
    ),
    (
      ["--model", "m.safetensors", "--samplers", "ode,,sde"],
      "--samplers: unknown sampler ''; choose from annealed, langevin, sde, pc, ode, heun"
    ),
    (["--model", "m.safetensors", "--samplers", "ode,heun,ode"], "--samplers names 'ode' twice"),
    (
      ["--samples", "a.csv", "--reference", "b.csv", "--samplers", "ode"], "--samplers goes with --model, not --samples"
    ),
    (["--samples", "a.csv", "--reference", "b.csv", "--steps", "5"], "--steps goes with --model, not --samples"),
    (
      ["--model", "m.safetensors", "--samplers", "ode", "--steps-per-level", "5"],
      "--steps-per-level goes with annealed, which --samplers leaves out"
    ),
    (
      ["--model", "m.safetensors", "--samplers", "sde", "--eps", "1e-4"],
      "--eps goes with annealed or langevin, which --samplers leaves out"
    ),
    (
      ["--model", "m.safetensors", "--samplers", "annealed", "--steps", "5"],
      "--steps goes with sde, pc, ode or heun, which --samplers leaves out"
    ),
    (["--model", "m.safetensors", "--steps", "0"], "--steps must be at least 1, got 0"),
    (["--model", "m.safetensors", "--threads", "65"], "--threads must be at most 64, got 65"),
  ])
  func badSamplerFlagsAreUsageErrors(_ options: [String], message: String) throws {
    let result = try runScoreviz(["eval"] + options)
    #expect(result.status == 64)
    #expect(validationMessage(result.standardError) == message)
    #expect(result.standardOutput.isEmpty)
  }
}
