// `scoreviz eval` end to end: energy distance from WORKLOADS.md's formula, and model reports.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct EvalCommandTests {
  /// √(2A − B − C) with A, B, C the mean Euclidean distances over all ordered pairs
  /// (cross, within the first set including i = i′, within the second), in Double.
  static func energyDistance(_ x: [SIMD2<Double>], _ y: [SIMD2<Double>]) -> Double {
    func meanDistance(_ a: [SIMD2<Double>], _ b: [SIMD2<Double>]) -> Double {
      var total = 0.0
      for p in a {
        for q in b { total += ((p - q) * (p - q)).sum().squareRoot() }
      }
      return total / Double(a.count * b.count)
    }
    return (2 * meanDistance(x, y) - meanDistance(x, x) - meanDistance(y, y)).squareRoot()
  }

  @Test func aSetAgainstItselfIsAtDistanceZero() throws {
    let folder = try makeTemporaryFolder()
    var rng = SeededGenerator(seed: 2)
    let points = BuiltinDataset.moons.generate(count: 200, using: &rng)
    let path = folder + "/a.csv"
    try PointFileWriter.write(points, to: path)
    let result = try runScoreviz(["eval", "--samples", path, "--reference", path])
    #expect(result.status == 0)
    let report = try #require(jsonLines(result.standardOutput).first ?? nil)
    #expect(report["samples"] as? Int == 200)
    #expect(report["reference"] as? Int == 200)
    // 2A − B − C cancels to rounding (≈1e-16 of A ≈ 1), whose square root is ≈1e-8.
    let energy = try #require(report["energy_distance"] as? Double)
    #expect(energy >= 0 && energy < 1e-6)
    // Identical sets have identical sorted projections, so every 1-D W2 is exactly 0.
    #expect(report["sliced_w2"] as? Double == 0)
  }

  @Test func twoHandMadeSetsGiveTheFormulasEnergyDistance() throws {
    let folder = try makeTemporaryFolder()
    // Coordinates exact in Float, so the command's Float input loses nothing.
    let a: [SIMD2<Double>] = [SIMD2(0, 0), SIMD2(1, 0), SIMD2(0, 2), SIMD2(-1.5, 0.5)]
    let b: [SIMD2<Double>] = [SIMD2(3, 1), SIMD2(-1, -1), SIMD2(0.25, 4)]
    try PointFileWriter.write(a, to: folder + "/a.csv")
    try PointFileWriter.write(b, to: folder + "/b.csv")
    let result = try runScoreviz(["eval", "--samples", folder + "/a.csv", "--reference", folder + "/b.csv"])
    #expect(result.status == 0)
    let report = try #require(jsonLines(result.standardOutput).first ?? nil)
    let energy = try #require(report["energy_distance"] as? Double)
    // Same Double arithmetic in another order: 1e-12 relative.
    #expect(isClose(energy, Self.energyDistance(a, b), relative: 1e-12))
    let sliced = try #require(report["sliced_w2"] as? Double)
    #expect(sliced > 0 && sliced.isFinite)
  }

  @Test func pairReportCountsTheSamplesThatCopyTheReference() throws {
    let folder = try makeTemporaryFolder()
    let reference: [SIMD2<Double>] = [SIMD2(0, 0), SIMD2(1, 0), SIMD2(0, 1), SIMD2(4, 4)]
    // Brute force: nearest d₁ and second nearest d₂ in the reference; memorised when d₁ < d₂/3.
    let samples: [SIMD2<Double>] = [SIMD2(0.01, 0), SIMD2(0.5, 0), SIMD2(3.9, 4), SIMD2(0.2, 0.2), SIMD2(0, 0.9)]
    let copied = samples.filter { sample in
      let distances = reference.map { (($0 - sample) * ($0 - sample)).sum().squareRoot() }.sorted()
      return distances[0] < distances[1] / 3
    }
    #expect(copied.count == 3)
    try PointFileWriter.write(samples, to: folder + "/a.csv")
    try PointFileWriter.write(reference, to: folder + "/b.csv")
    let result = try runScoreviz(["eval", "--samples", folder + "/a.csv", "--reference", folder + "/b.csv"])
    let report = try #require(jsonLines(result.standardOutput).first ?? nil)
    #expect(report["memorised_fraction"] as? Double == Double(copied.count) / Double(samples.count))
  }

  @Test func modelReportHasOneFieldErrorPerLevel() throws {
    let model = try TrainedModel.requirePath()
    let folder = try makeTemporaryFolder()
    var rng = SeededGenerator(seed: 0)
    let data = folder + "/moons.csv"
    try PointFileWriter.write(BuiltinDataset.moons.generate(count: 300, using: &rng), to: data)
    let result = try runScoreviz([
      "eval", "--model", model, "--data", data, "--particles", "200", "--steps-per-level", "10",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let report = try #require(jsonLines(result.standardOutput).first ?? nil)
    #expect(report["model"] as? String == model)
    #expect(report["particles"] as? Int == 200)
    let energy = try #require(report["energy_distance"] as? Double)
    let sliced = try #require(report["sliced_w2"] as? Double)
    #expect(energy.isFinite && energy > 0)
    #expect(sliced.isFinite && sliced > 0)
    let levels = try #require(report["field_error"] as? [[String: Any]])
    let ladder = try ScoreModelFile.read(path: model).ladder
    try #require(levels.count == ladder.count)
    for (entry, sigma) in zip(levels, ladder.levels) {
      // Written as the Float's shortest decimal, so it reads back as that Float exactly.
      #expect(Float(try #require(entry["sigma"] as? Double)) == sigma)
      let relative = try #require(entry["relative_error"] as? Double)
      let rms = try #require(entry["weighted_rms"] as? Double)
      #expect(relative.isFinite && relative >= 0)
      #expect(rms.isFinite && rms >= 0)
    }
  }

  /// The count of d₁ < d₂/3 over `points` against `training`, by trying every pair in Double.
  static func bruteForceMemorisedFraction(_ points: [SIMD2<Double>], _ training: [SIMD2<Double>]) -> Double {
    let memorised = points.filter { point in
      let distances = training.map { ((point - $0) * (point - $0)).sum().squareRoot() }.sorted()
      return distances[0] < distances[1] / 3
    }
    return Double(memorised.count) / Double(points.count)
  }

  /// `memorised_fraction` lies in [0, 1]; with `--held-out` the data file itself every point is
  /// its own nearest data point (d₁ = 0, no duplicates among continuous moons), so the
  /// fraction is exactly 1, and for fresh points it is the brute-force fraction exactly (the
  /// CSV keeps every digit, and both compute √(dx² + dy²) in Double). Without `--held-out` the
  /// key is null.
  @Test func memorisedFractionsOfSamplesAndHeldOutPoints() throws {
    let model = try TrainedModel.requirePath()
    let folder = try makeTemporaryFolder()
    var rng = SeededGenerator(seed: 0)
    let training = BuiltinDataset.moons.generate(count: 300, using: &rng)
    let fresh = BuiltinDataset.moons.generate(count: 200, using: &rng)
    try PointFileWriter.write(training, to: folder + "/moons.csv")
    try PointFileWriter.write(fresh, to: folder + "/fresh.csv")
    let base = [
      "eval", "--model", model, "--data", folder + "/moons.csv", "--particles", "100", "--steps-per-level", "5",
    ]
    var fractions: [Double] = []
    for (heldOut, expected) in [("moons.csv", 1.0), ("fresh.csv", Self.bruteForceMemorisedFraction(fresh, training))] {
      let result = try runScoreviz(base + ["--held-out", folder + "/" + heldOut])
      #expect(result.status == 0, "\(result.standardError)")
      let report = try #require(jsonLines(result.standardOutput).first ?? nil)
      let samples = try #require(report["memorised_fraction"] as? Double)
      #expect(samples >= 0 && samples <= 1)
      fractions.append(try #require(report["held_out_memorised_fraction"] as? Double))
      #expect(fractions.last == expected, "\(heldOut)")
    }
    #expect(fractions[1] < 0.5)
    let plain = try runScoreviz(base)
    let report = try #require(jsonLines(plain.standardOutput).first ?? nil)
    #expect(report["held_out_memorised_fraction"] is NSNull)
    #expect(report["memorised_fraction"] is Double)
  }

  @Test(arguments: [
    (
      ["--samples", "a.csv", "--reference", "a.csv", "--held-out", "h.csv"],
      "--particles, --steps-per-level, --eps, --held-out, --sigmas, --data and --dataset go with --model, not --samples"
    ),
    (["--samples", "a.csv"], "--samples and --reference go together"),
    ([], "Give --samples A --reference B, or --model M --data F"),
    (
      ["--samples", "a.csv", "--reference", "a.csv", "--model", "m"],
      "Give either --samples with --reference, or --model with --data"
    ),
  ])
  func inconsistentInputsAreUsageErrors(_ options: [String], message: String) throws {
    let result = try runScoreviz(["eval"] + options)
    #expect(result.status == 64)
    #expect(validationMessage(result.standardError) == message)
  }

  @Test func missingSamplesFileCannotBeOpened() throws {
    let folder = try makeTemporaryFolder()
    let result = try runScoreviz(["eval", "--samples", folder + "/a.csv", "--reference", folder + "/b.csv"])
    #expect(result.status == 66)
    #expect(result.standardError.contains("a.csv: cannot open"))
    #expect(result.standardOutput.isEmpty)
  }
}
