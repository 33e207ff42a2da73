// A sampler and its settings from flags, run from a model or a score: what `sample` and `eval` share.

import ArgumentParser
import ScoreCore

/// A sampler with the flag values that tune it; a value left out takes the default here.
///
/// Defaults: annealed takes 100 steps per level of the model's ladder at ε = 2e-5; langevin
/// 1000 steps at the ladder's smallest σ with α = ε·σ²/σ_L²; sde, pc and ode 100 of Karras'
/// σ steps (heun 50) from the ladder's largest σ down to its smallest under VE, pc with
/// r = 0.16 and M = 1. `sample` and `eval` both run a sampler through here, so the same flags
/// and seed give the same particles from either.
struct SamplerSetup {
  /// Which sampler.
  var kind: SamplerKind
  /// Langevin steps of langevin, or σ steps of sde, pc, ode and heun.
  var steps: Int?
  /// T, the steps per level of annealed.
  var stepsPerLevel: Int?
  /// ε of annealed and langevin.
  var eps: Float?
  /// The one level of langevin, standardised.
  var sigma: Float?
  /// The process of sde, pc, ode and heun.
  var process: DiffusionProcess?
  /// r of pc.
  var snr: Float?
  /// M of pc.
  var correctorSteps: Int?
  /// σ_min of sde, pc, ode and heun, standardised.
  var sigmaMin: Float?
  /// σ_max of sde, pc, ode and heun, standardised.
  var sigmaMax: Float?

  /// σ steps of sde, pc, ode and heun: `steps`, else 100 (heun 50), about 100 evaluations each.
  var diffusionSteps: Int { steps ?? (kind == .heun ? 50 : 100) }

  /// The schedule of annealed or langevin over `ladder`.
  func annealingSchedule(ladder: NoiseLadder) -> AnnealingSchedule {
    let eps = eps ?? 2e-5
    guard kind == .langevin else {
      return AnnealingSchedule(noiseLevels: ladder.levels, epsilon: eps, stepsPerLevel: stepsPerLevel ?? 100)
    }
    let level = sigma ?? ladder.minimum
    let alpha = eps * level * level / (ladder.minimum * ladder.minimum)
    return AnnealingSchedule(noiseLevels: [level], epsilon: alpha, stepsPerLevel: steps ?? 1_000)
  }

  /// The settings of sde, pc, ode or heun; σ_max and σ_min from the flags, else `defaultLevels`.
  ///
  /// Throws a `ValidationError` when one given level lands on the wrong side of the other's
  /// default, naming `source`.
  func diffusionSettings(defaultLevels: (maximum: Float, minimum: Float), source: String) throws -> DiffusionSettings {
    let maximum = sigmaMax ?? defaultLevels.maximum
    let minimum = sigmaMin ?? defaultLevels.minimum
    guard minimum <= maximum else {
      let given = sigmaMin != nil ? "--sigma-min \(minimum)" : "--sigma-max \(maximum)"
      let implied = sigmaMin != nil ? "σ_max \(maximum)" : "σ_min \(minimum)"
      throw ValidationError("\(given) is on the wrong side of the default \(implied) of \(source)")
    }
    return DiffusionSettings(
      kind: kind, process: process ?? .ve,
      noiseLevels: KarrasSteps.levels(maximum: maximum, minimum: minimum, count: diffusionSteps + 1),
      signalToNoise: snr ?? 0.16, correctorSteps: correctorSteps ?? 1)
  }

  /// What a run gives: the particles, standardised, and its network evaluations per particle.
  struct Run {
    /// Interleaved coordinates in standardised units (VE coordinates for the diffusion samplers).
    var particles: [Float]
    /// The NFE as the sampler counts it: L·T for annealed, the steps for langevin, and
    /// `DiffusionSettings.networkEvaluations` for the others.
    var networkEvaluations: Int
    /// The kept paths of sde, pc, ode and heun; nil for annealed and langevin.
    var trajectories: DiffusionTrajectories?
  }

  /// `count` particles from the model in `file` (read from `path`), with a progress bar
  /// labelled `progressLabel` on stderr (see `ProgressBar`).
  ///
  /// The diffusion samplers start from N(0, (1 + σ_max²)I), the Langevin ones from N(0, σ₁²I).
  func sample(
    count: Int, model file: ScoreModelFile, path: String, threads: Int, seed: UInt64, recordedParticles: Int = 0,
    progressLabel: String
  ) throws -> Run {
    let score = ScoreNetworkEvaluator(network: file.network)
    guard kind.followsProcess else {
      let schedule = annealingSchedule(ladder: file.ladder)
      let progress = ProgressReporter(total: count * schedule.totalSteps, label: progressLabel)
      defer { progress.finish() }
      let particles = ParallelLangevin.sampleAnnealed(
        count: count, schedule: schedule, mean: .zero, score: score, threadCount: threads, seed: seed,
        progress: progress.handler)
      return Run(particles: particles, networkEvaluations: schedule.totalSteps)
    }
    return try sample(
      count: count, score: score, defaultLevels: (file.ladder.maximum, file.ladder.minimum),
      start: DiffusionStart.standardizedGaussian(noiseLevel:), source: path, threads: threads, seed: seed,
      recordedParticles: recordedParticles, progressLabel: progressLabel)
  }

  /// `count` particles by sde, pc, ode or heun along `score` (standardised units).
  ///
  /// - Parameters:
  ///   - defaultLevels: σ_max and σ_min when the flags do not give them.
  ///   - start: the start law for σ_max.
  ///   - source: the file or dataset named in errors.
  ///   - progressLabel: the label of the progress bar on stderr.
  func sample<Score: BatchScoreFunction & Sendable>(
    count: Int, score: Score, defaultLevels: (maximum: Float, minimum: Float), start: (Float) -> DiffusionStart,
    source: String, threads: Int, seed: UInt64, recordedParticles: Int = 0, progressLabel: String
  ) throws -> Run {
    let settings = try diffusionSettings(defaultLevels: defaultLevels, source: source)
    let progress = ProgressReporter(total: count * settings.stepCount, label: progressLabel)
    defer { progress.finish() }
    let run = ParallelDiffusion.sample(
      count: count, start: start(settings.noiseLevels[0]), settings: settings, score: score, threadCount: threads,
      seed: seed, recordedParticles: recordedParticles, progress: progress.handler)
    return Run(particles: run.particles, networkEvaluations: run.networkEvaluations, trajectories: run.trajectories)
  }

  /// The standardised `particles` in data units; a `Failure` (65) naming `source` if any is
  /// not finite.
  func dataPoints(
    _ particles: [Float], standardization: Standardization, source: String
  ) throws -> [SIMD2<Double>] {
    let points = (0..<(particles.count / 2)).map { i in
      standardization.destandardize(SIMD2(Double(particles[2 * i]), Double(particles[2 * i + 1])))
    }
    if let bad = points.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite) }) {
      let hint = kind.followsProcess ? "" : " (try a smaller --eps)"
      throw Failure(
        exitCode: SysExit.data,
        message:
          "\(source): \(kind.rawValue) sampling diverged: particle \(bad + 1) of \(points.count) is not finite at the end\(hint)"
      )
    }
    return points
  }
}
