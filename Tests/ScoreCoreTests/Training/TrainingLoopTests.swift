// TrainingLoop: the same steps as the trainer's own, the ESM target, early stops and divergence.

import ScoreCore
import Testing

@Suite struct TrainingLoopTests {
  /// 60 moons points, prepared for training.
  static func moons() -> TrainingData {
    var rng = SeededGenerator(seed: 3)
    return TrainingData(BuiltinDataset.moons.makeDataset(count: 60, using: &rng))
  }

  /// The loop's steps are the trainer's own: the same losses and weights, bit for bit, as
  /// calling `step` on a copy, with ESM against the exact KDE score at h = σ.
  @Test(arguments: [Objective.ncsn, .esm])
  func stepsAreTheTrainersOwn(objective: Objective) {
    let data = Self.moons()
    let trainer = Trainer(objective: objective, batchSize: 16, seed: 5)
    var direct = trainer
    var target = KDEScoreFunction(points: data.standardizedPoints, bandwidth: .noiseLevel)
    let expected = (0..<6).map { _ in
      objective == .esm
        ? direct.step(on: data.interleaved, target: &target) : direct.step(on: data.interleaved)
    }
    var loop = TrainingLoop(trainer: trainer, data: data)
    var losses: [Float] = []
    let outcome = loop.run(steps: 6) { loss in
      losses.append(loss)
      return true
    }
    #expect(outcome == .completed(steps: 6))
    #expect(losses == expected)
    #expect(loop.trainer.network == direct.network)
  }

  /// The average takes the weights after every step: the same as updating one by hand.
  @Test func averageTakesEveryStep() {
    let data = Self.moons()
    var direct = Trainer(batchSize: 16, seed: 2)
    var expected = ParameterAverage(decay: 0.9, parameters: direct.network.parameters)
    var loop = TrainingLoop(trainer: direct, data: data, average: expected)
    for _ in 0..<4 {
      _ = direct.step(on: data.interleaved)
      expected.update(with: direct.network.parameters)
    }
    #expect(loop.run(steps: 4) == .completed(steps: 4))
    #expect(loop.average == expected)
  }

  @Test func afterStepStopsTheRun() {
    var loop = TrainingLoop(trainer: Trainer(batchSize: 16, seed: 2), data: Self.moons())
    var calls = 0
    let outcome = loop.run(steps: 10) { _ in
      calls += 1
      return calls < 3
    }
    #expect(outcome == .completed(steps: 3))
    #expect(loop.trainer.stepCount == 3)
    #expect(loop.run(steps: 0) == .completed(steps: 0))
  }

  /// Points 1e30 away in standardised units overflow the network's activations, so the first
  /// loss is not finite: the run ends there, without calling `afterStep` or averaging.
  @Test func aLossThatIsNotFiniteEndsTheRun() {
    let far = Dataset(name: "far", points: [SIMD2(1e30, -1e30), SIMD2(-1e30, 1e30)])
    let data = TrainingData(far, standardization: .identity)
    let trainer = Trainer(batchSize: 16, seed: 2)
    let start = ParameterAverage(decay: 0.9, parameters: trainer.network.parameters)
    var loop = TrainingLoop(trainer: trainer, data: data, average: start)
    var calls = 0
    let outcome = loop.run(steps: 5) { _ in
      calls += 1
      return true
    }
    #expect(outcome == .diverged(step: 1))
    #expect(calls == 0)
    #expect(loop.average == start)
  }

  /// Changing `data` retrains the ESM target: after it, steps match a trainer whose target
  /// is the new data's KDE score.
  @Test func newDataGetANewTarget() {
    let first = Self.moons()
    var rng = SeededGenerator(seed: 9)
    let second = TrainingData(BuiltinDataset.moons.makeDataset(count: 40, using: &rng))
    var loop = TrainingLoop(trainer: Trainer(objective: .esm, batchSize: 16, seed: 7), data: first)
    #expect(loop.run(steps: 2) == .completed(steps: 2))
    var direct = loop.trainer
    var target = KDEScoreFunction(points: second.standardizedPoints, bandwidth: .noiseLevel)
    let expected = (0..<3).map { _ in direct.step(on: second.interleaved, target: &target) }
    loop.data = second
    var losses: [Float] = []
    _ = loop.run(steps: 3) { loss in
      losses.append(loss)
      return true
    }
    #expect(losses == expected)
  }
}
