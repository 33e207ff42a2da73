// One training run as the headless commands and the benchmark share it.

import Foundation
import ScoreCore

/// What a run of training steps measured.
struct TrainingSummary {
  var steps: Int
  var seconds: Double
  var samplesPerSecond: Double
  /// The mean loss over the last min(100, steps) steps.
  var recentLoss: Double
}

/// Training diverged: the loss became NaN or infinite.
struct DivergedTraining: ExitCodeCarrying {
  var step: Int
  var exitCode: Int32 { SysExit.software }
  var description: String {
    "training diverged at step \(step) (the loss is not finite); try a smaller --lr"
  }
}

/// Runs `steps` trainer steps; with `showProgress`, redraws a bar on stderr.
func train(
  _ trainer: inout Trainer, on data: TrainingData, steps: Int, showProgress: Bool
) throws(DivergedTraining) -> TrainingSummary {
  var average: ParameterAverage? = nil
  return try train(&trainer, on: data, steps: steps, showProgress: showProgress, average: &average)
}

/// Runs up to `steps` steps of the `TrainingLoop` as `train(_:on:steps:showProgress:)`,
/// stopping early once `seconds` of wall time have passed (when given), and updating
/// `average` (when given) with the parameters after every step.
func train(
  _ trainer: inout Trainer, on data: TrainingData, steps: Int, seconds limit: Double? = nil,
  showProgress: Bool, average: inout ParameterAverage?
) throws(DivergedTraining) -> TrainingSummary {
  // Consumed, so that the loop's trainer is the only owner of its scratch memory.
  var loop = TrainingLoop(trainer: consume trainer, data: data, average: average)
  defer {
    trainer = loop.trainer
    average = loop.average
  }
  // With a time limit the bar counts milliseconds, otherwise steps.
  var bar = ProgressBar(
    total: limit.map { Int($0 * 1000) } ?? steps, showsCount: limit == nil,
    isEnabled: showProgress && isatty(STDERR_FILENO) == 1)
  var recent: [Double] = []
  recent.reserveCapacity(100)
  let batchSize = loop.trainer.batchSize
  let start = monotonicSeconds()
  var taken = 0
  let outcome = loop.run(steps: steps) { loss in
    taken += 1
    if recent.count == 100 { recent.removeFirst() }
    recent.append(Double(loss))
    let now = limit != nil || bar.isEnabled ? monotonicSeconds() : 0
    let done = limit.map { min(Int($0 * 1000), Int((now - start) * 1000)) } ?? taken
    if bar.isDue(done: done, now: now) {
      let rate = Double(taken * batchSize) / max(now - start, 1e-9)
      let mean = recent.reduce(0, +) / Double(recent.count)
      bar.update(
        done: done,
        detail: "loss \(formatted(mean, digits: 4))  \(NumberText.rate(rate, missing: "—")) samples/s",
        now: now)
    }
    if let limit, now - start >= limit { return false }
    return true
  }
  bar.finish(keepingLine: true)
  if case .diverged(let step) = outcome { throw DivergedTraining(step: step) }
  let seconds = monotonicSeconds() - start
  return TrainingSummary(
    steps: taken, seconds: seconds,
    samplesPerSecond: Double(taken * batchSize) / max(seconds, 1e-9),
    recentLoss: recent.isEmpty ? .nan : recent.reduce(0, +) / Double(recent.count))
}
