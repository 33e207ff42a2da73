// A model file without scoreviz metadata: --sigmas and --data supply it, and a file that has it refuses them.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

/// The refusal of `--sigmas` for a file that records its ladder (MODEL stands for its path).
private let recordsLadder =
  "--sigmas: MODEL records its noise levels (1.0:0.01:10); --sigmas is for a model file without them"
/// The refusal of `--data` as a standardisation for a file that records one.
private let recordsStandardisation =
  "--data: MODEL records its standardisation (data_mean, data_scale); with --source model, --data and "
  + "--dataset are for a model file without it"

@Suite struct ModelMetadataFlagTests {
  /// Points whose mean and spread are far from (0, 0) and (1, 1), so standardising matters.
  static let points: [SIMD2<Double>] = (0..<40).map { i in
    let t = Double(i)
    return SIMD2(30 + 4 * sin(t * 0.7), -12 + 0.5 * cos(t * 1.3) + 0.01 * t)
  }

  /// The z-score of `points` by its definition: mean, and the sample standard deviation per axis.
  static var fittedByHand: Standardization {
    let n = Double(points.count)
    let mean = points.reduce(SIMD2<Double>.zero, +) / n
    let squares = points.reduce(SIMD2<Double>.zero) { $0 + ($1 - mean) * ($1 - mean) }
    return Standardization(mean: mean, scale: (squares / (n - 1)).squareRoot())
  }

  /// One network written twice: with scoreviz's metadata (`ladder`, `standardization`) and,
  /// as PyTorch's `save_file` would write it, with none.
  struct Pair {
    var withMetadata: String
    var withoutMetadata: String
    var data: String
  }

  static func writePair(ladder: NoiseLadder, standardization: Standardization) throws -> Pair {
    let folder = try makeTemporaryFolder()
    var random = SeededGenerator(seed: 11)
    let model = ScoreModelFile(
      network: ScoreNetwork(using: &random), ladder: ladder, standardization: standardization)
    let full = folder + "/with.safetensors"
    try model.write(to: full)
    var bare = model.safetensors
    bare.metadata = [:]
    let stripped = folder + "/without.safetensors"
    try Data(bare.encode()).write(to: URL(fileURLWithPath: stripped))
    let csv = "x,y\n" + points.map { "\($0.x),\($0.y)" }.joined(separator: "\n") + "\n"
    return Pair(
      withMetadata: full, withoutMetadata: stripped, data: try writeTextFile(csv, named: "data.csv", in: folder))
  }

  @Test func dataStandardisesAModelWithoutMetadataAsTrainWould() throws {
    let pair = try Self.writePair(ladder: .standard, standardization: Self.fittedByHand)
    let field = ["field", "--sigma", "0.5", "--grid", "5x4", "--data", pair.data, "--model"]
    let recorded = try runScoreviz(field + [pair.withMetadata])
    #expect(recorded.status == 0, "\(recorded.standardError)")
    let supplied = try runScoreviz(field + [pair.withoutMetadata, "--sigmas", "1.0:0.01:10"])
    #expect(supplied.status == 0, "\(supplied.standardError)")
    #expect(supplied.standardError.contains("standardising by the mean and scale of \(pair.data), as train does"))
    #expect(!supplied.standardError.contains("warning"))
    let expected = try #require(PrintedTable(recorded.standardOutput)).points("score_x", "score_y")
    let got = try #require(PrintedTable(supplied.standardOutput)).points("score_x", "score_y")
    try #require(expected.count == 20 && got.count == 20)
    for (e, g) in zip(expected, got) {
      #expect(abs(e.x - g.x) <= 1e-9 * max(1, abs(e.x)) && abs(e.y - g.y) <= 1e-9 * max(1, abs(e.y)))
    }

    // Without --data the field is taken as already standardised: other numbers, and a warning.
    let assumed = try runScoreviz(["field", "--sigma", "0.5", "--grid", "5x4", "--model", pair.withoutMetadata])
    #expect(assumed.status == 0, "\(assumed.standardError)")
    #expect(assumed.standardError.contains("warning: \(pair.withoutMetadata) has no scoreviz metadata; assuming"))
    #expect(assumed.standardError.contains("--data FILE, the data it was trained on, standardises as train does"))
    #expect(assumed.standardError.contains("--sigmas MAX:MIN:L gives the ones it was trained on"))
  }

  @Test func sigmasGiveTheLadderOfAModelWithoutMetadata() throws {
    let ladder = try NoiseLadder(parsing: "2.0:0.05:5")
    let pair = try Self.writePair(ladder: ladder, standardization: .identity)
    let sample = ["sample", "--particles", "30", "--steps-per-level", "3", "--seed", "4", "--model"]
    let recorded = try runScoreviz(sample + [pair.withMetadata])
    #expect(recorded.status == 0, "\(recorded.standardError)")
    let supplied = try runScoreviz(sample + [pair.withoutMetadata, "--sigmas", "2.0:0.05:5"])
    #expect(supplied.status == 0, "\(supplied.standardError)")
    #expect(supplied.standardError.contains("using --sigmas 2.0:0.05:5"))
    #expect(supplied.standardOutput == recorded.standardOutput)
    #expect(!recorded.standardOutput.isEmpty)

    // The default ladder anneals from σ = 1, not 2: other particles.
    let assumed = try runScoreviz(sample + [pair.withoutMetadata])
    #expect(assumed.status == 0, "\(assumed.standardError)")
    #expect(assumed.standardOutput != recorded.standardOutput)
    #expect(assumed.standardError.contains("the noise levels 1.0:0.01:10"))
  }

  @Test(arguments: [
    (["sample", "--sigmas", "1:0.1:3"], recordsLadder),
    (["field", "--sigma", "1", "--sigmas", "1:0.1:3"], recordsLadder),
    (["eval", "--sigmas", "1:0.1:3", "--data", "DATA"], recordsLadder),
    (["live", "--sigmas", "1:0.1:3"], recordsLadder),
    (["likelihood", "--data", "DATA", "--at", "DATA"], recordsStandardisation),
    (["sample", "--dataset", "moons"], recordsStandardisation),
  ])
  func aFileThatRecordsItsMetadataRefusesTheFlags(arguments: [String], message: String) throws {
    let pair = try Self.writePair(ladder: .standard, standardization: Self.fittedByHand)
    let substituted = arguments.map { $0 == "DATA" ? pair.data : $0 }
    let result = try runScoreviz(substituted + ["--model", pair.withMetadata])
    #expect(result.status == 64, "\(result.standardError)")
    let expected = message.replacingOccurrences(of: "MODEL", with: pair.withMetadata)
    #expect(validationMessage(result.standardError) == expected)
  }
}
