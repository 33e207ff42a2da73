// `scoreviz sample`: draws particles by Langevin dynamics, the reverse SDE, predictor–corrector or the ODE.

import ArgumentParser
import ScoreCore

struct SampleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample",
    abstract: "Draw samples from a trained model (or the exact KDE score) along the score field.",
    discussion: """
      --sampler annealed (default): for each level σᵢ of the model's ladder, T steps of \
      x ← x + (αᵢ/2)·s(x, σᵢ) + √αᵢ·z with αᵢ = ε·σᵢ²/σ_L², starting from N(0, σ₁²I) in \
      standardised units. --sampler langevin (or --plain): --steps steps at the one level \
      --sigma with step α = ε·σ²/σ_L², from the same start.

      --sampler sde|pc|ode|heun walk --steps of Karras' σ steps (ρ = 7) from --sigma-max \
      down to --sigma-min under --process ve|vp: sde is the reverse SDE by Euler–Maruyama, \
      pc adds --corrector-steps Langevin steps at signal-to-noise ratio --snr after each, \
      ode is the probability-flow ODE by Euler, heun by Heun (the last step Euler). They \
      start from N(0, (1 + σ_max²)I) in standardised units for a model, and from a random \
      data point plus σ_max·z for --source kde, where the score is the exact one of the data \
      convolved with N(0, σ²I) (the KDE at h = σ in the data's standardised units). \
      Default --steps: 100 (50 for heun), about 100 score evaluations (NFE); pc makes \
      1 + M per step, heun 2 (the last 1). The NFE goes to stderr.

      Writes the particles in data units. --trajectories writes the path of the first \
      --trajectory-particles particles: particle,step,sigma,x,y with σ in standardised units \
      and (x, y) the state in data units (under vp the state α·x, α = 1/√(1 + σ²)).

      A --model file without scoreviz metadata takes its ladder from --sigmas and its \
      standardisation from --data or --dataset (the data it was trained on); for one that \
      records them, those flags are usage errors.

      Shows progress (particle steps) with the time taken and an ETA on stderr when it is a \
      terminal and the run lasts over a second.
      """)

  @Option(
    help: "The sampler: annealed, langevin, sde, pc, ode or heun (default annealed).",
    completion: .list(SamplerKind.allCases.map(\.rawValue)),
    transform: { try parseChoice($0, as: SamplerKind.self) })
  var sampler: SamplerKind?

  @Option(help: "Where the score comes from: model (--model) or kde (--data or --dataset; sde, pc, ode, heun).")
  var source: ScoreSource = .model

  @Option(help: "The model file (.safetensors) written by 'scoreviz train'.")
  var model: String?

  @OptionGroup var data: DataSourceOptions

  @OptionGroup var modelSigmas: ModelSigmasOption

  @Option(parsing: .unconditional, help: "How many particles (1 to \(FlagBounds.pointCount)).")
  var particles: Int = 5_000

  @Option(
    parsing: .unconditional,
    help: "Langevin steps per noise level, annealed (0 to \(FlagBounds.langevinSteps); default 100).")
  var stepsPerLevel: Int?

  @Option(
    parsing: .unconditional,
    help: "ε, the step size at the smallest noise level, annealed and langevin (at most 1; default 2e-5).")
  var eps: Float?

  @Flag(help: "Plain Langevin at one noise level: the same as --sampler langevin.")
  var plain = false

  @Option(
    parsing: .unconditional,
    help: "The noise level of --sampler langevin, in standardised units (default: the smallest).")
  var sigma: Float?

  @Option(
    parsing: .unconditional,
    help: """
      Langevin steps of --sampler langevin (0 to \(FlagBounds.langevinSteps); default 1000), or σ steps of \
      sde, pc, ode, heun (1 to \(FlagBounds.diffusionSteps); default 100, heun 50).
      """)
  var steps: Int?

  @Option(
    help: "The process of sde, pc, ode and heun: ve or vp (default ve).",
    transform: { try parseChoice($0, as: DiffusionProcess.self) })
  var process: DiffusionProcess?

  @Option(parsing: .unconditional, help: "r, the signal-to-noise ratio of pc's corrector (default 0.16).")
  var snr: Float?

  @Option(
    parsing: .unconditional,
    help: "M, Langevin corrector steps after each pc step (0 to \(FlagBounds.correctorSteps); default 1).")
  var correctorSteps: Int?

  @Option(
    parsing: .unconditional,
    help: "σ_min of sde, pc, ode, heun in standardised units (default: the ladder's smallest; kde 0.01).")
  var sigmaMin: Float?

  @Option(
    parsing: .unconditional,
    help: "σ_max of sde, pc, ode, heun in standardised units (default: the ladder's largest; kde 5).")
  var sigmaMax: Float?

  @Option(help: "A CSV file for the paths of sde, pc, ode, heun: particle,step,sigma,x,y.")
  var trajectories: String?

  @Option(
    parsing: .unconditional,
    help: """
      Particles whose paths --trajectories writes (1 to \(FlagBounds.trajectoryParticles), at most \
      --particles; default 50; rows = particles × (steps + 1) up to \(FlagBounds.trajectoryRows)).
      """)
  var trajectoryParticles: Int?

  @Option(parsing: .unconditional, help: "Threads to split the particles over (1 to \(FlagBounds.threads)).")
  var threads: Int = 1

  @OptionGroup var random: SeedOption

  @OptionGroup var output: PointOutputOptions

  /// The sampler asked for: --sampler, or langevin for --plain.
  var kind: SamplerKind { plain ? .langevin : sampler ?? .annealed }

  /// The sampler and its settings from the flags.
  var setup: SamplerSetup {
    SamplerSetup(
      kind: kind, steps: steps, stepsPerLevel: stepsPerLevel, eps: eps, sigma: sigma, process: process, snr: snr,
      correctorSteps: correctorSteps, sigmaMin: sigmaMin, sigmaMax: sigmaMax)
  }

  /// σ steps of the SDE and ODE samplers.
  var diffusionSteps: Int { setup.diffusionSteps }

  /// The particles whose paths are written.
  var recordedParticles: Int { trajectories == nil ? 0 : min(trajectoryParticles ?? 50, particles) }

  func validate() throws {
    if plain, let sampler, sampler != .langevin {
      throw ValidationError("--plain is --sampler langevin; it does not go with --sampler \(sampler.rawValue)")
    }
    try FlagBounds.check(particles, "--particles", in: 1...FlagBounds.pointCount)
    try FlagBounds.check(threads, "--threads", in: 1...FlagBounds.threads)
    try FlagBounds.checkFileName(model, "--model")
    try FlagBounds.checkFileName(trajectories, "--trajectories")
    try FlagBounds.checkOutputExtension(trajectories, "--trajectories", allowed: ["csv"])
    try checkApplicability()
    if let stepsPerLevel {
      try FlagBounds.check(stepsPerLevel, "--steps-per-level", in: 0...FlagBounds.langevinSteps)
    }
    if let eps { try FlagBounds.checkPositive(eps, "--eps", atMost: FlagBounds.langevinStep) }
    if let sigma { try FlagBounds.check(sigma, "--sigma", in: NoiseLadder.levelRange) }
    if let steps {
      if kind.followsProcess {
        try FlagBounds.check(steps, "--steps", in: 1...FlagBounds.diffusionSteps)
      } else {
        try FlagBounds.check(steps, "--steps", in: 0...FlagBounds.langevinSteps)
      }
    }
    if let snr { try FlagBounds.checkPositive(snr, "--snr", atMost: FlagBounds.signalToNoise) }
    if let correctorSteps {
      try FlagBounds.check(correctorSteps, "--corrector-steps", in: 0...FlagBounds.correctorSteps)
    }
    if let sigmaMin { try FlagBounds.check(sigmaMin, "--sigma-min", in: NoiseLadder.levelRange) }
    if let sigmaMax { try FlagBounds.check(sigmaMax, "--sigma-max", in: NoiseLadder.levelRange) }
    if let sigmaMin, let sigmaMax, sigmaMin > sigmaMax {
      throw ValidationError("--sigma-min \(sigmaMin) is above --sigma-max \(sigmaMax)")
    }
    if trajectories == "-" {
      throw ValidationError("--trajectories needs a file: standard output is for the samples")
    }
    if let trajectoryParticles {
      guard trajectories != nil else { throw ValidationError("--trajectory-particles goes with --trajectories FILE") }
      try FlagBounds.check(trajectoryParticles, "--trajectory-particles", in: 1...FlagBounds.trajectoryParticles)
    }
    if recordedParticles * (diffusionSteps + 1) > FlagBounds.trajectoryRows {
      throw ValidationError(
        "--trajectories would have \(recordedParticles) × \(diffusionSteps + 1) rows, more than \(FlagBounds.trajectoryRows); give fewer --trajectory-particles or --steps"
      )
    }
  }

  /// Refuses each flag that the chosen sampler or source does not use, naming it.
  func checkApplicability() throws {
    let kind = kind
    let diffusionNames = "--sampler sde, pc, ode or heun"
    if stepsPerLevel != nil && kind != .annealed {
      throw ValidationError("--steps-per-level goes with --sampler annealed")
    }
    if eps != nil && kind.followsProcess { throw ValidationError("--eps goes with --sampler annealed or langevin") }
    if sigma != nil && kind != .langevin { throw ValidationError("--sigma goes with --sampler langevin (--plain)") }
    if steps != nil && kind == .annealed {
      throw ValidationError(
        "--steps goes with --sampler langevin, sde, pc, ode or heun; annealing takes --steps-per-level")
    }
    let processFlags: [(String, Bool)] = [
      ("--process", process != nil), ("--sigma-min", sigmaMin != nil), ("--sigma-max", sigmaMax != nil),
      ("--trajectories", trajectories != nil),
    ]
    if !kind.followsProcess, let (flag, _) = processFlags.first(where: \.1) {
      throw ValidationError("\(flag) goes with \(diffusionNames)")
    }
    if kind != .pc {
      if snr != nil { throw ValidationError("--snr goes with --sampler pc") }
      if correctorSteps != nil { throw ValidationError("--corrector-steps goes with --sampler pc") }
    }
    switch source {
    case .model:
      guard model != nil else { throw ValidationError("--source model needs --model FILE") }
    case .kde:
      if modelSigmas.sigmas != nil { throw ValidationError("--sigmas goes with --source model") }
      guard kind.followsProcess else { throw ValidationError("--source kde goes with \(diffusionNames)") }
      if model != nil { throw ValidationError("--model goes with --source model") }
      guard data.isGiven else { throw ValidationError("--source kde needs --data FILE or --dataset NAME") }
    }
  }

  func run() throws {
    reportingErrors {
      try checkWritable(output.file)
      if let trajectories { try checkWritable(trajectories) }
      let (run, standardization, origin) = try draw()
      let points = try setup.dataPoints(run.particles, standardization: standardization, source: origin)
      try output.write(points)
      if let trajectories, let paths = run.trajectories {
        try AtomicFile.write(Self.trajectoryText(paths, standardization: standardization), to: trajectories)
      }
      printNote("nfe: \(run.networkEvaluations)")
    }
  }

  /// The particles from the model or the KDE, with the units they are in and the file or
  /// dataset named in errors.
  func draw() throws -> (run: SamplerSetup.Run, standardization: Standardization, origin: String) {
    switch source {
    case .model:
      let path = model ?? ""
      let file = try readModel(
        path: path,
        supplying: ModelMetadataSupply(
          sigmas: modelSigmas.ladder, data: try data.loadIfGiven(seed: random.seed),
          dataOnlyStandardizes: true))
      try requireFiniteModel(file, path: path)
      let run = try setup.sample(
        count: particles, model: file, path: path, threads: threads, seed: random.seed,
        recordedParticles: recordedParticles, progressLabel: setup.kind.rawValue)
      return (run, file.standardization, path)
    case .kde:
      return try drawFromKDE()
    }
  }
}
