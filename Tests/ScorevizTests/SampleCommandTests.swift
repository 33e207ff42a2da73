// `scoreviz sample` end to end: particle files from a trained model, seeds and error exits.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct SampleCommandTests {
  @Test func writesTheRequestedFiniteParticlesNearTheData() throws {
    let model = try TrainedModel.requirePath()
    let folder = try makeTemporaryFolder()
    let out = folder + "/samples.csv"
    let result = try runScoreviz([
      "sample", "--model", model, "--particles", "400", "--steps-per-level", "20", "-o", out,
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.isEmpty)
    let samples = try PointFileReader.read(path: out).points
    #expect(samples.count == 400)
    #expect(samples.allSatisfy { $0.x.isFinite && $0.y.isFinite })
    // Samples come back in data units: their mean lies near the moons' mean (≈ (0.5, 0.25)),
    // far closer than the moons' spread (≈ 0.87 in x, 0.5 in y) even for a briefly trained model.
    var rng = SeededGenerator(seed: 0)
    let data = BuiltinDataset.moons.generate(count: 500, using: &rng)
    let dataMean = data.reduce(.zero, +) / Double(data.count)
    let sampleMean = samples.reduce(.zero, +) / Double(samples.count)
    #expect(abs(sampleMean.x - dataMean.x) < 0.3 && abs(sampleMean.y - dataMean.y) < 0.3)
  }

  @Test func sameSeedWritesTheSameFile() throws {
    let model = try TrainedModel.requirePath()
    let folder = try makeTemporaryFolder()
    var files: [Data] = []
    for (name, seed) in [("a", "9"), ("b", "9"), ("c", "10")] {
      let out = folder + "/\(name).csv"
      let result = try runScoreviz([
        "sample", "--model", model, "--particles", "100", "--steps-per-level", "5", "--seed", seed, "-o", out,
      ])
      #expect(result.status == 0)
      files.append(try Data(contentsOf: URL(fileURLWithPath: out)))
    }
    #expect(files[0] == files[1])
    #expect(files[0] != files[2])
  }

  @Test func plainLangevinAtOneLevel() throws {
    let model = try TrainedModel.requirePath()
    let result = try runScoreviz([
      "sample", "--model", model, "--plain", "--sigma", "0.1", "--steps", "50", "--particles", "150",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let points = try PointFileReader.parse(Array(result.standardOutput.utf8), file: "stdout").points
    #expect(points.count == 150)
    #expect(points.allSatisfy { $0.x.isFinite && $0.y.isFinite })
  }

  @Test func sigmaWithoutPlainIsAUsageError() throws {
    let model = try TrainedModel.requirePath()
    let result = try runScoreviz(["sample", "--model", model, "--sigma", "0.1"])
    #expect(result.status == 64)
    #expect(validationMessage(result.standardError) == "--sigma goes with --sampler langevin (--plain)")
    #expect(result.standardOutput.isEmpty)
  }

  @Test func missingModelCannotBeOpened() throws {
    let folder = try makeTemporaryFolder()
    let result = try runScoreviz(["sample", "--model", folder + "/absent.safetensors", "-o", folder + "/out.csv"])
    #expect(result.status == 66)
    #expect(result.standardError.contains("absent.safetensors: cannot open"))
    #expect(try folderContents(folder).isEmpty)
  }

  @Test func corruptModelIsADataErrorAndWritesNothing() throws {
    let folder = try makeTemporaryFolder()
    let model = folder + "/junk.safetensors"
    var rng = SeededGenerator(seed: 11)
    let bytes = (0..<300).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    try Data(bytes).write(to: URL(fileURLWithPath: model))
    let result = try runScoreviz(["sample", "--model", model, "-o", folder + "/out.csv"])
    #expect(result.status == 65)
    #expect(result.standardError.contains("junk.safetensors: header:"))
    #expect(try folderContents(folder) == ["junk.safetensors"])
  }
}
