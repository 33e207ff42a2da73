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

  @Option(help: "How many particles.")
  var particles: Int = 5_000

  @Option(help: "Langevin steps per noise level (annealed).")
  var stepsPerLevel: Int = 100

  @Option(help: "ε, the step size at the smallest noise level.")
  var eps: Float = 2e-5

  @Flag(help: "Plain Langevin at one noise level instead of annealing through the ladder.")
  var plain = false

  @Option(help: "The noise level of --plain, in standardised units (default: the smallest).")
  var sigma: Float?

  @Option(help: "Steps of --plain.")
  var steps: Int = 1_000

  @Option(help: "Threads to split the particles over.")
  var threads: Int = 1

  @Option(help: "Random seed.")
  var seed: UInt64 = 0

  @Option(name: [.customShort("o"), .long], help: "Output file (.csv or .npy); '-' is CSV on stdout.")
  var output: String = "-"

  func validate() throws {
    guard particles >= 1 else { throw ValidationError("--particles must be at least 1") }
    guard stepsPerLevel >= 0, steps >= 0 else { throw ValidationError("step counts must not be negative") }
    guard eps > 0, eps.isFinite else { throw ValidationError("--eps must be positive, got \(eps)") }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    if let sigma, !(sigma > 0 && sigma.isFinite) {
      throw ValidationError("--sigma must be positive, got \(sigma)")
    }
    if sigma != nil && !plain { throw ValidationError("--sigma goes with --plain") }
  }

  func run() throws {
    try reportingErrors {
      let file = try ScoreModelFile.read(path: model)
      let schedule: AnnealingSchedule
      if plain {
        let level = sigma ?? file.ladder.minimum
        let alpha = eps * level * level / (file.ladder.minimum * file.ladder.minimum)
        schedule = AnnealingSchedule(noiseLevels: [level], epsilon: alpha, stepsPerLevel: steps)
      } else {
        schedule = AnnealingSchedule(
          noiseLevels: file.ladder.levels, epsilon: eps, stepsPerLevel: stepsPerLevel)
      }
      let standardized = ParallelLangevin.sampleAnnealed(
        count: particles, schedule: schedule, mean: .zero,
        score: ScoreNetworkEvaluator(network: file.network), threadCount: threads, seed: seed)
      let points = (0..<particles).map { i in
        file.standardization.destandardize(
          SIMD2(Double(standardized[2 * i]), Double(standardized[2 * i + 1])))
      }
      if output == "-" {
        print(PointFileWriter.csvText(DataTable(points: points)), terminator: "")
      } else {
        try PointFileWriter.write(points, to: output)
      }
    }
  }
}
