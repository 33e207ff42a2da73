// Continuous noise: log σ drawn uniformly between the ladder's ends, and the loss's exact gradient.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct ContinuousNoiseTests {
  static let ladder = NoiseLadder.continuousStandard

  /// The Kolmogorov–Smirnov statistic D = sup |Fₙ(u) − u| of `values` against U[0, 1).
  static func kolmogorovSmirnov(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let n = Double(sorted.count)
    var largest = 0.0
    for (index, u) in sorted.enumerated() {
      largest = max(largest, Double(index + 1) / n - u, u - Double(index) / n)
    }
    return largest
  }

  /// u = (log σ − log σ_min)/(log σ_max − log σ_min) of each drawn σ, in Double.
  static func unitPositions(_ noiseLevels: [Float], ladder: NoiseLadder) -> [Double] {
    let low = log(Double(ladder.minimum))
    let high = log(Double(ladder.maximum))
    return noiseLevels.map { (log(Double($0)) - low) / (high - low) }
  }

  /// 4,096 draws of log σ are uniform on [log 0.01, log 5]: every u lies in [0, 1] (within
  /// Float rounding of σ, 1e-6), and the KS statistic is below 1.95/√n, the level a uniform
  /// sample exceeds with probability about 0.001 (the draws are seeded, so the outcome is
  /// fixed; the bound says how unlikely a correct sampler is to fail it). The ladder's ten
  /// atoms give D ≈ 0.1 at this n, far above the bound: the check can tell them apart.
  /// The network input is log σ of each point, and x̃ − x = σz holds point by point.
  @Test func drawsAreLogUniformBetweenTheLadderEnds() {
    let count = 4_096
    let data = TrainerTests.mixture(count: 300, seed: 11)
    let bound = 1.95 / Double(count).squareRoot()
    var continuous = Trainer(
      ladder: Self.ladder, noiseDistribution: .continuous, batchSize: count, seed: 12)
    let drawn = continuous.drawnBatch(on: data)
    let positions = Self.unitPositions(drawn.noiseLevels, ladder: Self.ladder)
    #expect(positions.allSatisfy { $0 >= -1e-6 && $0 <= 1 + 1e-6 })
    let statistic = Self.kolmogorovSmirnov(positions.map { min(max($0, 0), 1) })
    #expect(statistic < bound, "D = \(statistic), bound \(bound)")
    #expect(Set(drawn.noiseLevels).count > count / 2, "the levels are not a ladder's few values")
    for point in 0..<count {
      #expect(drawn.logNoiseLevels[point] == Float(log(Double(drawn.noiseLevels[point]))))
    }
    var ladder = Trainer(ladder: Self.ladder, batchSize: count, seed: 12)
    let rungs = ladder.drawnBatch(on: data)
    let ladderStatistic = Self.kolmogorovSmirnov(Self.unitPositions(rungs.noiseLevels, ladder: Self.ladder))
    #expect(ladderStatistic > 3 * bound, "ladder D = \(ladderStatistic)")
  }

  /// x̃ = x + σz with x a data point: for a one-point data set, (x̃ − x)/σ is the drawn z to
  /// Float rounding (relative 1e-5 plus 1e-5).
  @Test func perturbationUsesEachPointsOwnLevel() {
    let data: [Float] = [0.25, -0.5]
    var trainer = Trainer(ladder: Self.ladder, noiseDistribution: .continuous, batchSize: 64, seed: 13)
    let drawn = trainer.drawnBatch(on: data)
    for point in 0..<64 {
      for axis in 0..<2 {
        let recovered = Double(drawn.points[2 * point + axis] - data[axis]) / Double(drawn.noiseLevels[point])
        #expect(isClose(recovered, Double(drawn.noise[2 * point + axis]), relative: 1e-5, absolute: 1e-5))
      }
    }
  }

  /// At fixed draws (a twin trainer with the same seed draws the same batch), the trainer's
  /// gradient of the continuous-σ loss equals central differences (step 1e-4) of the Double
  /// reference loss on that batch, within 1e-4 relative plus 1e-5 of the largest checked entry,
  /// as `ObjectiveGradientTests` argues; the loss agrees to 1e-5 relative. The network's
  /// weights are scaled up so that its SiLUs are curved.
  @Test(arguments: [Objective.ncsn, .ssm, .ism])
  func gradientMatchesFiniteDifferencesAtFixedDraws(objective: Objective) throws {
    let network = try ObjectiveGradientTests.network(seed: 41)
    let data = TrainerTests.mixture(count: 50, seed: 14)
    func trainer() -> Trainer {
      Trainer(
        network: network, objective: objective, ladder: Self.ladder, noiseDistribution: .continuous,
        batchSize: 13, seed: 15)
    }
    var drawing = trainer()
    var stepping = trainer()
    let drawn = drawing.drawnBatch(on: data)
    let (loss, gradient) = stepping.drawBatchGradient(on: data)
    var batch = ReferenceBatch(count: 13, levels: [1], seed: 0)
    batch.points = drawn.points
    batch.noiseLevels = drawn.noiseLevels
    batch.noise = drawn.noise
    batch.directions = drawn.directions
    let reference = ReferenceNetwork(network)
    #expect(isClose(Double(loss), reference.loss(objective, batch: batch), relative: 1e-5, absolute: 1e-6))
    let indices = ObjectiveGradientTests.checkedIndices
    let differences = indices.map { index in
      centralDifference(
        of: { ReferenceNetwork(parameters: $0).loss(objective, batch: batch) },
        at: reference.parameters, index: index, step: 1e-4)
    }
    let largest = differences.map(abs).max()!
    #expect(largest > 1e-3)
    for (index, difference) in zip(indices, differences) {
      #expect(
        isClose(Double(gradient[index]), difference, relative: 1e-4, absolute: 1e-5 * largest),
        "parameter \(index): \(gradient[index]) vs \(difference)")
    }
  }

  /// One and two threads see the same continuous batch: gradients agree to Float rounding
  /// (1e-5 of the largest entry), as for the ladder.
  @Test func twoThreadsGiveOneThreadsGradient() {
    let data = TrainerTests.mixture(count: 500, seed: 16)
    var trainers = [1, 2].map {
      Trainer(ladder: Self.ladder, noiseDistribution: .continuous, batchSize: 101, seed: 17, threadCount: $0)
    }
    let first = trainers[0].drawBatchGradient(on: data)
    let second = trainers[1].drawBatchGradient(on: data)
    let largest = first.gradient.map { abs($0) }.max()!
    #expect(zip(first.gradient, second.gradient).allSatisfy { abs($0 - $1) <= 1e-5 * largest })
    #expect(isClose(Double(first.loss), Double(second.loss), relative: 1e-6))
  }

  /// A target that records each call's point count and σ, and answers −x/(1 + σ²).
  struct RecordingGaussianScore: BatchScoreFunction {
    var calls: [(count: Int, noiseLevel: Float)] = []
    mutating func evaluateScores(
      at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
      into scores: UnsafeMutablePointer<Float>
    ) {
      calls.append((count, noiseLevel))
      for index in 0..<(2 * count) { scores[index] = -points[index] / (1 + noiseLevel * noiseLevel) }
    }
  }

  /// `esm` with continuous σ asks its target once per point at that point's own σ, and the
  /// step's loss is ½‖f − σ·t‖² with t = −x̃/(1 + σ²) computed in Double from the same draws
  /// (relative 1e-5: Float network against the Double reference).
  @Test func explicitObjectiveEvaluatesTheTargetAtEachPointsLevel() throws {
    let network = try ObjectiveGradientTests.network(seed: 42)
    let data = TrainerTests.mixture(count: 50, seed: 18)
    func trainer() -> Trainer {
      Trainer(
        network: network, objective: .esm, ladder: Self.ladder, noiseDistribution: .continuous,
        batchSize: 13, seed: 19)
    }
    var drawing = trainer()
    var stepping = trainer()
    let drawn = drawing.drawnBatch(on: data)
    var target = RecordingGaussianScore()
    let loss = stepping.step(on: data, target: &target)
    #expect(target.calls.map(\.count) == [Int](repeating: 1, count: 13))
    #expect(target.calls.map(\.noiseLevel) == drawn.noiseLevels)
    var batch = ReferenceBatch(count: 13, levels: [1], seed: 0)
    batch.points = drawn.points
    batch.noiseLevels = drawn.noiseLevels
    batch.targets = (0..<26).map { index in
      let sigma = Double(drawn.noiseLevels[index / 2])
      return Float(-Double(drawn.points[index]) / (1 + sigma * sigma))
    }
    let expected = ReferenceNetwork(network).loss(.esm, batch: batch)
    #expect(isClose(Double(loss), expected, relative: 1e-5, absolute: 1e-6))
  }

  /// Only `dsm`, which trains one fixed level, has no use for a distribution of levels.
  @Test func continuousSupportsEveryObjectiveButDenoisingAtOneLevel() {
    for objective in Objective.allCases {
      #expect(NoiseDistribution.ladder.supports(objective))
      #expect(NoiseDistribution.continuous.supports(objective) == (objective != .dsm))
    }
    #expect(NoiseDistribution.continuous.defaultLadder.description == "5.0:0.01:10")
    #expect(NoiseDistribution.ladder.defaultLadder == .standard)
  }
}
