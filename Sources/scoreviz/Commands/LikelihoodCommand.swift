// `scoreviz likelihood`: exact log-densities by the probability-flow ODE, from a model or the KDE.

import ArgumentParser
import Foundation
import ScoreCore

struct LikelihoodCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "likelihood",
    abstract: "Log-density at points by the probability-flow ODE: from a model or from the KDE.",
    discussion: """
      Integrates dx/dσ = −σ·s(x, σ) and d log p/dσ = σ·tr ∇ₓs from σ_min up to σ_max in \
      --steps Heun steps on Karras' levels (ρ = 7), then adds log p_{σ_max} of the end point \
      (MATH.md §6). Prints x,y,log_density,nfe in data units: log p_{σ_min} of the --at points, \
      with the standardisation's Jacobian, and the evaluations of score and divergence per \
      point (2·steps). σ is in standardised units. With --model the end density is \
      N(0, (1 + σ_max²)I) and σ runs over the model's ladder by default; a σ_max below 4 is \
      too small for that end density (a warning says so). With --source kde the score is the \
      KDE's of the standardised --data at h = σ and the end density the KDE at h = σ_max, so \
      the result is the KDE's log-density at h = σ_min to the integrator's error; σ_min \
      defaults to Scott's bandwidth of the standardised data, σ_max to 5. A log-density that \
      is not finite is an error (exit 65), and nothing is written. A --model file without \
      scoreviz metadata takes its ladder from --sigmas and its standardisation from --data or \
      --dataset (the data it was trained on).

      Shows progress (point steps) with the time taken and an ETA on stderr when it is a \
      terminal and the run lasts over a second.
      """)

  @Option(help: "Where the score comes from: model or kde.")
  var source: ScoreSource = .model

  @Option(help: "The model file (.safetensors) for --source model.")
  var model: String?

  @OptionGroup var data: DataSourceOptions

  @OptionGroup var modelSigmas: ModelSigmasOption

  @Option(help: "A CSV, NPY or NPZ (one array) file of the points whose log-density is wanted.")
  var at: String

  @Option(
    parsing: .unconditional,
    help: "Heun steps from σ_min to σ_max (1 to \(FlagBounds.odeSteps)).")
  var steps: Int = ModelLikelihood.defaultSteps

  @Option(
    parsing: .unconditional,
    help: "σ_min in standardised units (default: the ladder's smallest, or Scott's h for kde).")
  var sigmaMin: Float?

  @Option(
    parsing: .unconditional,
    help: "σ_max in standardised units (default: the ladder's largest, or 5 for kde).")
  var sigmaMax: Float?

  @Option(parsing: .unconditional, help: "Threads to split the points over (1 to \(FlagBounds.threads)).")
  var threads: Int = 1

  @OptionGroup var output: TableOutputOptions

  @OptionGroup var random: SeedOption

  func validate() throws {
    try FlagBounds.checkOneStandardInput([(data.data, "--data"), (at, "--at")])
    switch source {
    case .model:
      guard model != nil else { throw ValidationError("--source model needs --model FILE") }
    case .kde:
      guard data.isGiven else { throw ValidationError("--source kde needs --data FILE or --dataset NAME") }
      if model != nil { throw ValidationError("--model goes with --source model") }
      if modelSigmas.sigmas != nil { throw ValidationError("--sigmas goes with --source model") }
    }
    try FlagBounds.check(steps, "--steps", in: 1...FlagBounds.odeSteps)
    try FlagBounds.check(threads, "--threads", in: 1...FlagBounds.threads)
    if let sigmaMin { try FlagBounds.check(sigmaMin, "--sigma-min", in: NoiseLadder.levelRange) }
    if let sigmaMax { try FlagBounds.check(sigmaMax, "--sigma-max", in: NoiseLadder.levelRange) }
    if let sigmaMin, let sigmaMax, !(sigmaMin < sigmaMax) {
      throw ValidationError("--sigma-min \(sigmaMin) must be below --sigma-max \(sigmaMax)")
    }
    try FlagBounds.checkFileName(model, "--model")
    try FlagBounds.checkFileName(at, "--at")
  }

  func run() throws {
    reportingErrors {
      try checkWritable(output.file)
      let queries = try PointFileReader.read(
        path: at, minimumCount: 1, coordinateLimit: PointFileReader.largestCoordinate
      ).points
      let dataLogDensities: [Double]
      let range: (minimum: Float, maximum: Float)
      let origin: String
      switch source {
      case .model:
        let path = model!
        let file = try readModel(
          path: path,
          supplying: ModelMetadataSupply(
            sigmas: modelSigmas.ladder, data: try data.loadIfGiven(seed: random.seed),
            dataOnlyStandardizes: true))
        try requireFiniteModel(file, path: path)
        range = try noiseRange(defaultMinimum: file.ladder.minimum, defaultMaximum: file.ladder.maximum)
        let likelihood = ModelLikelihood(file: file, minimum: range.minimum, maximum: range.maximum, steps: steps)
        if let warning = likelihood.warning(remedy: "train with a larger σ_max or give --sigma-max") {
          printNote(warning)
        }
        dataLogDensities = likelihood.dataLogDensities(at: queries, threads: threads, progressLabel: "likelihood")
        origin = path
      case .kde:
        let dataset = try data.load(seed: random.seed)
        let standardization = Standardization(fitting: dataset.points)
        let points = standardization.standardize(dataset.points)
        let scott = Float(BandwidthRule.scott.bandwidth(for: points))
        guard sigmaMin != nil || (scott > 0 && scott.isFinite) else {
          throw Failure(
            exitCode: SysExit.data,
            message: "\(dataset.name): the points have no spread, so Scott's rule gives h = 0; give --sigma-min")
        }
        range = try noiseRange(defaultMinimum: scott, defaultMaximum: 5)
        let likelihood = ODELikelihood(
          minimumNoiseLevel: range.minimum, maximumNoiseLevel: range.maximum, steps: steps,
          endDensity: .kernelDensity(points: points))
        let progress = ProgressReporter(total: queries.count * likelihood.stepCount, label: "likelihood")
        defer { progress.finish() }
        dataLogDensities = likelihood.logDensities(
          at: standardization.standardize(queries),
          field: KDEScoreFunction(points: points, bandwidth: .noiseLevel), threadCount: threads,
          progress: progress.handler
        ).map { standardization.dataLogDensity(fromStandardized: $0) }
        origin = dataset.name
      }
      if let bad = dataLogDensities.firstIndex(where: { !$0.isFinite }) {
        throw Failure(
          exitCode: SysExit.data,
          message:
            "\(origin): the log-density is not finite at (\(queries[bad].x), \(queries[bad].y)) (row \(bad + 1) of \(at))"
        )
      }
      let evaluations = Double(2 * steps)
      let table = DataTable(
        columnNames: ["x", "y", "log_density", "nfe"],
        columns: [
          queries.map { $0.x }, queries.map { $0.y }, dataLogDensities,
          [Double](repeating: evaluations, count: queries.count),
        ])
      let header: [(String, JSONValue)] = [
        ("source", .string(source.rawValue)),
        ("sigma_min", .float(range.minimum)),
        ("sigma_max", .float(range.maximum)),
        ("steps", .integer(steps)),
      ]
      try output.write(table, header: header)
    }
  }

  /// σ_min and σ_max: the flags, else the defaults; σ_min must stay below σ_max.
  private func noiseRange(defaultMinimum: Float, defaultMaximum: Float) throws -> (minimum: Float, maximum: Float) {
    let minimum = sigmaMin ?? defaultMinimum
    let maximum = sigmaMax ?? defaultMaximum
    guard minimum < maximum else {
      throw ValidationError(
        "σ_min \(minimum) must be below σ_max \(maximum); give --sigma-min or --sigma-max")
    }
    return (minimum, maximum)
  }
}
