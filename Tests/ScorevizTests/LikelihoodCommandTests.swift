// `scoreviz likelihood` end to end: the KDE check, units, a model, and error exits.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct LikelihoodCommandTests {
  /// 400 moons points and 25 query points written to a fresh folder.
  static func files(scale: SIMD2<Double> = .one) throws -> (
    folder: String, data: String, queries: String, points: [SIMD2<Double>], at: [SIMD2<Double>]
  ) {
    let folder = try makeTemporaryFolder()
    var rng = SeededGenerator(seed: 11)
    let points = BuiltinDataset.moons.generate(count: 400, using: &rng).map { $0 * scale }
    let at = BuiltinDataset.moons.generate(count: 25, using: &rng).map { $0 * scale }
    let data = folder + "/data.csv"
    let queries = folder + "/at.csv"
    try PointFileWriter.write(points, to: data)
    try PointFileWriter.write(at, to: queries)
    return (folder, data, queries, points, at)
  }

  /// The KDE source gives back log p_h of the standardised data at h = Scott's bandwidth, in
  /// data units: minus log(scale_x·scale_y). 10⁻³ covers Heun's error at 160 steps (MATH.md
  /// §6's check; the library test measures it).
  @Test func kdeSourceGivesTheKDELogDensityInDataUnits() throws {
    let files = try Self.files()
    let result = try runScoreviz([
      "likelihood", "--source", "kde", "--data", files.data, "--at", files.queries, "--threads", "2",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let table = try #require(PrintedTable(result.standardOutput))
    #expect(table.columnNames == ["x", "y", "log_density", "nfe"])
    try #require(table.rows.count == files.at.count)
    let map = Standardization(fitting: files.points)
    let standardised = map.standardize(files.points)
    let scott = Float(BandwidthRule.scott.bandwidth(for: standardised))
    let kde = GaussianKDE(points: standardised, bandwidth: Double(scott))
    let logDensities = table.column("log_density")
    for (k, query) in files.at.enumerated() {
      let expected = kde.logDensity(at: map.standardize(query)) - log(map.scale.x * map.scale.y)
      #expect(abs(logDensities[k] - expected) < 1e-3, "row \(k): \(logDensities[k]) vs \(expected)")
      #expect(table.column("nfe")[k] == 320)
      #expect(table.points("x", "y")[k] == query)
    }
  }

  /// Stretching the data and the queries by (10, 0.5) changes every log-density by exactly
  /// −log 5 (the standardised problem is the same); printed with round-trip digits, equal to
  /// 10⁻⁹ (the standardisation's rounding).
  @Test func stretchingTheUnitsShiftsByTheLogJacobian() throws {
    let plain = try Self.files()
    let stretched = try Self.files(scale: SIMD2(10, 0.5))
    let arguments = ["likelihood", "--source", "kde", "--steps", "20", "--at"]
    let first = try runScoreviz(arguments + [plain.queries, "--data", plain.data])
    let second = try runScoreviz(arguments + [stretched.queries, "--data", stretched.data])
    let a = try #require(PrintedTable(first.standardOutput)).column("log_density")
    let b = try #require(PrintedTable(second.standardOutput)).column("log_density")
    try #require(a.count == 25 && b.count == 25)
    for k in 0..<25 { #expect(abs(b[k] - (a[k] - log(5))) < 1e-9, "row \(k)") }
  }

  /// The shared model's ladder tops out at σ = 1: a warning, and finite log-densities with
  /// 2·steps evaluations each, as JSON with σ_min and σ_max from the ladder.
  @Test func modelSourceWarnsAboutASmallSigmaMax() throws {
    let model = try TrainedModel.requirePath()
    let files = try Self.files()
    let result = try runScoreviz([
      "likelihood", "--model", model, "--at", files.queries, "--steps", "30", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError.contains("warning: σ_max = 1.0 is below 4"))
    let object = try #require(jsonObject(Substring(result.standardOutput.trimmingCharacters(in: .newlines))))
    #expect(object["sigma_max"] as? Double == 1)
    // The Float σ_min in its shortest form: 0.01, not 0.009999999776482582.
    #expect(object["sigma_min"] as? Double == 0.01)
    let rows = try #require(object["rows"] as? [[Double]])
    try #require(rows.count == 25)
    #expect(rows.allSatisfy { $0[2].isFinite && $0[3] == 60 })
    let quiet = try runScoreviz(["likelihood", "--model", model, "--at", files.queries, "--sigma-max", "5"])
    #expect(quiet.status == 0 && !quiet.standardError.contains("warning"), "\(quiet.standardError)")
  }

  /// Two equal points: the standardisation is a shift, the KDE at h = σ_min is N(point, h²I),
  /// log p(q) = −log(2πh²) − ‖q − point‖²/(2h²). Without spread Scott's rule has no h, so
  /// σ_min must be given. Heun's error for this field at σ_min = 0.5 and 160 steps is below
  /// 10⁻³ (the same steps in Double elsewhere: 1.6·10⁻⁴, the same at every point, since the
  /// path is x(σ) = x₀·σ/σ_min).
  @Test func dataWithoutSpreadNeedsSigmaMinAndGivesTheGaussian() throws {
    let folder = try makeTemporaryFolder()
    let data = try writeTextFile("x,y\n2,-1\n2,-1\n", named: "same.csv", in: folder)
    let at = try writeTextFile("x,y\n2,-1\n2.5,0\n1,-1.3\n", named: "at.csv", in: folder)
    let result = try runScoreviz([
      "likelihood", "--source", "kde", "--data", data, "--at", at, "--sigma-min", "0.5",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let table = try #require(PrintedTable(result.standardOutput))
    try #require(table.rows.count == 3)
    for (k, q) in table.points("x", "y").enumerated() {
      let d = q - SIMD2(2, -1)
      let expected = -log(2 * Double.pi * 0.25) - (d * d).sum() / 0.5
      #expect(abs(table.column("log_density")[k] - expected) < 1e-3, "row \(k)")
    }
    let noSpread = try runScoreviz(["likelihood", "--source", "kde", "--data", data, "--at", at])
    #expect(noSpread.status == 65 && noSpread.standardError.contains("give --sigma-min"))
  }

  @Test func badInputsExitWithTheirCodesAndWriteNothing() throws {
    let files = try Self.files()
    let output = files.folder + "/out.csv"
    let base = ["likelihood", "--source", "kde", "--data", files.data, "-o", output]
    let cases: [([String], Int32, String)] = [
      (["--at", files.queries, "--steps", "0"], 64, "--steps must be at least 1, got 0"),
      (["--at", files.queries, "--steps", "100001"], 64, "--steps must be at most 100000"),
      (["--at", files.queries, "--threads", "0"], 64, "--threads must be at least 1"),
      (["--at", files.queries, "--sigma-min", "2", "--sigma-max", "1"], 64, "must be below --sigma-max"),
      (["--at", files.queries, "--sigma-min", "7"], 64, "must be below σ_max 5.0"),
      (["--at", files.folder + "/missing.csv"], 66, "missing.csv"),
      (["--at", try writeTextFile("x,y\n1,2\n3,abc\n", named: "bad.csv", in: files.folder)], 65, "bad.csv:3:"),
      (["--at", files.queries, "--model", "m.safetensors"], 64, "--model goes with --source model"),
    ]
    for (extra, code, message) in cases {
      let result = try runScoreviz(base + extra)
      #expect(result.status == code, "\(extra): \(result.standardError)")
      #expect(result.standardError.contains(message), "\(extra): \(result.standardError)")
      #expect(!FileManager.default.fileExists(atPath: output), "\(extra)")
    }
    let noModel = try runScoreviz(["likelihood", "--at", files.queries])
    #expect(noModel.status == 64 && noModel.standardError.contains("--source model needs --model FILE"))
  }
}
