// The continuous-noise network that the `sample-ode` and `likelihood` workloads run.

import ScoreCore

/// A network trained with log σ uniform over [σ_min, σ_max], with the standardisation of its data.
struct ContinuousBenchModel {
  /// The network, in standardised coordinates.
  var network: ScoreNetwork
  /// The map between data units and the network's coordinates.
  var standardization: Standardization
  /// σ_max, where sampling starts and the likelihood's end density is taken.
  var maximumNoiseLevel: Float
  /// σ_min, where sampling stops and the likelihood is computed.
  var minimumNoiseLevel: Float
  /// Where the weights came from: the model file, or how they were trained.
  var origin: String

  /// Training steps of the recipe used without a model file (WORKLOADS.md's peer figures).
  static let trainingSteps = 5_000
  /// The decay of the weights' moving average saved by that recipe.
  static let averageDecay: Float = 0.999

  /// The model file at `path`, or without one a network trained here as
  /// `scoreviz train --data moons-10k.csv --noise continuous --ema 0.999 --seed 0` trains it
  /// (`trainingSteps` steps; with --quick 200 steps and the last weights, since an average
  /// with decay 0.999 over 200 steps is still mostly the initial weights). The training time
  /// is not part of any measurement.
  static func load(path: String?, context: BenchContext) throws -> ContinuousBenchModel {
    if let path {
      let file = try readModel(path: path)
      try requireFiniteModel(file, path: path)
      return ContinuousBenchModel(
        network: file.network, standardization: file.standardization,
        maximumNoiseLevel: file.ladder.maximum, minimumNoiseLevel: file.ladder.minimum, origin: path)
    }
    let data = TrainingData(Dataset(name: "moons-10k", points: try context.points("moons-10k.csv")))
    let ladder = NoiseDistribution.continuous.defaultLadder
    var trainer = Trainer(ladder: ladder, noiseDistribution: .continuous, seed: 0, threadCount: 1)
    let steps = context.quick ? 200 : trainingSteps
    var average =
      context.quick ? nil : ParameterAverage(decay: averageDecay, parameters: trainer.network.parameters)
    _ = try train(&trainer, on: data, steps: steps, showProgress: false, average: &average)
    let network =
      try average.map { try ScoreNetwork(shape: trainer.network.shape, parameters: $0.parameters) } ?? trainer.network
    let weights = average == nil ? "last weights" : "EMA \(averageDecay)"
    return ContinuousBenchModel(
      network: network, standardization: data.standardization, maximumNoiseLevel: ladder.maximum,
      minimumNoiseLevel: ladder.minimum,
      origin: "trained here: moons-10k, \(steps) steps, continuous noise, \(weights), seed 0")
  }
}
