// The training thread's private state: the training loop, the last good network, and epochs.

import ScoreCore

/// What only the training thread touches; it copies its `snapshot` out after each epoch.
///
/// The snapshot shows a moving average of the trained weights (`displayedAverageDecay`, with
/// warm-up), not the last Adam iterate: the average is the better score model, and its
/// arrows do not flicker from step-to-step noise. The trainer itself goes on from its own
/// weights.
struct TrainingThreadState {
  /// d of the average the snapshot shows: about the last 1,000 steps, half a second.
  static let displayedAverageDecay = Float(TrainingEngine.displayedAverageDecay)

  private(set) var snapshot: EngineSnapshot
  /// The trainer and the displayed average, stepped on `snapshot.data`.
  private var loop: TrainingLoop
  private var lastGoodNetwork: ScoreNetwork
  private let settings: TrainingEngine.Settings
  private var reseeds: UInt64 = 0

  init(snapshot: EngineSnapshot, settings: TrainingEngine.Settings) {
    self.snapshot = snapshot
    self.settings = settings
    var trainer = TrainingEngine.makeTrainer(
      settings: settings, seed: settings.seed, network: snapshot.network)
    trainer.objective = snapshot.objective
    trainer.denoisingNoiseLevel = snapshot.denoisingNoiseLevel
    trainer.learningRate = snapshot.learningRate
    lastGoodNetwork = snapshot.network
    loop = TrainingLoop(
      trainer: trainer, data: snapshot.data, average: Self.average(startingAt: snapshot.network))
  }

  private static func average(startingAt network: ScoreNetwork) -> ParameterAverage {
    ParameterAverage(decay: displayedAverageDecay, parameters: network.parameters, warmUp: true)
  }

  /// Steps per epoch: ⌈N / batch⌉ clamped to 8…400.
  var stepsPerEpoch: Int {
    let points = snapshot.data.dataset.points.count
    return min(400, max(8, (points + loop.trainer.batchSize - 1) / loop.trainer.batchSize))
  }

  mutating func apply(_ commands: [EngineCommand]) {
    for command in commands {
      switch command {
      case .setPaused(let paused):
        snapshot.isPaused = paused
      case .resetNetwork:
        replaceNetwork(notice: nil)
      case .replaceDataset(let dataset):
        snapshot.data = TrainingData(dataset)
        snapshot.dataVersion += 1
        loop.data = snapshot.data
        replaceNetwork(notice: nil)
      case .addPoint(let point):
        var dataset = snapshot.data.dataset
        dataset.points.append(point)
        snapshot.data = TrainingData(dataset, standardization: snapshot.data.standardization)
        snapshot.dataVersion += 1
        loop.data = snapshot.data
      case .setObjective(let objective):
        loop.trainer.objective = objective
        snapshot.objective = objective
      case .setDenoisingNoiseLevel(let level):
        loop.trainer.denoisingNoiseLevel = level
        snapshot.denoisingNoiseLevel = level
      }
    }
  }

  /// One epoch of `steps` steps (default `stepsPerEpoch`); on divergence, back to the last
  /// good network at half the rate.
  mutating func runEpoch(steps requested: Int? = nil) {
    let steps = requested ?? stepsPerEpoch
    let clock = ContinuousClock()
    let start = clock.now
    var total = 0.0
    let outcome = loop.run(steps: steps) { loss in
      total += Double(loss)
      return true
    }
    let seconds = (clock.now - start) / .seconds(1)
    // A last step that left non-finite weights shows up here before the next loss does.
    guard outcome == .completed(steps: steps), let averaged = loop.average?.parameters,
      averaged.allSatisfy(\.isFinite),
      let shown = try? ScoreNetwork(shape: loop.trainer.network.shape, parameters: averaged)
    else {
      recoverFromDivergence()
      return
    }
    lastGoodNetwork = loop.trainer.network
    snapshot.network = shown
    snapshot.epoch += 1
    snapshot.steps += steps
    snapshot.samplesPerSecond = Double(steps * loop.trainer.batchSize) / max(seconds, 1e-9)
    snapshot.lossHistory.append(total / Double(steps))
    if snapshot.lossHistory.count > EngineSnapshot.lossHistoryLimit {
      snapshot.lossHistory.removeFirst(snapshot.lossHistory.count - EngineSnapshot.lossHistoryLimit)
    }
  }

  private mutating func recoverFromDivergence() {
    let rate = loop.trainer.learningRate / 2
    rebuildTrainer(network: lastGoodNetwork, learningRate: rate)
    snapshot.network = lastGoodNetwork
    snapshot.networkGeneration += 1
    snapshot.learningRate = rate
    snapshot.notice =
      "diverged: restored the last good weights, lr halved to \(NumberText.significant(Double(rate), digits: 3, missing: "—"))"
  }

  private mutating func replaceNetwork(notice: String?) {
    reseeds += 1
    var rng = SeededGenerator(seed: settings.seed &+ reseeds &* 0x9E37_79B9)
    let network = ScoreNetwork(shape: settings.networkShape, using: &rng)
    rebuildTrainer(network: network, learningRate: settings.learningRate)
    lastGoodNetwork = network
    snapshot.network = network
    snapshot.networkGeneration += 1
    snapshot.learningRate = settings.learningRate
    snapshot.epoch = 0
    snapshot.steps = 0
    snapshot.lossHistory = []
    snapshot.samplesPerSecond = .nan
    snapshot.notice = notice
  }

  /// A new trainer for `network` at `learningRate`, and a new average starting at `network`.
  private mutating func rebuildTrainer(network: ScoreNetwork, learningRate: Float) {
    reseeds += 1
    var next = TrainingEngine.makeTrainer(
      settings: settings, seed: settings.seed &+ reseeds, network: network)
    next.objective = snapshot.objective
    next.denoisingNoiseLevel = snapshot.denoisingNoiseLevel
    next.learningRate = learningRate
    loop.trainer = next
    loop.average = Self.average(startingAt: network)
  }
}
