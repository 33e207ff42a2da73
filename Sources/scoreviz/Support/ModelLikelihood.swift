// A model's log-density by the probability-flow ODE in data units, as `likelihood` and `eval` report it.

import ScoreCore

/// The ODE likelihood of a model file: Gaussian end density N(0, (1 + σ_max²)I) in the
/// model's standardised units, results in data units (MATH.md §6).
struct ModelLikelihood {
  /// σ_max below which the Gaussian end density is a poor fit to p_{σ_max} (MATH.md §6).
  static let smallestSoundMaximum: Float = 4

  /// Heun steps when none are asked for.
  static let defaultSteps = 160

  /// The model.
  var file: ScoreModelFile
  /// σ_min, standardised.
  var minimum: Float
  /// σ_max, standardised.
  var maximum: Float
  /// Heun steps from σ_min to σ_max.
  var steps: Int

  /// The warning to print when σ_max is too small for the Gaussian end density, ending in
  /// `remedy`; nil otherwise.
  func warning(remedy: String) -> String? {
    guard maximum < Self.smallestSoundMaximum else { return nil }
    return
      "warning: σ_max = \(maximum) is below \(Self.smallestSoundMaximum): the Gaussian end density needs σ_max beyond the data's extent (about 4 for standardised data, MATH.md §6), so the log-densities are biased; \(remedy)"
  }

  /// log p_{σ_min} at `points` (data units) in data units: the standardised log-density
  /// minus log(scale_x·scale_y).
  /// A progress bar labelled `progressLabel` runs on stderr meanwhile (see `ProgressBar`).
  func dataLogDensities(at points: [SIMD2<Double>], threads: Int, progressLabel: String) -> [Double] {
    let likelihood = ODELikelihood(
      minimumNoiseLevel: minimum, maximumNoiseLevel: maximum, steps: steps,
      endDensity: .gaussian(mean: .zero, variance: .one))
    let progress = ProgressReporter(total: points.count * likelihood.stepCount, label: progressLabel)
    defer { progress.finish() }
    let standardized = likelihood.logDensities(
      at: file.standardization.standardize(points), field: ScoreNetworkEvaluator(network: file.network),
      threadCount: threads, progress: progress.handler)
    return standardized.map { file.standardization.dataLogDensity(fromStandardized: $0) }
  }
}
