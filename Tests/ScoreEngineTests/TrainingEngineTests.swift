// TrainingEngine: epochs, commands between epochs, the training thread, and divergence recovery.

import Foundation
import ScoreCore
import ScoreEngine
import ScoreTestSupport
import Testing

@Suite struct TrainingEngineTests {
  @Test func synchronousTrainingAdvancesEpochsAndLosses() {
    let engine = TrainingEngine(data: EngineTestData.moons(), settings: EngineTestData.settings)
    let initial = engine.snapshot
    #expect(initial.epoch == 0 && initial.steps == 0 && initial.lossHistory.isEmpty)
    #expect(initial.loss.isNaN)
    engine.trainSynchronously(steps: 5 * EngineTestData.stepsPerEpoch)
    let trained = engine.snapshot
    #expect(trained.epoch == 5)
    #expect(trained.steps == 40)
    #expect(trained.lossHistory.count == 5)
    // The NCSN loss is a mean of squares: finite and positive.
    #expect(trained.lossHistory.allSatisfy { $0.isFinite && $0 > 0 })
    #expect(trained.loss == trained.lossHistory.last)
    #expect(trained.samplesPerSecond > 0)
    #expect(trained.network != initial.network)
    #expect(trained.networkGeneration == 0)
    #expect(trained.notice == nil)
  }

  /// An engine set to continuous noise trains its trainer with it: the first epoch's mean loss
  /// is that of a hand-built continuous trainer with the same seed and settings, to Float
  /// rounding of the sum (1e-6 relative), and not the ladder trainer's.
  @Test func engineTrainsWithTheChosenNoiseDistribution() {
    var settings = EngineTestData.settings
    settings.ladder = .continuousStandard
    settings.noiseDistribution = .continuous
    let data = EngineTestData.moons()
    let engine = TrainingEngine(data: data, settings: settings)
    #expect(engine.snapshot.noiseDistribution == .continuous)
    engine.trainSynchronously(steps: EngineTestData.stepsPerEpoch)
    let engineLoss = engine.snapshot.loss
    let handLosses = NoiseDistribution.allCases.map { distribution -> Double in
      var trainer = Trainer(
        ladder: .continuousStandard, noiseDistribution: distribution, batchSize: settings.batchSize,
        learningRate: settings.learningRate, seed: settings.seed)
      let total = (0..<EngineTestData.stepsPerEpoch).reduce(0.0) { sum, _ in
        sum + Double(trainer.step(on: data.interleaved))
      }
      return total / Double(EngineTestData.stepsPerEpoch)
    }
    #expect(isClose(engineLoss, handLosses[1], relative: 1e-6), "\(engineLoss) vs \(handLosses)")
    #expect(!isClose(engineLoss, handLosses[0], relative: 1e-3))
  }

  @Test func aShortLastEpochStillCounts() {
    let engine = TrainingEngine(data: EngineTestData.moons(), settings: EngineTestData.settings)
    engine.trainSynchronously(steps: 20)
    // 8 + 8 + 4 steps.
    #expect(engine.snapshot.epoch == 3)
    #expect(engine.snapshot.steps == 20)
  }

  @Test func setObjectiveAndNoiseLevelApplyBeforeTheNextEpoch() {
    let engine = TrainingEngine(data: EngineTestData.moons(), settings: EngineTestData.settings)
    engine.trainSynchronously(steps: 8)
    let before = engine.snapshot
    engine.send(.setObjective(.dsm))
    engine.send(.setDenoisingNoiseLevel(0.3))
    engine.trainSynchronously(steps: 0)
    let changed = engine.snapshot
    #expect(changed.objective == .dsm)
    #expect(changed.denoisingNoiseLevel == 0.3)
    // The network and its history carry on.
    #expect(changed.network == before.network)
    #expect(changed.epoch == before.epoch && changed.networkGeneration == before.networkGeneration)
    engine.trainSynchronously(steps: 8)
    #expect(engine.snapshot.epoch == before.epoch + 1)
    #expect(engine.snapshot.loss.isFinite)
  }

  @Test func replaceDatasetStartsAFreshNetworkOnNewData() {
    let engine = TrainingEngine(data: EngineTestData.moons(), settings: EngineTestData.settings)
    engine.trainSynchronously(steps: 16)
    let before = engine.snapshot
    var rng = SeededGenerator(seed: 8)
    let rings = BuiltinDataset.rings.makeDataset(count: 150, using: &rng)
    engine.send(.replaceDataset(rings))
    engine.trainSynchronously(steps: 0)
    let after = engine.snapshot
    #expect(after.data.dataset == rings)
    #expect(after.data.standardization == Standardization(fitting: rings.points))
    #expect(after.dataVersion == before.dataVersion + 1)
    #expect(after.networkGeneration == before.networkGeneration + 1)
    #expect(after.epoch == 0 && after.steps == 0 && after.lossHistory.isEmpty)
    #expect(after.network != before.network)
    #expect(after.learningRate == EngineTestData.settings.learningRate)
  }

  @Test func addPointAppendsAndKeepsTheStandardization() {
    let engine = TrainingEngine(data: EngineTestData.moons(), settings: EngineTestData.settings)
    engine.trainSynchronously(steps: 8)
    let before = engine.snapshot
    let point = SIMD2(2.5, -1.25)
    engine.send(.addPoint(point))
    engine.trainSynchronously(steps: 0)
    let after = engine.snapshot
    #expect(after.data.dataset.points == before.data.dataset.points + [point])
    #expect(after.data.standardization == before.data.standardization)
    let z = (point - before.data.standardization.mean) / before.data.standardization.scale
    #expect(after.data.standardizedPoints.last == z)
    #expect(Array(after.data.interleaved.suffix(2)) == [Float(z.x), Float(z.y)])
    #expect(after.dataVersion == before.dataVersion + 1)
    // The network is kept: only the data changed.
    #expect(after.networkGeneration == before.networkGeneration)
    #expect(after.network == before.network)
    #expect(after.epoch == before.epoch)
  }

  @Test func pausedEngineDoesNotTrain() {
    let engine = TrainingEngine(data: EngineTestData.moons(), settings: EngineTestData.settings)
    engine.trainSynchronously(steps: 8)
    let before = engine.snapshot
    engine.send(.setPaused(true))
    engine.trainSynchronously(steps: 32)
    let paused = engine.snapshot
    #expect(paused.isPaused)
    #expect(paused.epoch == before.epoch && paused.steps == before.steps)
    #expect(paused.network == before.network)
    engine.send(.setPaused(false))
    engine.trainSynchronously(steps: 8)
    #expect(!engine.snapshot.isPaused)
    #expect(engine.snapshot.epoch == before.epoch + 1)
  }

  @Test func resetNetworkStartsAgainOnTheSameData() {
    let engine = TrainingEngine(data: EngineTestData.moons(), settings: EngineTestData.settings)
    let initial = engine.snapshot
    engine.trainSynchronously(steps: 16)
    let trained = engine.snapshot
    engine.send(.resetNetwork)
    engine.trainSynchronously(steps: 0)
    let reset = engine.snapshot
    #expect(reset.networkGeneration == trained.networkGeneration + 1)
    #expect(reset.epoch == 0 && reset.steps == 0 && reset.lossHistory.isEmpty)
    #expect(reset.network != trained.network && reset.network != initial.network)
    #expect(reset.network.parameters.allSatisfy { $0.isFinite })
    #expect(reset.dataVersion == trained.dataVersion)
  }

  @Test func trainingThreadRunsUntilStopped() {
    let engine = TrainingEngine(data: EngineTestData.moons(), settings: EngineTestData.settings)
    engine.start()
    engine.start()
    #expect(eventually(within: 30) { engine.snapshot.epoch >= 3 })
    engine.send(.setObjective(.ssm))
    #expect(eventually(within: 30) { engine.snapshot.objective == .ssm })
    engine.stop()
    let stopped = engine.snapshot
    #expect(stopped.lossHistory.allSatisfy { $0.isFinite })
    #expect(stopped.lossHistory.count == min(stopped.epoch, EngineSnapshot.lossHistoryLimit))
    // Once stop() has returned the thread is gone: nothing is published any more.
    Thread.sleep(forTimeInterval: 0.05)
    #expect(engine.snapshot.epoch == stopped.epoch)
    engine.stop()
  }

  @Test func stopWithoutStartReturns() {
    let engine = TrainingEngine(data: EngineTestData.moons(), settings: EngineTestData.settings)
    engine.stop()
    #expect(engine.snapshot.epoch == 0)
  }

  @Test func divergenceRestoresTheLastGoodNetworkAtHalfTheRate() {
    let engine = TrainingEngine(data: EngineTestData.moons(), settings: EngineTestData.settings)
    engine.trainSynchronously(steps: 16)
    let good = engine.snapshot
    // Points 1e30 away in standardised units (the map fitted to the small data is kept):
    // Float holds them, but the network's activations overflow, so the loss is not finite.
    for _ in 0..<20 { engine.send(.addPoint(SIMD2(1e30, -1e30))) }
    engine.trainSynchronously(steps: EngineTestData.stepsPerEpoch)
    let recovered = engine.snapshot
    #expect(recovered.network == good.network)
    #expect(recovered.network.parameters.allSatisfy { $0.isFinite })
    #expect(recovered.learningRate == good.learningRate / 2)
    #expect(recovered.notice == "diverged: restored the last good weights, lr halved to 0.0005")
    #expect(recovered.networkGeneration == good.networkGeneration + 1)
    #expect(recovered.epoch == good.epoch)
    #expect(recovered.lossHistory == good.lossHistory)
  }

  @Test func aRateTooLargeIsHalvedUntilTrainingHolds() {
    let settings = TrainingEngine.Settings(batchSize: 32, learningRate: 1000, seed: 4)
    let engine = TrainingEngine(data: EngineTestData.moons(), settings: settings)
    engine.trainSynchronously(steps: 60 * EngineTestData.stepsPerEpoch)
    let snapshot = engine.snapshot
    // Halving is exact in binary, so the rate is 1000/2ᵏ for the k failed epochs.
    let halvings = log2(Double(1000 / snapshot.learningRate))
    #expect(halvings >= 1 && halvings == halvings.rounded())
    #expect(snapshot.notice?.hasPrefix("diverged: restored the last good weights, lr halved to ") == true)
    #expect(snapshot.epoch >= 1)
    #expect(snapshot.epoch + Int(halvings) == 60)
    #expect(snapshot.lossHistory.allSatisfy { $0.isFinite })
    #expect(snapshot.network.parameters.allSatisfy { $0.isFinite })
  }
}
