// The model file keeps the network, ladder and normalisation, and opens as PyTorch names it.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct ScoreModelFileTests {
  func sampleModel() throws -> ScoreModelFile {
    var rng = SeededGenerator(seed: 5)
    return ScoreModelFile(
      network: ScoreNetwork(using: &rng), ladder: try NoiseLadder(parsing: "2.5:0.02:7"),
      standardization: Standardization(mean: SIMD2(0.5, -1.25), scale: SIMD2(2, 0.75)),
      trainingNotes: ["objective": "ssm", "steps": "12"])
  }

  @Test func roundTripsThroughAFile() throws {
    let model = try sampleModel()
    let path = try makeTemporaryFolder() + "/model.safetensors"
    try model.write(to: path)
    #expect(try ScoreModelFile.read(path: path) == model)
  }

  /// The tensors are the network's parameters, sliced as nn.Sequential's state dict.
  @Test func tensorsAreTheStateDictSlices() throws {
    let model = try sampleModel()
    let file = model.safetensors
    #expect(
      file.tensors.map(\.name) == [
        "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias", "6.weight", "6.bias",
      ])
    let output = try #require(file.tensor(named: "6.weight"))
    #expect(output.shape == [2, 128])
    #expect(output.values == Array(model.network.parameters[33_536..<33_792]))
    #expect(file.metadata["sigmas"] == "2.5:0.02:7")
    #expect(file.metadata["data_mean"] == "0.5,-1.25")
    #expect(file.metadata["objective"] == "ssm")
  }

  /// A bare PyTorch state dict (no metadata) loads with the standard ladder, no normalisation.
  @Test func fileWithoutMetadataTakesDefaults() throws {
    var file = try sampleModel().safetensors
    file.metadata = [:]
    let model = try ScoreModelFile(file, fileName: "torch.safetensors")
    #expect(model.ladder == .standard)
    #expect(model.standardization == .identity)
  }

  /// `noise` is written, and a continuous model reads back as continuous.
  @Test func noiseDistributionRoundTrips() throws {
    var model = try sampleModel()
    #expect(model.safetensors.metadata["noise"] == "ladder")
    model.noiseDistribution = .continuous
    #expect(model.safetensors.metadata["noise"] == "continuous")
    let path = try makeTemporaryFolder() + "/continuous.safetensors"
    try model.write(to: path)
    let read = try ScoreModelFile.read(path: path)
    #expect(read.noiseDistribution == .continuous)
    #expect(read.trainingNotes["noise"] == nil)
    #expect(read == model)
  }

  /// A file written before `noise` existed (every other entry present) was trained on the ladder.
  @Test func fileWithoutNoiseEntryReadsAsLadder() throws {
    var model = try sampleModel()
    model.noiseDistribution = .continuous
    var file = model.safetensors
    file.metadata["noise"] = nil
    let read = try ScoreModelFile(file, fileName: "old.safetensors")
    #expect(read.noiseDistribution == .ladder)
    #expect(read.ladder == model.ladder)
  }

  @Test func malformedModelsNameTheProblem() throws {
    let good = try sampleModel().safetensors
    var missing = good
    missing.tensors.removeLast()
    var reshaped = good
    reshaped.tensors[0] = NamedTensor(name: "0.weight", shape: [3, 128], values: good.tensors[0].values)
    var badLadder = good
    badLadder.metadata["sigmas"] = "1:x:3"
    var badNoise = good
    badNoise.metadata["noise"] = "gaussian"
    var badScale = good
    badScale.metadata["data_scale"] = "1,0"
    var nonFinite = good
    var values = good.tensors[1].values
    values[3] = .nan
    nonFinite.tensors[1] = NamedTensor(name: "0.bias", shape: [128], values: values)
    let cases: [(SafetensorsFile, String)] = [
      (missing, "m.safetensors: missing tensor '6.bias' of shape [2]"),
      (reshaped, "m.safetensors: tensor '0.weight' has shape [3, 128], expected [W, 3] for a hidden width W"),
      (badLadder, "m.safetensors: metadata: sigmas '1:x:3':"),
      (badNoise, "m.safetensors: metadata: noise 'gaussian' is not 'ladder' or 'continuous'"),
      (badScale, "m.safetensors: metadata: data_mean '0.5,-1.25' and data_scale '1,0'"),
      (nonFinite, "m.safetensors: tensor '0.bias' holds a value that is not finite"),
    ]
    for (file, message) in cases {
      #expect {
        _ = try ScoreModelFile(file, fileName: "m.safetensors")
      } throws: { error in
        (error as? ModelFileError).map { $0.description.hasPrefix(message) && $0.exitCode == 65 } ?? false
      }
    }
  }
}
