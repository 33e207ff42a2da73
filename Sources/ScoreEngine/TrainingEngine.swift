// The live session's training thread: trains by score matching and publishes a snapshot per epoch.

import Foundation
import ScoreCore
import Synchronization

/// Trains a score network on its own thread, forever, until stopped.
///
/// The drawing thread reads `snapshot` (a copy taken under a lock, never waiting for a step)
/// and sends `EngineCommand`s, which the training thread applies between epochs. An epoch is
/// ⌈N / batch⌉ steps, at least 8 and at most 400, so the picture updates several times a
/// second whatever N is.
///
/// The published network is an exponential moving average of the trained weights (decay
/// 0.999 with warm-up, `ParameterAverage`), as score models are sampled: steadier arrows and
/// particles, and a smaller field error, than the last optimiser step gives.
///
/// A diverging run (a NaN or infinite loss) is caught: the engine goes back to the network of
/// the last good epoch, halves the learning rate and says so in `notice`; no NaN is published.
///
/// ```
/// let engine = TrainingEngine(data: TrainingData(dataset), settings: .init())
/// engine.start()
/// let latest = engine.snapshot       // each frame
/// engine.send(.setPaused(true))
/// engine.stop()
/// ```
public final class TrainingEngine: Sendable {
  /// How training is set up; changed afterwards only by commands.
  public struct Settings: Sendable {
    public var objective: Objective
    public var ladder: NoiseLadder
    /// How each point's σ is drawn from `ladder`; `continuous` does not go with `dsm`, whose
    /// one level is trained whatever this is (see `NoiseDistribution.supports(_:)`).
    public var noiseDistribution: NoiseDistribution
    public var batchSize: Int
    public var learningRate: Float
    public var seed: UInt64
    /// The width and depth of the network trained (and of every new one after a reset).
    public var networkShape: NetworkShape

    public init(
      objective: Objective = .ncsn, ladder: NoiseLadder = .standard,
      noiseDistribution: NoiseDistribution = .ladder, batchSize: Int = 256,
      learningRate: Float = 1e-3, seed: UInt64 = 0, networkShape: NetworkShape = .standard
    ) {
      self.objective = objective
      self.ladder = ladder
      self.noiseDistribution = noiseDistribution
      self.batchSize = batchSize
      self.learningRate = learningRate
      self.seed = seed
      self.networkShape = networkShape
    }
  }

  /// The decay of the moving average the snapshot's network is (see the type's summary).
  public static let displayedAverageDecay = 0.999

  private let published: Mutex<EngineSnapshot>
  private let inbox = Mutex<[EngineCommand]>([])
  private let stopRequested = Atomic<Bool>(false)
  private let running = Atomic<Bool>(false)
  private let finished = DispatchSemaphore(value: 0)
  private let settings: Settings

  /// An engine for `data`, starting from `network` (a saved model's, say; a fresh one from
  /// `settings.seed` when nil); nothing runs until `start()`. Adam's moments always start
  /// at zero: a model file does not keep them.
  public init(data: TrainingData, settings: Settings = Settings(), network: ScoreNetwork? = nil) {
    self.settings = settings
    let trainer = Self.makeTrainer(settings: settings, seed: settings.seed, network: network)
    published = Mutex(
      EngineSnapshot(
        network: trainer.network, networkGeneration: 0, data: data, dataVersion: 0,
        objective: settings.objective, ladder: settings.ladder,
        noiseDistribution: settings.noiseDistribution,
        denoisingNoiseLevel: trainer.denoisingNoiseLevel, learningRate: settings.learningRate,
        epoch: 0, steps: 0, lossHistory: [], samplesPerSecond: .nan, isPaused: false,
        notice: nil))
  }

  /// The newest published state.
  public var snapshot: EngineSnapshot { published.withLock { $0 } }

  /// Queues `command`; the training thread applies it before its next epoch, and
  /// `trainSynchronously(steps:)` before its first step.
  public func send(_ command: EngineCommand) {
    inbox.withLock { $0.append(command) }
  }

  /// Starts the training thread; a second call does nothing.
  public func start() {
    guard !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
    let thread = Thread { [self] in
      var session = TrainingThreadState(snapshot: snapshot, settings: settings)
      while !stopRequested.load(ordering: .acquiring) {
        session.apply(
          inbox.withLock { commands in
            defer { commands.removeAll(keepingCapacity: true) }
            return commands
          })
        if session.snapshot.isPaused {
          publish(session.snapshot)
          Thread.sleep(forTimeInterval: 0.02)
          continue
        }
        session.runEpoch()
        publish(session.snapshot)
      }
      finished.signal()
    }
    thread.name = "scoreviz training"
    thread.start()
  }

  /// Asks the thread to finish its epoch and waits for it; safe to call more than once.
  public func stop() {
    guard running.load(ordering: .acquiring), !stopRequested.exchange(true, ordering: .acquiringAndReleasing)
    else { return }
    finished.wait()
  }

  /// Runs `steps` training steps on the calling thread, in epochs, after applying queued
  /// commands; for headless rendering and tests. Must not be used while the thread runs.
  public func trainSynchronously(steps: Int) {
    precondition(!running.load(ordering: .acquiring), "the training thread is running")
    var session = TrainingThreadState(snapshot: snapshot, settings: settings)
    session.apply(
      inbox.withLock { commands in
        defer { commands.removeAll() }
        return commands
      })
    var remaining = steps
    while remaining > 0 && !session.snapshot.isPaused {
      let epoch = min(remaining, session.stepsPerEpoch)
      session.runEpoch(steps: epoch)
      remaining -= epoch
    }
    publish(session.snapshot)
  }

  private func publish(_ snapshot: EngineSnapshot) {
    published.withLock { $0 = snapshot }
  }

  static func makeTrainer(settings: Settings, seed: UInt64, network: ScoreNetwork? = nil) -> Trainer {
    Trainer(
      network: network, shape: settings.networkShape, objective: settings.objective, ladder: settings.ladder,
      noiseDistribution: settings.noiseDistribution,
      batchSize: settings.batchSize, learningRate: settings.learningRate, seed: seed,
      threadCount: 1)
  }
}
