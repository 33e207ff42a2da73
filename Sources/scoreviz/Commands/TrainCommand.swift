// `scoreviz train`: trains the score network headless and saves it as safetensors.

import ArgumentParser
import Foundation
import ScoreCore

struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train the score network on a dataset and save it.",
    discussion: """
      Trains in standardised coordinates (per-axis z-scores of the data; the map is saved \
      in the model file). Shows a progress bar with the time taken and an ETA on stderr \
      when it is a terminal and the run lasts over a second, and prints a one-line JSON \
      summary on stdout at the end.
      """)

  @OptionGroup var source: DataSourceOptions

  @Option(
    help: "The objective: \(Objective.allCases.map(\.rawValue).joined(separator: ", ")).",
    completion: .list(Objective.allCases.map(\.rawValue)))
  var objective: String = "ncsn"

  @Option(parsing: .unconditional, help: "Training steps (1 to \(FlagBounds.trainingSteps)).")
  var steps: Int = 5_000

  @Option(
    parsing: .unconditional,
    help: "Stop after this many seconds of wall time (at most 1000000) if --steps have not all run by then.")
  var seconds: Double?

  @Option(parsing: .unconditional, help: "Points per step (1 to \(FlagBounds.batch)).")
  var batch: Int = 256

  @OptionGroup var network: NetworkShapeOptions

  @Option(parsing: .unconditional, help: "Adam's learning rate (at most 1e6).")
  var lr: Float = 1e-3

  @OptionGroup var noise: NoiseOptions

  @Option(
    parsing: .unconditional,
    help: "The noise level of the dsm objective (default: the ladder level nearest 0.1).")
  var dsmSigma: Float?

  @Option(
    parsing: .unconditional,
    help: """
      Save the exponential moving average of the weights with this decay (0.999 is usual) \
      instead of the last weights.
      """)
  var ema: Double?

  @Option(parsing: .unconditional, help: "Threads for each step: 1 or 2.")
  var threads: Int = 1

  @OptionGroup var random: SeedOption

  @Option(help: "Where to save the model (.safetensors).")
  var save: String?

  func validate() throws {
    guard Objective(rawValue: objective) != nil else {
      throw ValidationError(
        "--objective: unknown objective '\(objective)'; choose one of \(Objective.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    try FlagBounds.check(steps, "--steps", in: 1...FlagBounds.trainingSteps)
    try FlagBounds.check(batch, "--batch", in: 1...FlagBounds.batch)
    try network.checkBatch(batch)
    try FlagBounds.checkPositive(lr, "--lr", atMost: FlagBounds.learningRate)
    guard threads == 1 || threads == 2 else {
      throw ValidationError("--threads must be 1 or 2, got \(threads)")
    }
    try noise.check(objective: objective)
    if let seconds { try FlagBounds.checkPositive(seconds, "--seconds", atMost: FlagBounds.seconds) }
    // A decay that rounds to 1 in Float would never move the average.
    if let ema, !(ema >= 0 && Float(ema) < 1) {
      throw ValidationError("--ema must lie in [0, 1), got \(ema)")
    }
    if let dsmSigma {
      try FlagBounds.check(dsmSigma, "--dsm-sigma", in: NoiseLadder.levelRange)
      if objective != Objective.dsm.rawValue {
        throw ValidationError("--dsm-sigma goes with --objective dsm")
      }
    }
    try FlagBounds.checkFileName(save, "--save")
    try FlagBounds.checkOutputExtension(save, "--save", allowed: ["safetensors"])
  }

  func run() throws {
    reportingErrors {
      try checkWritable(save)
      let data = TrainingData(try source.load(seed: random.seed))
      let ladder = noise.ladder
      var trainer = Trainer(
        shape: network.shape, objective: Objective(rawValue: objective)!, ladder: ladder,
        noiseDistribution: noise.distribution,
        denoisingNoiseLevel: dsmSigma, batchSize: batch, learningRate: lr, seed: random.seed,
        threadCount: threads)
      var average = ema.map {
        ParameterAverage(decay: Float($0), parameters: trainer.network.parameters)
      }
      let summary = try train(
        &trainer, on: data, steps: steps, seconds: seconds, showProgress: true, average: &average)
      if let save {
        let network =
          try average.map { try ScoreNetwork(shape: trainer.network.shape, parameters: $0.parameters) }
          ?? trainer.network
        let notes = ScoreModelFile.trainingNotes(
          objective: Objective(rawValue: objective)!, steps: summary.steps, dataset: data.dataset.name,
          averageDecay: ema)
        let model = ScoreModelFile(
          network: network, ladder: ladder, noiseDistribution: noise.distribution,
          standardization: data.standardization,
          trainingNotes: notes)
        try model.write(to: save)
      }
      let line = JSONObject([
        ("dataset", .string(data.dataset.name)),
        ("points", .integer(data.dataset.points.count)),
        ("objective", .string(objective)),
        ("noise", .string(noise.distribution.rawValue)),
        ("steps", .integer(summary.steps)),
        ("batch", .integer(batch)),
        ("hidden", .integer(network.hidden)),
        ("layers", .integer(network.layers)),
        ("threads", .integer(threads)),
        ("ema", ema.map { .number($0) } ?? .null),
        ("loss", .number(summary.recentLoss)),
        ("seconds", .number(summary.seconds)),
        ("samples_per_second", .number(summary.samplesPerSecond)),
        ("model", save.map { .string($0) } ?? .null),
      ])
      try StandardOutput.writeLine(line.encoded)
    }
  }
}
