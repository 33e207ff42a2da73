// `scoreviz train` end to end: the summary line, the saved model, objectives and error exits.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct TrainCommandTests {
  static let shortRun = ["train", "--steps", "30", "--batch", "64", "--dataset", "moons", "-n", "500"]

  @Test func printsOneSummaryLine() throws {
    let result = try runScoreviz(Self.shortRun)
    #expect(result.status == 0)
    let lines = jsonLines(result.standardOutput)
    try #require(lines.count == 1)
    let summary = try #require(lines[0])
    #expect(summary["dataset"] as? String == "moons")
    #expect(summary["points"] as? Int == 500)
    #expect(summary["objective"] as? String == "ncsn")
    #expect(summary["steps"] as? Int == 30)
    #expect(summary["batch"] as? Int == 64)
    let loss = try #require(summary["loss"] as? Double)
    // The NCSN loss ½E‖σs + z‖² starts near ½E‖z‖² = 1 for a fresh network and never goes
    // below 0; a few steps cannot take it far.
    #expect(loss.isFinite && loss > 0 && loss < 5)
    let rate = try #require(summary["samples_per_second"] as? Double)
    #expect(rate > 0 && rate.isFinite)
    #expect(summary["model"] is NSNull)
    // Without a terminal on stderr there is no progress bar.
    #expect(result.standardError.isEmpty)
  }

  /// `--hidden 24 --layers 2` trains and saves that network, and every command that takes a
  /// model opens it: the field is the saved network's, sample and likelihood run on it.
  @Test func networkOfAnotherShapeIsTrainedSavedAndUsed() throws {
    let folder = try makeTemporaryFolder()
    let path = folder + "/narrow.safetensors"
    let result = try runScoreviz(Self.shortRun + ["--hidden", "24", "--layers", "2", "--save", path])
    #expect(result.status == 0, "\(result.standardError)")
    let summary = try #require(jsonLines(result.standardOutput).first ?? nil)
    #expect(summary["hidden"] as? Int == 24)
    #expect(summary["layers"] as? Int == 2)
    let model = try ScoreModelFile.read(path: path)
    #expect(model.network.shape == (try NetworkShape(hiddenWidth: 24, hiddenLayers: 2)))
    #expect(model.network.parameters.count == 72 + 24 + 576 + 24 + 48 + 2)
    let field = try runScoreviz(["field", "--model", path, "--sigma", "0.5", "--grid", "3x2"])
    #expect(field.status == 0, "\(field.standardError)")
    let table = try #require(PrintedTable(field.standardOutput))
    let z = model.standardization.standardize(SIMD2(table.column("x")[0], table.column("y")[0]))
    var evaluator = ScoreNetworkEvaluator(network: model.network)
    var score: [Float] = [.nan, .nan]
    evaluator.evaluateScores(at: [Float(z.x), Float(z.y)], count: 1, noiseLevel: 0.5, into: &score)
    let expected = Double(score[0]) / model.standardization.scale.x
    #expect(isClose(table.column("score_x")[0], expected, relative: 1e-5, absolute: 1e-6))
    let samples = folder + "/samples.csv"
    let sample = try runScoreviz(
      ["sample", "--model", path, "--particles", "20", "--sampler", "heun", "--steps", "4", "-o", samples])
    #expect(sample.status == 0, "\(sample.standardError)")
    let likelihood = try runScoreviz(["likelihood", "--model", path, "--at", samples, "--steps", "4"])
    #expect(likelihood.status == 0, "\(likelihood.standardError)")
  }

  @Test func savedModelOpensWithItsLadderAndStandardization() throws {
    let folder = try makeTemporaryFolder()
    let path = folder + "/model.safetensors"
    let result = try runScoreviz(Self.shortRun + ["--sigmas", "2:0.05:5", "--seed", "3", "--save", path])
    #expect(result.status == 0)
    let summary = try #require(jsonLines(result.standardOutput).first ?? nil)
    #expect(summary["model"] as? String == path)
    let model = try ScoreModelFile.read(path: path)
    #expect(model.ladder == (try NoiseLadder(parsing: "2:0.05:5")))
    #expect(model.ladder.levels.count == 5)
    var rng = SeededGenerator(seed: 3)
    let points = BuiltinDataset.moons.generate(count: 500, using: &rng)
    // The map is fitted to the same seeded points and stored with round-trip digits.
    #expect(model.standardization == Standardization(fitting: points))
    #expect(model.network.parameters.allSatisfy { $0.isFinite })
    #expect(model.trainingNotes["objective"] == "ncsn")
    #expect(model.trainingNotes["steps"] == "30")
    #expect(try folderContents(folder) == ["model.safetensors"])
  }

  /// `--noise continuous` without `--sigmas` trains on 5.0:0.01:10 and says so in the model's
  /// metadata and the summary; the default run says `ladder`.
  @Test func continuousNoiseIsRecordedInTheModel() throws {
    let folder = try makeTemporaryFolder()
    for (name, extra, expected) in [
      ("continuous", ["--noise", "continuous"], NoiseDistribution.continuous), ("ladder", [], .ladder),
    ] {
      let path = folder + "/\(name).safetensors"
      let result = try runScoreviz(Self.shortRun + extra + ["--save", path])
      #expect(result.status == 0, "\(result.standardError)")
      let summary = try #require(jsonLines(result.standardOutput).first ?? nil)
      #expect(summary["noise"] as? String == expected.rawValue)
      let model = try ScoreModelFile.read(path: path)
      #expect(model.noiseDistribution == expected)
      #expect(model.ladder == expected.defaultLadder)
      let metadata = try SafetensorsFile.read(path: path).metadata
      #expect(metadata["noise"] == expected.rawValue)
    }
    let given = folder + "/given.safetensors"
    let result = try runScoreviz(Self.shortRun + ["--noise", "continuous", "--sigmas", "3:0.02:4", "--save", given])
    #expect(result.status == 0)
    #expect(try ScoreModelFile.read(path: given).ladder == (try NoiseLadder(parsing: "3:0.02:4")))
  }

  /// `--ema 0` keeps only the newest weights, so it saves what a plain run saves; `--ema 0.9`
  /// saves an average, which differs from the last weights but stays finite and is noted.
  @Test func emaSavesTheAverageOfTheWeights() throws {
    let folder = try makeTemporaryFolder()
    var parameters: [[Float]] = []
    for (name, extra) in [("plain", []), ("zero", ["--ema", "0"]), ("average", ["--ema", "0.9"])] {
      let path = folder + "/\(name).safetensors"
      let result = try runScoreviz(Self.shortRun + ["--seed", "4", "--save", path] + extra)
      #expect(result.status == 0, "\(result.standardError)")
      let model = try ScoreModelFile.read(path: path)
      if name == "average" {
        #expect(model.trainingNotes["ema"] == "0.9")
        let summary = try #require(jsonLines(result.standardOutput).first ?? nil)
        #expect(summary["ema"] as? Double == 0.9)
      }
      parameters.append(model.network.parameters)
    }
    #expect(parameters[0] == parameters[1])
    #expect(parameters[2] != parameters[0])
    #expect(parameters[2].allSatisfy { $0.isFinite })
  }

  /// A time limit ends a run that would otherwise take far longer, and the summary and the
  /// model's notes give the steps actually taken.
  @Test func secondsLimitStopsTheRunAndReportsTheStepsTaken() throws {
    let folder = try makeTemporaryFolder()
    let path = folder + "/timed.safetensors"
    let result = try runScoreviz([
      "train", "--dataset", "moons", "-n", "500", "--batch", "16", "--steps", "100000000",
      "--seconds", "0.3", "--save", path,
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let summary = try #require(jsonLines(result.standardOutput).first ?? nil)
    let steps = try #require(summary["steps"] as? Int)
    let seconds = try #require(summary["seconds"] as? Double)
    #expect(steps >= 1 && steps < 100_000_000)
    // It stops at the first step that ends past the limit; one step of 16 points is short.
    #expect(seconds >= 0.3 && seconds < 30)
    #expect(try ScoreModelFile.read(path: path).trainingNotes["steps"] == String(steps))
  }

  @Test func nonPositiveSecondsIsAUsageError() throws {
    let result = try runScoreviz(Self.shortRun + ["--seconds", "0"])
    #expect(result.status == 64)
    #expect(validationMessage(result.standardError) == "--seconds must be positive, got 0.0")
  }

  @Test func emaOutsideTheUnitIntervalIsAUsageError() throws {
    let result = try runScoreviz(Self.shortRun + ["--ema", "1"])
    #expect(result.status == 64)
    #expect(validationMessage(result.standardError) == "--ema must lie in [0, 1), got 1.0")
  }

  @Test func sameSeedSavesTheSameModel() throws {
    let folder = try makeTemporaryFolder()
    var files: [Data] = []
    for (name, seed) in [("a", "5"), ("b", "5"), ("c", "6")] {
      let path = folder + "/\(name).safetensors"
      let result = try runScoreviz(Self.shortRun + ["--seed", seed, "--save", path])
      #expect(result.status == 0)
      files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
    #expect(files[0] == files[1])
    #expect(files[0] != files[2])
  }

  @Test(arguments: Objective.allCases.map(\.rawValue))
  func everyObjectiveTrains(_ objective: String) throws {
    let result = try runScoreviz([
      "train", "--objective", objective, "--steps", "20", "--batch", "32", "--dataset", "moons", "-n", "200",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let summary = try #require(jsonLines(result.standardOutput).first ?? nil)
    #expect(summary["objective"] as? String == objective)
    let loss = try #require(summary["loss"] as? Double)
    #expect(loss.isFinite)
  }

  @Test(arguments: [
    (["--sigmas", "1:0.01"], "--sigmas: column 1: Expected 'MAX:MIN:L', found '1:0.01'"),
    (["--sigmas", "0.01:1:10"], "--sigmas: column 1: Expected the largest level first, found '0.01:1:10'"),
    (["--sigmas", "1:0.01:x"], "--sigmas: column 8: Expected a whole number of levels between 1 and 1000, found 'x'"),
    (["--objective", "score"], "--objective: unknown objective 'score'; choose one of ncsn, dsm, ssm, ism, esm"),
    (["--threads", "3"], "--threads must be 1 or 2, got 3"),
    (["--noise", "uniform"], "--noise: unknown noise distribution 'uniform'; choose one of ladder, continuous"),
    (
      ["--noise", "continuous", "--objective", "dsm"],
      "--noise continuous does not go with --objective dsm, which trains one fixed noise level"
    ),
    (["--lr", "0"], "--lr must be positive, got 0.0"),
    (["--steps", "0"], "--steps must be at least 1, got 0"),
  ])
  func badOptionsAreUsageErrorsNamingTheOption(_ options: [String], message: String) throws {
    let folder = try makeTemporaryFolder()
    let result = try runScoreviz(
      ["train", "--steps", "5", "-n", "100"] + options + ["--save", folder + "/m.safetensors"])
    #expect(result.status == 64)
    #expect(validationMessage(result.standardError) == message)
    #expect(try folderContents(folder).isEmpty)
  }

  @Test func divergingRunExitsWithSoftwareErrorAndSavesNothing() throws {
    let folder = try makeTemporaryFolder()
    // Adam's steps are about lr in size, so lr 1000 throws the weights far enough that the
    // loss overflows within a few steps.
    let result = try runScoreviz(
      Self.shortRun + ["--lr", "1000", "--steps", "200", "--save", folder + "/m.safetensors"])
    #expect(result.status == 70)
    #expect(result.standardError.contains("training diverged at step"))
    #expect(result.standardError.contains("try a smaller --lr"))
    #expect(result.standardOutput.isEmpty)
    #expect(try folderContents(folder).isEmpty)
  }

  @Test func missingSaveFolderCannotBeCreated() throws {
    let folder = try makeTemporaryFolder()
    let result = try runScoreviz(Self.shortRun + ["--save", folder + "/missing/m.safetensors"])
    #expect(result.status == 73)
    #expect(result.standardError.contains("m.safetensors"))
    #expect(try folderContents(folder).isEmpty)
  }

  @Test func coordinatesWhoseVarianceOverflowsAreADataError() throws {
    let folder = try makeTemporaryFolder()
    let data = try writeTextFile("x,y\n1e200,0\n-1e200,1\n0,2\n", named: "huge.csv", in: folder)
    let result = try runScoreviz(["train", "--data", data, "--steps", "5", "--save", folder + "/m.safetensors"])
    #expect(result.status == 65)
    #expect(try folderContents(folder) == ["huge.csv"])
  }
}
