// `scoreviz eval`: how close samples are to data, and how close a model's field is to the truth.

import ArgumentParser
import ScoreCore

struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Compare samples with reference data, or a model with its data.",
    discussion: """
      --samples A --reference B: energy distance and sliced Wasserstein-2 (256 directions) \
      between two point files. --model M --data F: draws --particles samples by annealed \
      Langevin and compares them with F, and reports the learned field's error against the \
      KDE score at h = σ for every level, weighted by p_σ (relative: √(Σw‖s−t‖²/Σw‖t‖²)).
      """)

  @Option(help: "A file of samples.")
  var samples: String?

  @Option(help: "A file of reference points.")
  var reference: String?

  @Option(help: "A model file (.safetensors).")
  var model: String?

  @OptionGroup var source: DataSourceOptions

  @Option(help: "Particles to draw from --model.")
  var particles: Int = 5_000

  @Option(help: "Langevin steps per level for --model.")
  var stepsPerLevel: Int = 100

  @Option(help: "ε for --model sampling.")
  var eps: Float = 2e-5

  @Option(help: "Random seed.")
  var seed: UInt64 = 0

  func validate() throws {
    let pairGiven = samples != nil || reference != nil
    if pairGiven && model != nil {
      throw ValidationError("Give either --samples with --reference, or --model with --data")
    }
    if pairGiven && (samples == nil || reference == nil) {
      throw ValidationError("--samples and --reference go together")
    }
    if !pairGiven && model == nil {
      throw ValidationError("Give --samples A --reference B, or --model M --data F")
    }
    guard particles >= 2 else { throw ValidationError("--particles must be at least 2") }
  }

  func run() throws {
    try reportingErrors {
      if let samples, let reference {
        let a = try PointFileReader.read(path: samples).points
        let b = try PointFileReader.read(path: reference).points
        let distances = SampleDistances(a, b)
        print(
          JSONLine([
            ("samples", .integer(a.count)), ("reference", .integer(b.count)),
            ("energy_distance", .number(distances.energyDistance)),
            ("sliced_w2", .number(distances.slicedWasserstein)),
          ]).encoded)
        return
      }
      let file = try ScoreModelFile.read(path: model!)
      let dataset = try source.load(seed: seed)
      let schedule = AnnealingSchedule(
        noiseLevels: file.ladder.levels, epsilon: eps, stepsPerLevel: stepsPerLevel)
      let drawn = ParallelLangevin.sampleAnnealed(
        count: particles, schedule: schedule, mean: .zero,
        score: ScoreNetworkEvaluator(network: file.network), threadCount: 1, seed: seed)
      let samplesInDataUnits = (0..<particles).map { i in
        file.standardization.destandardize(SIMD2(Double(drawn[2 * i]), Double(drawn[2 * i + 1])))
      }
      let distances = SampleDistances(samplesInDataUnits, dataset.points)
      let errors = fieldErrors(
        network: file.network, ladder: file.ladder,
        standardizedPoints: file.standardization.standardize(dataset.points))
      let perLevel = errors.map { entry in
        JSONValue.object(
          JSONLine([
            ("sigma", .number(Double(entry.sigma))),
            ("relative_error", .number(entry.error.relative)),
            ("weighted_rms", .number(entry.error.weightedRMS)),
          ]))
      }
      print(
        JSONLine([
          ("model", .string(model!)), ("data", .string(dataset.name)),
          ("particles", .integer(particles)),
          ("energy_distance", .number(distances.energyDistance)),
          ("sliced_w2", .number(distances.slicedWasserstein)),
          ("field_error", .array(perLevel)),
        ]).encoded)
    }
  }
}
