// What the training thread publishes at every epoch: an immutable picture of the session.

import ScoreCore

/// The newest state of training, read by the drawing thread without ever waiting for a step.
///
/// A value type: the drawing thread holds its copy while the trainer goes on. `network` and
/// the data arrays are copy-on-write, so publishing costs no copy of the weights.
public struct EngineSnapshot: Sendable {
  /// The network shown after the last completed epoch: a moving average of the trained
  /// weights over about the last 1,000 steps (see `TrainingEngine`).
  public var network: ScoreNetwork
  /// Increases whenever the network is replaced rather than trained (reset, new dataset,
  /// divergence recovery), so caches of the field know to start again.
  public var networkGeneration: Int
  /// The data being trained on, with its standardisation.
  public var data: TrainingData
  /// Increases whenever the data change (new dataset, added point).
  public var dataVersion: Int
  /// The objective minimised.
  public var objective: Objective
  /// The noise ladder.
  public var ladder: NoiseLadder
  /// How training draws σ from `ladder` (fixed for the session).
  public var noiseDistribution: NoiseDistribution
  /// The `dsm` objective's noise level.
  public var denoisingNoiseLevel: Float
  /// Adam's current learning rate.
  public var learningRate: Float
  /// Completed epochs since the network was last replaced.
  public var epoch: Int
  /// Training steps since the network was last replaced.
  public var steps: Int
  /// The mean loss of each recent epoch, oldest first (at most `lossHistoryLimit`).
  public var lossHistory: [Double]
  /// Training throughput over the last epoch.
  public var samplesPerSecond: Double
  /// Whether training is paused.
  public var isPaused: Bool
  /// The latest notice, e.g. a divergence that was recovered from; nil when all is well.
  public var notice: String?

  /// How many epoch losses `lossHistory` keeps.
  public static let lossHistoryLimit = 240

  /// The latest epoch's mean loss, NaN before the first epoch.
  public var loss: Double { lossHistory.last ?? .nan }
}
