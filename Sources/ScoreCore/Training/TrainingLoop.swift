// The loop of training steps that the live engine and the headless commands share.

/// Steps a `Trainer` on one dataset: each step with the objective's target, a check that
/// the loss is finite, and the moving average of the weights when one is kept.
///
/// The `esm` objective trains against the exact KDE score at h = σ of the standardised data
/// (MATH.md §3), built on its first `esm` step and again after `data` changes. A NaN or
/// infinite loss ends a run at once: what to do then (stop with an error, or go back to
/// earlier weights) is the caller's. Reads no clock; a caller that times or limits a run
/// does it in `afterStep`.
///
/// ```
/// var loop = TrainingLoop(trainer: Trainer(seed: 1), data: TrainingData(dataset))
/// var losses: [Float] = []
/// let outcome = loop.run(steps: 1_000) { loss in
///   losses.append(loss)
///   return true
/// }
/// ```
public struct TrainingLoop: Sendable {
  /// How a run ended.
  public enum Outcome: Sendable, Equatable {
    /// `steps` steps, every loss finite (fewer than asked when `afterStep` stopped the run).
    case completed(steps: Int)
    /// Step number `step` of the run (counting from 1) gave a NaN or infinite loss; the
    /// trainer's weights after it are not to be trusted, and `average` did not take them.
    case diverged(step: Int)
  }

  /// The trainer stepped; its objective, learning rate and weights may be changed between runs.
  public var trainer: Trainer
  /// The moving average of the weights, updated after every finite step; nil keeps none.
  public var average: ParameterAverage?
  /// The points trained on.
  public var data: TrainingData {
    didSet { exactScore = nil }
  }
  /// The `esm` target for `data`, built when an `esm` step first needs it.
  private var exactScore: KDEScoreFunction?

  /// A loop stepping `trainer` on `data`, updating `average` if one is given.
  public init(trainer: Trainer, data: TrainingData, average: ParameterAverage? = nil) {
    self.trainer = trainer
    self.data = data
    self.average = average
  }

  /// Runs up to `steps` steps, calling `afterStep` with each finite loss (after `average` took
  /// the step's weights); the run stops early when it returns false.
  ///
  /// - Parameters:
  ///   - steps: the most steps to take, at least 0.
  ///   - afterStep: sees the step's mean loss; returns whether to go on.
  public mutating func run(steps: Int, afterStep: (Float) -> Bool = { _ in true }) -> Outcome {
    precondition(steps >= 0, "the step count must not be negative")
    var taken = 0
    while taken < steps {
      let loss = step()
      taken += 1
      guard loss.isFinite else { return .diverged(step: taken) }
      average?.update(with: trainer.network.parameters)
      guard afterStep(loss) else { break }
    }
    return .completed(steps: taken)
  }

  /// One trainer step with the objective's target; returns the batch's mean loss.
  private mutating func step() -> Float {
    guard trainer.objective == .esm else { return trainer.step(on: data.interleaved) }
    var target =
      exactScore ?? KDEScoreFunction(points: data.standardizedPoints, bandwidth: .noiseLevel)
    let loss = trainer.step(on: data.interleaved, target: &target)
    exactScore = target
    return loss
  }
}
