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
      KDE score at h = σ for every level, weighted by p_σ (relative: √(Σw‖s−t‖²/Σw‖t‖²)). \
      memorised_fraction is the share of samples whose nearest data point is less than a \
      third as far as their second nearest (Gu et al. 2023); with --held-out H, \
      held_out_memorised_fraction is the same share for H's points against the data, the \
      level a model that does not copy its data should be near.
      """)

  @Option(help: "A file of samples.")
  var samples: String?

  @Option(help: "A file of reference points.")
  var reference: String?

  @Option(help: "A model file (.safetensors).")
  var model: String?

  @OptionGroup var source: DataSourceOptions

  @Option(help: "A file of held-out points (not trained on) whose memorised fraction against --data is reported too.")
  var heldOut: String?

  @Option(
    parsing: .unconditional,
    help: "Particles to draw from --model (2 to \(FlagBounds.evaluationParticles); default 5000).")
  var particles: Int?

  @Option(
    parsing: .unconditional,
    help: "Langevin steps per level for --model (0 to \(FlagBounds.langevinSteps); default 100).")
  var stepsPerLevel: Int?

  @Option(parsing: .unconditional, help: "ε for --model sampling (at most 1; default 2e-5).")
  var eps: Float?

  @OptionGroup var random: SeedOption

  /// The largest coordinate of --samples and --reference: the points are compared in Float.
  static let largestCoordinate = 1e30

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
    if pairGiven && (particles != nil || stepsPerLevel != nil || eps != nil || source.isGiven || heldOut != nil) {
      throw ValidationError(
        "--particles, --steps-per-level, --eps, --held-out, --data and --dataset go with --model, not --samples")
    }
    for (path, flag) in [
      (samples, "--samples"), (reference, "--reference"), (model, "--model"), (heldOut, "--held-out"),
    ] {
      try FlagBounds.checkFileName(path, flag)
    }
    if let particles { try FlagBounds.check(particles, "--particles", in: 2...FlagBounds.evaluationParticles) }
    if let stepsPerLevel {
      try FlagBounds.check(stepsPerLevel, "--steps-per-level", in: 0...FlagBounds.langevinSteps)
    }
    if let eps { try FlagBounds.checkPositive(eps, "--eps", atMost: FlagBounds.langevinStep) }
  }

  func run() throws {
    reportingErrors {
      if let samples, let reference {
        // Distances are taken between Float coordinates.
        let a = try PointFileReader.read(path: samples, coordinateLimit: Self.largestCoordinate).points
        let b = try PointFileReader.read(path: reference, coordinateLimit: Self.largestCoordinate).points
        let distances = SampleDistances(a, b)
        try StandardOutput.writeLine(
          JSONObject([
            ("samples", .integer(a.count)), ("reference", .integer(b.count)),
            ("energy_distance", .number(distances.energyDistance)),
            ("sliced_w2", .number(distances.slicedWasserstein)),
          ]).encoded)
        return
      }
      let file = try ScoreModelFile.read(path: model!)
      try requireFiniteModel(file, path: model!)
      let dataset = try source.load(seed: random.seed)
      let heldOutPoints = try heldOut.map {
        try PointFileReader.read(path: $0, coordinateLimit: PointFileReader.largestCoordinate).points
      }
      let particles = particles ?? 5_000
      let schedule = AnnealingSchedule(
        noiseLevels: file.ladder.levels, epsilon: eps ?? 2e-5, stepsPerLevel: stepsPerLevel ?? 100)
      let drawn = ParallelLangevin.sampleAnnealed(
        count: particles, schedule: schedule, mean: .zero,
        score: ScoreNetworkEvaluator(network: file.network), threadCount: 1, seed: random.seed)
      let samplesInDataUnits = (0..<particles).map { i in
        file.standardization.destandardize(SIMD2(Double(drawn[2 * i]), Double(drawn[2 * i + 1])))
      }
      if let bad = samplesInDataUnits.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite) }) {
        throw Failure(
          exitCode: SysExit.data,
          message:
            "\(model!): sampling diverged: particle \(bad + 1) of \(particles) is not finite at the end (try a smaller --eps)"
        )
      }
      let distances = SampleDistances(samplesInDataUnits, dataset.points)
      // In data units, as the samples are compared with the data above.
      let memorisation = MemorisationTest(trainingPoints: dataset.points)
      let errors = fieldErrors(
        network: file.network, ladder: file.ladder,
        standardizedPoints: file.standardization.standardize(dataset.points))
      let perLevel = errors.map { entry in
        JSONValue.object(
          JSONObject([
            ("sigma", .number(Double(entry.sigma))),
            ("relative_error", .number(entry.error.relative)),
            ("weighted_rms", .number(entry.error.weightedRMS)),
          ]))
      }
      if let bad = errors.first(where: { !($0.error.relative.isFinite && $0.error.weightedRMS.isFinite) }) {
        throw Failure(
          exitCode: SysExit.data,
          message: "\(model!): the field error at σ = \(bad.sigma) is not finite")
      }
      try StandardOutput.writeLine(
        JSONObject([
          ("model", .string(model!)), ("data", .string(dataset.name)),
          ("particles", .integer(particles)),
          ("energy_distance", .number(distances.energyDistance)),
          ("sliced_w2", .number(distances.slicedWasserstein)),
          ("memorised_fraction", .number(memorisation.memorisedFraction(samplesInDataUnits))),
          (
            "held_out_memorised_fraction",
            heldOutPoints.map { .number(memorisation.memorisedFraction($0)) } ?? .null
          ),
          ("field_error", .array(perLevel)),
        ]).encoded)
    }
  }
}
