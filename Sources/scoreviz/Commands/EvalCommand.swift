// `scoreviz eval`: how close samples are to data, how each sampler does, and a model's held-out likelihood.

import ArgumentParser
import Foundation
import ScoreCore

struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Compare samples with reference data, or a model's samplers and likelihood with its data.",
    discussion: """
      --samples A --reference B: energy distance and sliced Wasserstein-2 (256 directions) \
      between two point files, and memorised_fraction: the share of A's points whose nearest \
      point of B is less than a third as far as their second nearest (B being the training \
      data, the share of samples that copy it).

      --model M --data F: for each sampler of --samplers (default annealed,sde,pc,ode,heun; \
      langevin when named) draws --particles samples from the model with that sampler's \
      defaults in 'scoreviz sample' (annealed 100 steps per level, langevin 1000 steps, sde, \
      pc and ode 100 σ steps, heun 50, pc with M = 1; --steps sets the σ steps of sde, pc, ode \
      and heun) and --seed, and reports under "samplers" its name, nfe (network evaluations \
      per particle: annealed L·T, langevin its steps, sde and ode n, pc n·(1 + M), heun \
      2n − 1), energy_distance and sliced_w2 against F, and memorised_fraction: the share of \
      samples whose nearest point of F is less than a third as far as their second nearest \
      (Gu et al. 2023), in data units. The top-level energy_distance, sliced_w2 and \
      memorised_fraction are the annealed sampler's (null when --samplers leaves it out). \
      field_error is the learned field's error against the KDE score at h = σ for every \
      level, weighted by p_σ (relative: √(Σw‖s−t‖²/Σw‖t‖²)).

      --held-out H (points not trained on): held_out_memorised_fraction is the memorised \
      share of H's points against F, the level of a model that copies nothing; held_out_nll \
      is −mean log p_{σ_min} of H's points in nats per point in data units, from the model by \
      the probability-flow ODE as 'scoreviz likelihood' computes it (160 Heun steps over the \
      ladder's σ range; a warning when σ_max is below 4); kde_held_out_nll is the same mean \
      for the Gaussian KDE of F at h = σ_min in the model's standardised units: what the exact \
      score of F would give. Without --held-out the three are null.

      --format table prints an aligned table instead of the one JSON line.

      Shows progress with the time taken and an ETA on stderr for each sampler and for the held- \
      out likelihood, when stderr is a terminal and a stage lasts over a second.
      """)

  /// How the report is printed.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case json
    case table
  }

  /// The samplers compared when --samplers is not given.
  static let defaultSamplers: [SamplerKind] = [.annealed, .sde, .pc, .ode, .heun]

  @Option(help: "A file of samples.")
  var samples: String?

  @Option(help: "A file of reference points.")
  var reference: String?

  @Option(help: "A model file (.safetensors).")
  var model: String?

  @OptionGroup var source: DataSourceOptions

  @OptionGroup var modelSigmas: ModelSigmasOption

  @Option(help: "A file of held-out points (not trained on): their memorised fraction and mean NLL.")
  var heldOut: String?

  @Option(
    help: """
      The samplers to compare, comma-separated, from annealed, langevin, sde, pc, ode, heun \
      (default annealed,sde,pc,ode,heun).
      """)
  var samplers: String?

  @Option(
    parsing: .unconditional,
    help: "Particles to draw from --model per sampler (2 to \(FlagBounds.evaluationParticles); default 5000).")
  var particles: Int?

  @Option(
    parsing: .unconditional,
    help: "Langevin steps per level of annealed (0 to \(FlagBounds.langevinSteps); default 100).")
  var stepsPerLevel: Int?

  @Option(parsing: .unconditional, help: "ε of annealed and langevin (at most 1; default 2e-5).")
  var eps: Float?

  @Option(
    parsing: .unconditional,
    help: "σ steps of sde, pc, ode and heun (1 to \(FlagBounds.diffusionSteps); default 100, heun 50).")
  var steps: Int?

  @Option(
    parsing: .unconditional,
    help: "Threads for sampling and the likelihood (1 to \(FlagBounds.threads); default 1).")
  var threads: Int?

  @Option(help: "Output format: json (one line) or table.")
  var format: Format = .json

  @OptionGroup var random: SeedOption

  /// The largest coordinate of --samples and --reference: the points are compared in Float.
  static let largestCoordinate = 1e30

  /// The samplers of --samplers, in its order, or the default ones.
  var samplerKinds: [SamplerKind] {
    (try? samplers.map(Self.parseSamplers)) ?? Self.defaultSamplers
  }

  /// The samplers named in `text`; a `ValidationError` for an unknown, repeated or empty name.
  static func parseSamplers(_ text: String) throws -> [SamplerKind] {
    let names = SamplerKind.allCases.map(\.rawValue).joined(separator: ", ")
    var kinds: [SamplerKind] = []
    for name in text.split(separator: ",", omittingEmptySubsequences: false) {
      let trimmed = name.trimmingCharacters(in: .whitespaces)
      guard let kind = SamplerKind(rawValue: trimmed) else {
        throw ValidationError("--samplers: unknown sampler '\(trimmed)'; choose from \(names)")
      }
      guard !kinds.contains(kind) else { throw ValidationError("--samplers names '\(trimmed)' twice") }
      kinds.append(kind)
    }
    return kinds
  }

  func validate() throws {
    try FlagBounds.checkOneStandardInput([
      (samples, "--samples"), (reference, "--reference"), (source.data, "--data"), (heldOut, "--held-out"),
    ])
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
    if pairGiven
      && (particles != nil || stepsPerLevel != nil || eps != nil || source.isGiven || heldOut != nil
        || modelSigmas.sigmas != nil)
    {
      throw ValidationError(
        "--particles, --steps-per-level, --eps, --held-out, --sigmas, --data and --dataset go with --model, not --samples"
      )
    }
    let modelOnly = [("--samplers", samplers != nil), ("--steps", steps != nil), ("--threads", threads != nil)]
    if pairGiven, let (flag, _) = modelOnly.first(where: \.1) {
      throw ValidationError("\(flag) goes with --model, not --samples")
    }
    for (path, flag) in [
      (samples, "--samples"), (reference, "--reference"), (model, "--model"), (heldOut, "--held-out"),
    ] {
      try FlagBounds.checkFileName(path, flag)
    }
    if let samplers { _ = try Self.parseSamplers(samplers) }
    if let particles { try FlagBounds.check(particles, "--particles", in: 2...FlagBounds.evaluationParticles) }
    if let stepsPerLevel {
      try FlagBounds.check(stepsPerLevel, "--steps-per-level", in: 0...FlagBounds.langevinSteps)
    }
    if let eps { try FlagBounds.checkPositive(eps, "--eps", atMost: FlagBounds.langevinStep) }
    if let steps { try FlagBounds.check(steps, "--steps", in: 1...FlagBounds.diffusionSteps) }
    if let threads { try FlagBounds.check(threads, "--threads", in: 1...FlagBounds.threads) }
    try checkSamplerFlags()
  }

  /// Refuses --steps-per-level, --eps and --steps when --samplers leaves out every sampler
  /// that uses them.
  func checkSamplerFlags() throws {
    guard samplers != nil else { return }
    let kinds = samplerKinds
    if stepsPerLevel != nil && !kinds.contains(.annealed) {
      throw ValidationError("--steps-per-level goes with annealed, which --samplers leaves out")
    }
    if eps != nil && !kinds.contains(where: { !$0.followsProcess }) {
      throw ValidationError("--eps goes with annealed or langevin, which --samplers leaves out")
    }
    if steps != nil && !kinds.contains(where: \.followsProcess) {
      throw ValidationError("--steps goes with sde, pc, ode or heun, which --samplers leaves out")
    }
  }

  func run() throws {
    reportingErrors {
      if let samples, let reference {
        try comparePointFiles(samples: samples, reference: reference)
      } else {
        try evaluateModel(path: model!)
      }
    }
  }

  /// Prints the distances between two point files (compared in Float).
  func comparePointFiles(samples: String, reference: String) throws {
    let a = try PointFileReader.read(path: samples, coordinateLimit: Self.largestCoordinate).points
    let b = try PointFileReader.read(path: reference, coordinateLimit: Self.largestCoordinate).points
    let distances = SampleDistances(a, b)
    // The test needs two reference points to tell the nearest from the second nearest.
    let memorised = b.count >= 2 ? MemorisationTest(trainingPoints: b).memorisedFraction(a) : .nan
    switch format {
    case .json:
      try StandardOutput.writeLine(
        JSONObject([
          ("samples", .integer(a.count)), ("reference", .integer(b.count)),
          ("energy_distance", .number(distances.energyDistance)),
          ("sliced_w2", .number(distances.slicedWasserstein)),
          ("memorised_fraction", memorised.isFinite ? .number(memorised) : .null),
        ]).encoded)
    case .table:
      try StandardOutput.write(
        TextTable(
          header: ["samples", "reference", "energy distance", "sliced W2", "memorised"],
          rows: [
            [
              String(a.count), String(b.count), EvalReport.text(distances.energyDistance),
              EvalReport.text(distances.slicedWasserstein), EvalReport.text(memorised),
            ]
          ]
        ).text)
    }
  }
}
