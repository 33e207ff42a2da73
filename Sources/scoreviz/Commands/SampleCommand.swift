// `scoreviz sample`: draws particles from a trained model by (annealed) Langevin dynamics.

import ArgumentParser
import ScoreCore

struct SampleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample",
    abstract: "Draw samples from a trained model by Langevin dynamics.",
    discussion: """
      Annealed (default): for each level σᵢ of the model's ladder, T steps of \
      x ← x + (αᵢ/2)·s(x, σᵢ) + √αᵢ·z with αᵢ = ε·σᵢ²/σ_L², starting from N(0, σ₁²I) in \
      standardised units. --plain: --steps steps at the one level --sigma with step \
      α = ε·σ²/σ_L², from the same start. Writes the particles in data units.
      """)

  @Option(help: "The model file (.safetensors) written by 'scoreviz train'.")
  var model: String

  @Option(parsing: .unconditional, help: "How many particles (1 to \(FlagBounds.pointCount)).")
  var particles: Int = 5_000

  @Option(
    parsing: .unconditional,
    help: "Langevin steps per noise level, annealed (0 to \(FlagBounds.langevinSteps); default 100).")
  var stepsPerLevel: Int?

  @Option(parsing: .unconditional, help: "ε, the step size at the smallest noise level (at most 1).")
  var eps: Float = 2e-5

  @Flag(help: "Plain Langevin at one noise level instead of annealing through the ladder.")
  var plain = false

  @Option(
    parsing: .unconditional,
    help: "The noise level of --plain, in standardised units (default: the smallest).")
  var sigma: Float?

  @Option(parsing: .unconditional, help: "Steps of --plain (0 to \(FlagBounds.langevinSteps); default 1000).")
  var steps: Int?

  @Option(parsing: .unconditional, help: "Threads to split the particles over (1 to \(FlagBounds.threads)).")
  var threads: Int = 1

  @OptionGroup var random: SeedOption

  @OptionGroup var output: PointOutputOptions

  func validate() throws {
    try FlagBounds.check(particles, "--particles", in: 1...FlagBounds.pointCount)
    if let stepsPerLevel {
      try FlagBounds.check(stepsPerLevel, "--steps-per-level", in: 0...FlagBounds.langevinSteps)
    }
    if let steps { try FlagBounds.check(steps, "--steps", in: 0...FlagBounds.langevinSteps) }
    try FlagBounds.checkPositive(eps, "--eps", atMost: FlagBounds.langevinStep)
    try FlagBounds.check(threads, "--threads", in: 1...FlagBounds.threads)
    if let sigma { try FlagBounds.check(sigma, "--sigma", in: NoiseLadder.levelRange) }
    if sigma != nil && !plain { throw ValidationError("--sigma goes with --plain") }
    if steps != nil && !plain {
      throw ValidationError("--steps goes with --plain; annealing takes --steps-per-level")
    }
    if stepsPerLevel != nil && plain { throw ValidationError("--steps-per-level goes without --plain") }
    try FlagBounds.checkFileName(model, "--model")
  }

  func run() throws {
    reportingErrors {
      try checkWritable(output.file)
      let file = try ScoreModelFile.read(path: model)
      try requireFiniteModel(file, path: model)
      let schedule: AnnealingSchedule
      if plain {
        let level = sigma ?? file.ladder.minimum
        let alpha = eps * level * level / (file.ladder.minimum * file.ladder.minimum)
        schedule = AnnealingSchedule(noiseLevels: [level], epsilon: alpha, stepsPerLevel: steps ?? 1_000)
      } else {
        schedule = AnnealingSchedule(
          noiseLevels: file.ladder.levels, epsilon: eps, stepsPerLevel: stepsPerLevel ?? 100)
      }
      let standardized = ParallelLangevin.sampleAnnealed(
        count: particles, schedule: schedule, mean: .zero,
        score: ScoreNetworkEvaluator(network: file.network), threadCount: threads, seed: random.seed)
      let points = (0..<particles).map { i in
        file.standardization.destandardize(
          SIMD2(Double(standardized[2 * i]), Double(standardized[2 * i + 1])))
      }
      if let bad = points.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite) }) {
        throw Failure(
          exitCode: SysExit.data,
          message:
            "\(model): sampling diverged: particle \(bad + 1) of \(particles) is not finite at the end (try a smaller --eps)"
        )
      }
      try output.write(points)
    }
  }
}
