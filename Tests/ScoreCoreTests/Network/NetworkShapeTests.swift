// Networks of other widths and depths: layout, bounds, forward pass, divergence, gradients, padding.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct NetworkShapeTests {
  static func shape(_ width: Int, _ layers: Int) -> NetworkShape {
    try! NetworkShape(hiddenWidth: width, hiddenLayers: layers)
  }

  /// A PyTorch-initialised network with its weights scaled up so that the SiLUs work in their
  /// curved range (as `ObjectiveGradientTests` does).
  static func network(_ width: Int, _ layers: Int, seed: UInt64, scale: Float = 2.5) -> ScoreNetwork {
    var rng = SeededGenerator(seed: seed)
    let base = ScoreNetwork(shape: shape(width, layers), using: &rng)
    return try! ScoreNetwork(shape: base.shape, parameters: base.parameters.map { $0 * scale })
  }

  /// The state dict of `nn.Sequential` with L SiLUs: 2L + 2 tensors, contiguous, sized by hand.
  @Test func tensorTableFollowsTheLayerList() {
    let tensors = Self.shape(48, 2).tensors
    #expect(tensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
    #expect(tensors.map(\.shape) == [[48, 3], [48], [48, 48], [48], [2, 48], [2]])
    var offset = 0
    for tensor in tensors {
      #expect(tensor.offset == offset)
      offset += tensor.count
    }
    #expect(offset == 144 + 48 + 2304 + 48 + 96 + 2)
    #expect(Self.shape(48, 2).parameterCount == offset)
    #expect(Self.shape(16, 1).tensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
    #expect(Self.shape(512, 8).tensors.last?.name == "16.bias")
    #expect(NetworkShape.standard.parameterCount == 33_794)
    #expect(
      Self.shape(64, 2).architecture == "Linear(3,64) SiLU Linear(64,64) SiLU Linear(64,2)")
  }

  @Test(arguments: [(15, 3), (513, 3), (128, 0), (128, 9), (-1, -1)])
  func shapesOutsideTheFamilyAreRefused(width: Int, layers: Int) {
    #expect(throws: ScoreNetworkError.shapeOutOfRange(hiddenWidth: width, hiddenLayers: layers)) {
      try NetworkShape(hiddenWidth: width, hiddenLayers: layers)
    }
    #expect(
      ScoreNetworkError.shapeOutOfRange(hiddenWidth: 15, hiddenLayers: 3).description
        == "A network of hidden width '15' and '3' hidden layers is outside the family: widths 16 to 512, "
        + "1 to 8 hidden layers")
  }

  @Test func parameterCountIsCheckedAgainstTheShape() {
    #expect(throws: ScoreNetworkError.wrongParameterCount(expected: 48 + 16 + 256 + 16 + 32 + 2, found: 33_794)) {
      try ScoreNetwork(shape: Self.shape(16, 2), parameters: [Float](repeating: 0, count: 33_794))
    }
  }

  /// The fast forward pass against the Double reference for shapes that need padding (all but
  /// multiples of the column block), one that is a whole number of blocks, depths 1 to 8:
  /// 77 points (one chunk and a part) at two levels, within 10⁻⁴ of the largest |s|.
  @Test(arguments: [(16, 1), (40, 2), (48, 4), (200, 5), (64, 1), (96, 8)])
  func evaluatorMatchesDoubleReference(width: Int, layers: Int) {
    let network = Self.network(width, layers, seed: UInt64(width * 10 + layers), scale: 1.5)
    let reference = ReferenceNetwork(network)
    var rng = SeededGenerator(seed: 3)
    let count = 77
    let points = (0..<(2 * count)).map { _ in Float(2 * rng.nextNormal()) }
    var evaluator = ScoreNetworkEvaluator(network: network, capacity: 64)
    for noiseLevel in [Float(0.05), 2] {
      var scores = [Float](repeating: .nan, count: 2 * count)
      evaluator.evaluateScores(at: points, count: count, noiseLevel: noiseLevel, into: &scores)
      let expected = (0..<count).flatMap { i in
        reference.evaluate(x: Double(points[2 * i]), y: Double(points[2 * i + 1]), noiseLevel: Double(noiseLevel))
          .f.map { $0 / Double(noiseLevel) }
      }
      let largest = expected.map(abs).max()!
      for index in 0..<(2 * count) {
        #expect(
          abs(Double(scores[index]) - expected[index]) <= 1e-4 * largest,
          "\(width)×\(layers) σ \(noiseLevel) component \(index): \(scores[index]) vs \(expected[index])")
      }
    }
  }

  /// tr ∇ₓs against central differences (step 10⁻⁴) of the Double reference, as
  /// `ScoreNetworkDivergenceTests` checks the standard shape.
  @Test(arguments: [(16, 1), (48, 2), (200, 5), (512, 8)])
  func divergenceMatchesFiniteDifferences(width: Int, layers: Int) {
    let network = Self.network(width, layers, seed: UInt64(width + layers), scale: 1.5)
    let reference = ReferenceNetwork(network)
    var rng = SeededGenerator(seed: 9)
    let count = width >= 512 ? 9 : 70
    let points = (0..<(2 * count)).map { _ in Float(2 * rng.nextNormal()) }
    var evaluator = ScoreNetworkEvaluator(network: network)
    var scores = [Float](repeating: .nan, count: 2 * count)
    var divergences = [Float](repeating: .nan, count: count)
    let sigma = 0.3
    evaluator.evaluateScoresAndDivergence(
      at: points, count: count, noiseLevel: Float(sigma), scores: &scores, divergences: &divergences)
    for i in stride(from: 0, to: count, by: width >= 512 ? 4 : 9) {
      let x = [Double(points[2 * i]), Double(points[2 * i + 1])]
      var trace = 0.0
      var size = 0.0
      for output in 0..<2 {
        for axis in 0..<2 {
          let derivative = centralDifference(
            of: { reference.evaluate(x: $0[0], y: $0[1], noiseLevel: sigma).f[output] }, at: x,
            index: axis, step: 1e-4)
          size += abs(derivative)
          if output == axis { trace += derivative }
        }
      }
      #expect(
        abs(Double(divergences[i]) - trace / sigma) <= 1e-4 * size / sigma,
        "\(width)×\(layers) point \(i): \(divergences[i]) vs \(trace / sigma)")
    }
  }

  /// The loss's gradient against central differences of the Double loss (as
  /// `ObjectiveGradientTests`), for a plain objective and one that carries forward tangents
  /// (φ″ in the backward pass), on shapes that pad and one of eight layers.
  @Test(arguments: [(16, 1), (48, 2), (200, 5), (512, 8)], [Objective.ncsn, .ism])
  func gradientMatchesFiniteDifferences(size: (width: Int, layers: Int), objective: Objective) {
    let (width, layers) = size
    let network = Self.network(width, layers, seed: UInt64(3 * width + layers))
    let big = width >= 512
    let batch = ReferenceBatch(count: big ? 3 : 11, levels: [1.0, 0.3, 0.05], seed: 21)
    let (loss, gradient) = network.lossAndGradient(
      objective: objective, points: batch.points, noiseLevels: batch.noiseLevels,
      noise: batch.noise, directions: batch.directions, targets: batch.targets)
    let reference = ReferenceNetwork(network)
    #expect(isClose(Double(loss), reference.loss(objective, batch: batch), relative: 1e-5, absolute: 1e-6))
    let indices = network.tensors.flatMap { tensor in
      Set([tensor.offset, tensor.offset + tensor.count - 1] + (big ? [] : [tensor.offset + tensor.count / 2]))
        .sorted()
    }
    let differences = indices.map { index in
      centralDifference(
        of: { ReferenceNetwork(width: width, layers: layers, parameters: $0).loss(objective, batch: batch) },
        at: reference.parameters, index: index, step: 1e-4)
    }
    let largest = differences.map(abs).max()!
    #expect(largest > 1e-3)
    for (index, difference) in zip(indices, differences) {
      #expect(
        isClose(Double(gradient[index]), difference, relative: 1e-4, absolute: 1e-5 * largest),
        "\(width)×\(layers) \(objective) parameter \(index): \(gradient[index]) vs \(difference)")
    }
  }

  /// Width 40 is padded in every build (to 48 with 16-column tiles, to 64 with 64-column ones):
  /// after training steps of a tangent-carrying objective the padding's parameters and their
  /// gradients are exactly zero, and the network is the padded buffer's real part.
  @Test func paddingStaysZeroThroughTraining() {
    let network = Self.network(40, 3, seed: 4, scale: 1)
    var trainer = Trainer(network: network, objective: .ism, batchSize: 21, seed: 2)
    var rng = SeededGenerator(seed: 8)
    let data = (0..<200).map { _ in Float(rng.nextNormal()) }
    for _ in 0..<5 { _ = trainer.step(on: data) }
    let (padded, parameters, gradient) = trainer.paddedParametersAndLastGradient
    #expect(padded.hiddenWidth > 40 && padded.hiddenLayers == 3)
    #expect(parameters.count == padded.parameterCount && gradient.count == padded.parameterCount)
    var real: [Float] = []
    var paddingValues: [Float] = []
    var realGradient: [Float] = []
    for tensor in padded.tensors {
      let columns = tensor.shape.count == 2 ? tensor.shape[1] : 1
      for row in 0..<tensor.shape[0] {
        for column in 0..<columns {
          let index = tensor.offset + row * columns + column
          let isOutput = tensor.name.hasPrefix("\(2 * padded.hiddenLayers).")
          let rowIsReal = isOutput || row < 40
          let columnIsReal = tensor.shape.count == 1 || tensor.name == "0.weight" || column < 40
          if rowIsReal && columnIsReal {
            real.append(parameters[index])
            realGradient.append(gradient[index])
          } else {
            paddingValues.append(parameters[index])
            #expect(gradient[index] == 0, "gradient of \(tensor.name)[\(row), \(column)]")
          }
        }
      }
    }
    #expect(paddingValues.allSatisfy { $0 == 0 })
    #expect(real == trainer.network.parameters)
    #expect(realGradient.contains { $0 != 0 })
    #expect(trainer.network.parameters != network.parameters)
  }
}
