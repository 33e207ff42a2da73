// Model files of any width and depth: written and read back, written by PyTorch, refused when out of the family.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct ModelFileShapeTests {
  static func model(_ width: Int, _ layers: Int, seed: UInt64 = 5) -> ScoreModelFile {
    var rng = SeededGenerator(seed: seed)
    let shape = try! NetworkShape(hiddenWidth: width, hiddenLayers: layers)
    return ScoreModelFile(
      network: ScoreNetwork(shape: shape, using: &rng), ladder: .standard, standardization: .identity)
  }

  /// A 48 × 2 network is saved as six tensors of its own sizes and read back equal.
  @Test func nonDefaultShapeRoundTrips() throws {
    let model = Self.model(48, 2)
    let file = model.safetensors
    #expect(file.tensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
    #expect(file.tensors.map(\.shape) == [[48, 3], [48], [48, 48], [48], [2, 48], [2]])
    #expect(
      file.metadata["architecture"]
        == "Linear(3,48) SiLU Linear(48,48) SiLU Linear(48,2); input (x1, x2, log sigma); output divided by sigma")
    let path = try makeTemporaryFolder() + "/narrow.safetensors"
    try model.write(to: path)
    let read = try ScoreModelFile.read(path: path)
    #expect(read == model)
    #expect(read.network.shape == model.network.shape)
  }

  /// `nn.Sequential(Linear(3,24), SiLU(), Linear(24,24), SiLU(), Linear(24,2))` saved by
  /// `safetensors.torch.save_file` (Data/Fixtures/torch-mlp-24x2.py wrote it and printed the
  /// values below from the same weights in float64 with autograd): the scores and the
  /// divergence of the loaded network agree with PyTorch's to Float rounding.
  @Test func modelWrittenByPyTorchGivesPyTorchsField() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Data/Fixtures/torch-mlp-24x2.safetensors").path
    let model = try ScoreModelFile.read(path: path)
    #expect(model.network.shape == (try NetworkShape(hiddenWidth: 24, hiddenLayers: 2)))
    #expect(model.assumedMetadata == ["sigmas", "data_mean and data_scale"])
    let expected: [(Double, Double, Double, Double, Double, Double)] = [
      (0.5, -1.25, 0.1, -1.1237549876147508 / 0.1, 0.46260694127608715 / 0.1, 0.9455860863299699 / 0.1),
      (-2.0, 0.75, 1.0, -0.2986739716724267 / 1.0, 1.2685106011363119 / 1.0, 0.10906772897291968 / 1.0),
      (1.5, 1.5, 3.0, -0.08589399854555756 / 3.0, 1.380907444974832 / 3.0, 0.6902303258964231 / 3.0),
      (0.0, 0.0, 0.02, -2.3667470067779988 / 0.02, 1.919885674211649 / 0.02, 0.21834539039626033 / 0.02),
    ]
    var evaluator = ScoreNetworkEvaluator(network: model.network)
    for (x, y, sigma, s1, s2, divergence) in expected {
      let point: [Float] = [Float(x), Float(y)]
      var scores: [Float] = [.nan, .nan]
      evaluator.evaluateScores(at: point, count: 1, noiseLevel: Float(sigma), into: &scores)
      var traced: [Float] = [.nan, .nan]
      var divergences: [Float] = [.nan]
      evaluator.evaluateScoresAndDivergence(
        at: point, count: 1, noiseLevel: Float(sigma), scores: &traced, divergences: &divergences)
      let size = max(abs(s1), abs(s2))
      for (found, wanted) in [(scores[0], s1), (scores[1], s2), (traced[0], s1), (traced[1], s2)] {
        #expect(abs(Double(found) - wanted) <= 1e-5 * size, "σ \(sigma): \(found) vs \(wanted)")
      }
      #expect(abs(Double(divergences[0]) - divergence) <= 1e-5 * size, "σ \(sigma): \(divergences[0])")
    }
  }

  /// Shapes outside the family are refused with the tensor, its shape and what was expected.
  @Test func shapesOutsideTheFamilyNameTheTensor() throws {
    func replacing(_ file: SafetensorsFile, _ name: String, shape: [Int]?) -> SafetensorsFile {
      var file = file
      file.tensors.removeAll { $0.name == name }
      if let shape {
        file.tensors.append(
          NamedTensor(name: name, shape: shape, values: [Float](repeating: 0.5, count: shape.reduce(1, *))))
      }
      return file
    }
    let standard = Self.model(128, 3).safetensors
    let narrow = Self.model(16, 2).safetensors
    let deepest = Self.model(16, 8).safetensors
    let cases: [(SafetensorsFile, String)] = [
      (
        replacing(narrow, "0.weight", shape: [8, 3]),
        "tensor '0.weight' has shape [8, 3], expected [W, 3] for a hidden width W from 16 to 512"
      ),
      (
        replacing(narrow, "0.weight", shape: [600, 3]),
        "tensor '0.weight' has shape [600, 3], expected [W, 3] for a hidden width W from 16 to 512"
      ),
      (
        replacing(narrow, "0.weight", shape: [16, 4]),
        "tensor '0.weight' has shape [16, 4], expected [W, 3]"
      ),
      (
        replacing(standard, "2.weight", shape: [64, 128]),
        "tensor '2.weight' has shape [64, 128], expected [128, 128]: every hidden layer must be as wide "
          + "as '0.weight' (128); scoreviz's networks have equal hidden widths"
      ),
      (replacing(standard, "6.weight", shape: [3, 128]), "tensor '6.weight' has shape [3, 128], expected [2, 128]"),
      (
        replacing(replacing(narrow, "4.weight", shape: nil), "4.bias", shape: nil),
        "missing tensor '4.weight' of shape [2, 16], the output layer after '2.weight'"
      ),
      (
        replacing(deepest, "18.weight", shape: [2, 16]),
        "tensor '18.weight' makes more than 8 hidden layers, the most a scoreviz network has"
      ),
      (replacing(narrow, "2.bias", shape: [2]), "tensor '2.bias' has shape [2], expected [16]"),
      (replacing(narrow, "0.weight", shape: nil), "missing tensor '0.weight' of shape [W, 3]"),
    ]
    for (file, message) in cases {
      #expect {
        _ = try ScoreModelFile(file, fileName: "m.safetensors")
      } throws: { error in
        (error as? ModelFileError).map { $0.description.hasPrefix("m.safetensors: " + message) && $0.exitCode == 65 }
          ?? false
      }
    }
  }
}
