// The network's layout, initialisation, batched forward and forward tangents against Double truth.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct ScoreNetworkTests {
  /// The tensor table is PyTorch's nn.Sequential state dict, contiguous, covering 33,794 floats.
  @Test func tensorTableMatchesPyTorchLayout() {
    let expected: [(String, [Int])] = [
      ("0.weight", [128, 3]), ("0.bias", [128]), ("2.weight", [128, 128]), ("2.bias", [128]),
      ("4.weight", [128, 128]), ("4.bias", [128]), ("6.weight", [2, 128]), ("6.bias", [2]),
    ]
    #expect(NetworkShape.standard.tensors.map(\.name) == expected.map(\.0))
    #expect(NetworkShape.standard.tensors.map(\.shape) == expected.map(\.1))
    var offset = 0
    for tensor in NetworkShape.standard.tensors {
      #expect(tensor.offset == offset)
      offset += tensor.count
    }
    #expect(offset == 33_794)
    #expect(NetworkShape.standard.parameterCount == 33_794)
  }

  /// Every tensor lies in ±1/√fan_in and has the variance of U(−b, b), b²/3, within 5 standard
  /// errors (the variance of u² for u ~ U(−b, b) is 4b⁴/45 per draw).
  @Test func initialisationIsPyTorchDefault() {
    var rng = SeededGenerator(seed: 11)
    let network = ScoreNetwork(using: &rng)
    for tensor in NetworkShape.standard.tensors {
      let bound = 1 / Double(tensor.name.hasPrefix("0.") ? 3 : 128).squareRoot()
      let values = network.parameters[tensor.offset..<(tensor.offset + tensor.count)].map(Double.init)
      #expect(values.allSatisfy { abs($0) <= bound }, "\(tensor.name)")
      guard values.count >= 128 else { continue }
      let meanSquare = values.reduce(0) { $0 + $1 * $1 } / Double(values.count)
      let standardError = (4 * pow(bound, 4) / 45 / Double(values.count)).squareRoot()
      #expect(abs(meanSquare - bound * bound / 3) < 5 * standardError, "\(tensor.name)")
    }
  }

  @Test func parameterCountIsValidated() throws {
    #expect(throws: ScoreNetworkError.wrongParameterCount(expected: 33_794, found: 12)) {
      try ScoreNetwork(parameters: [Float](repeating: 0, count: 12))
    }
    #expect(
      ScoreNetworkError.wrongParameterCount(expected: 33_794, found: 12).description
        == "Expected 33794 network parameters, found '12'")
    let parameters = (0..<33_794).map { Float($0 % 7) / 100 }
    #expect(try ScoreNetwork(parameters: parameters).parameters == parameters)
  }

  /// s_θ = f/σ for 301 points (more than one 256-point chunk, not a multiple of 8) at three
  /// levels, against the Double reference. Tolerance 1e-4 relative to the largest |s|: Float
  /// sums of 128 products carry relative errors near 1e-6.
  @Test(arguments: [Float(0.01), 0.3, 1.0])
  func evaluatorMatchesReference(noiseLevel: Float) {
    var rng = SeededGenerator(seed: 5)
    let network = ScoreNetwork(using: &rng)
    let reference = ReferenceNetwork(network)
    let count = 301
    let points = (0..<(2 * count)).map { _ in Float(2 * rng.nextNormal()) }
    var scores = [Float](repeating: .nan, count: 2 * count)
    var evaluator = ScoreNetworkEvaluator(network: network)
    evaluator.evaluateScores(at: points, count: count, noiseLevel: noiseLevel, into: &scores)
    var expected: [Double] = []
    for n in 0..<count {
      let f = reference.evaluate(
        x: Double(points[2 * n]), y: Double(points[2 * n + 1]), noiseLevel: Double(noiseLevel)
      ).f
      expected += f.map { $0 / Double(noiseLevel) }
    }
    let scale = expected.map(abs).max()!
    for index in expected.indices {
      #expect(abs(Double(scores[index]) - expected[index]) <= 1e-4 * scale, "index \(index)")
    }
  }

  /// The SiLU exponential saturates instead of overflowing: huge inputs give finite scores.
  @Test func farPointsGiveFiniteScores() {
    var rng = SeededGenerator(seed: 6)
    var evaluator = ScoreNetworkEvaluator(network: ScoreNetwork(using: &rng))
    let points: [Float] = [1e6, -1e6, -3e4, 5e4, 0, 0]
    var scores = [Float](repeating: .nan, count: 6)
    evaluator.evaluateScores(at: points, count: 3, noiseLevel: 0.01, into: &scores)
    #expect(scores.allSatisfy { $0.isFinite })
  }

  /// Forward tangents J_f·v equal central differences (step 1e-4) of the Double forward along v.
  /// Tolerance 2e-4 relative to the largest tangent: Float rounding near 1e-6, difference
  /// truncation near 1e-8.
  @Test func tangentsMatchFiniteDifferences() {
    var rng = SeededGenerator(seed: 8)
    let network = ScoreNetwork(using: &rng)
    let reference = ReferenceNetwork(network)
    let count = 11
    let points = (0..<(2 * count)).map { _ in Float(rng.nextNormal()) }
    let levels = (0..<count).map { _ in Float(0.01 + rng.nextUniform()) }
    let first = (0..<(2 * count)).map { _ in Float(rng.nextNormal()) }
    let second = (0..<(2 * count)).map { _ in Float(rng.nextNormal()) }
    let (outputs, tangents) = network.outputsAndTangents(
      points: points, noiseLevels: levels, directions: [first, second])
    var worst = 0.0
    var largest = 0.0
    for n in 0..<count {
      let f = reference.evaluate(
        x: Double(points[2 * n]), y: Double(points[2 * n + 1]), noiseLevel: Double(levels[n])
      ).f
      #expect(abs(Double(outputs[2 * n]) - f[0]) < 1e-4 && abs(Double(outputs[2 * n + 1]) - f[1]) < 1e-4)
      for (set, direction) in [first, second].enumerated() {
        let v = (Double(direction[2 * n]), Double(direction[2 * n + 1]))
        for component in 0..<2 {
          let along = { (step: Double) in
            reference.evaluate(
              x: Double(points[2 * n]) + step * v.0, y: Double(points[2 * n + 1]) + step * v.1,
              noiseLevel: Double(levels[n])
            ).f[component]
          }
          let difference = (along(1e-4) - along(-1e-4)) / 2e-4
          worst = max(worst, abs(Double(tangents[set][2 * n + component]) - difference))
          largest = max(largest, abs(difference))
        }
      }
    }
    #expect(largest > 0.01)
    #expect(worst <= 2e-4 * largest, "worst \(worst), largest \(largest)")
  }
}
