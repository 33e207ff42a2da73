// The live view's particles: Langevin steps, or a diffusion sampler on a σ clock, every frame.

import ScoreCore

/// Particles in the network's standardised units, moved by any of the six samplers.
///
/// With `.annealed` or `.langevin` (plain) each `advance` takes `stepsPerFrame` Langevin steps;
/// with `.sde`, `.pc`, `.ode` or `.heun` it takes one σ step of a `DiffusionClock` under
/// `process`, from the ladder's σ_max down to σ_min on `clockSteps` Karras steps, holds
/// `holdFrames` frames at the end and starts again. The samplers reuse their buffers, so a
/// frame allocates nothing once warm.
public struct ParticleSystem: Sendable {
  /// The sampler the particles follow; change it with `choose(sampler:process:ladder:)`.
  public private(set) var dynamics: SamplerKind
  /// VE or VP, for the samplers that follow a process.
  public private(set) var process: DiffusionProcess = .ve
  /// σ steps of a clock run (Karras' steps, ρ = 7).
  public var clockSteps = 90
  /// Frames a clock run holds at its end before it starts again.
  public var holdFrames = 45
  /// Whether reverse runs start from the training points plus σ_max noise (exact for the KDE
  /// score) rather than N(0, (1 + σ_max²)I) (standardised data diffused to σ_max).
  public var startsFromData = false
  /// The training points in standardised units: forward runs start from them.
  public var trainingPoints: [SIMD2<Float>] = []
  /// ε, the step size at the smallest noise level.
  public var epsilon: Float
  /// Langevin steps taken per frame.
  public var stepsPerFrame: Int
  /// Annealed steps spent at each level before moving to the next.
  public var stepsPerLevel: Int
  /// Steps taken since the last respawn.
  public private(set) var stepsTaken = 0
  private var sampler: LangevinSampler
  private var clock: DiffusionClock?
  private var rng: SeededGenerator

  /// `count` particles from N(0, σ₁²I), or a clock run for `dynamics` under `process`.
  ///
  /// For a sampler that follows a process, the first clock run starts at once: from the
  /// training points when `startsFromData` (and there are some), else from N(0, (1 + σ₁²)I).
  public init(
    count: Int, ladder: NoiseLadder, dynamics: SamplerKind = .annealed, process: DiffusionProcess = .ve,
    trainingPoints: [SIMD2<Float>] = [], startsFromData: Bool = false,
    epsilon: Float = 2e-5, stepsPerFrame: Int = 4, stepsPerLevel: Int = 100, seed: UInt64 = 0
  ) {
    self.dynamics = dynamics
    self.process = process
    self.trainingPoints = trainingPoints
    self.startsFromData = startsFromData
    self.epsilon = epsilon
    self.stepsPerFrame = stepsPerFrame
    self.stepsPerLevel = stepsPerLevel
    rng = SeededGenerator(seed: seed)
    sampler = LangevinSampler(count: count, mean: .zero, standardDeviation: ladder.maximum, rng: &rng)
    if dynamics.followsProcess {
      respawn(count: count, ladder: ladder)
      generation = 0
    }
  }

  /// The particles, x₀, y₀, x₁, y₁, … in standardised units (under VP, y = α(σ)·x at the
  /// clock's σ).
  public var particles: [Float] { clock?.particles ?? sampler.particles }

  /// The number of particles.
  public var count: Int { clock?.count ?? sampler.count }

  /// The σ clock's reading, nil for the Langevin samplers.
  public var clockReading: DiffusionClock.Reading? { clock?.reading }

  /// Changes whenever every particle moves at once (a respawn, a new clock run), so trails
  /// drawn behind them can be cleared instead of jumping across the plot.
  public private(set) var generation = 0

  /// Switches to `sampler` under `process` and respawns the particles for it.
  public mutating func choose(sampler kind: SamplerKind, process: DiffusionProcess, ladder: NoiseLadder) {
    dynamics = kind
    self.process = process
    respawn(count: count, ladder: ladder)
  }

  /// Starts again with `count` particles: from N(0, σ₁²I) for the Langevin samplers, a new
  /// reverse clock run for the others.
  public mutating func respawn(count: Int, ladder: NoiseLadder) {
    generation += 1
    stepsTaken = 0
    guard dynamics.followsProcess else {
      clock = nil
      sampler = LangevinSampler(count: count, mean: .zero, standardDeviation: ladder.maximum, rng: &rng)
      return
    }
    let settings = DiffusionSettings(
      kind: dynamics, process: process,
      noiseLevels: KarrasSteps.levels(maximum: ladder.maximum, minimum: ladder.minimum, count: max(1, clockSteps) + 1))
    let reverseStart: DiffusionStart =
      startsFromData && !trainingPoints.isEmpty
      ? .trainingPoints(trainingPoints) : .standardizedGaussian(noiseLevel: ladder.maximum)
    clock = DiffusionClock(
      settings: settings, reverseStart: reverseStart,
      forwardStart: trainingPoints.isEmpty ? nil : .trainingPoints(trainingPoints), count: count,
      holdFrames: holdFrames, rng: &rng)
  }

  /// Runs the clock the other way from where it is (noise → data becomes data → noise, and
  /// back); nothing for the Langevin samplers.
  public mutating func turnAround() {
    clock?.turnAround()
  }

  /// Starts a clock run in the chosen direction from its beginning; nothing for Langevin.
  public mutating func restartClock(forward: Bool) {
    guard clock != nil else { return }
    clock!.restart(forward: forward, rng: &rng)
    generation += 1
  }

  /// Replaces the oldest `count` particles by new ones around `point` (standardised units),
  /// spread by `spread`; on a VP clock they are scaled into its coordinates at the current σ.
  public mutating func drop(count: Int, at point: SIMD2<Float>, spread: Float) {
    let n = min(count, self.count)
    var noise = [Float](repeating: 0, count: 2 * n)
    noise.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
    let scale = clock.map { Float(process.scale(atNoiseLevel: Double($0.reading.sigma))) } ?? 1
    var dropped = [Float](repeating: 0, count: 2 * n)
    for i in 0..<n {
      dropped[2 * i] = scale * (point.x + spread * noise[2 * i])
      dropped[2 * i + 1] = scale * (point.y + spread * noise[2 * i + 1])
    }
    if clock != nil {
      clock!.replaceOldest(with: dropped)
      return
    }
    let particles = sampler.particles
    sampler = LangevinSampler(particles: Array(particles[(2 * n)...]) + dropped)
  }

  /// The ladder index the particles are at: the annealing level, or `plainLevel` when plain.
  public func levelIndex(ladder: NoiseLadder, plainLevel: Int) -> Int {
    dynamics == .annealed ? min(ladder.count - 1, stepsTaken / max(1, stepsPerLevel)) : plainLevel
  }

  /// The step size α = ε·σ²/σ_L² at ladder index `level`.
  public func stepSize(ladder: NoiseLadder, level: Int) -> Float {
    let ratio = ladder.levels[level] / ladder.minimum
    return epsilon * ratio * ratio
  }

  /// Takes `stepsPerFrame` Langevin steps along `field`, or one step of the σ clock.
  ///
  /// - Parameter plainLevel: the ladder index of the σ on screen, used by plain dynamics.
  public mutating func advance<Field: BatchScoreFunction>(
    field: inout Field, ladder: NoiseLadder, plainLevel: Int
  ) {
    if clock != nil {
      let run = clock!.runCount
      clock!.advance(score: &field, rng: &rng)
      if clock!.runCount != run { generation += 1 }
      stepsTaken += 1
      return
    }
    for _ in 0..<stepsPerFrame {
      let level = levelIndex(ladder: ladder, plainLevel: plainLevel)
      sampler.step(
        stepSize: stepSize(ladder: ladder, level: level), noiseLevel: ladder.levels[level],
        score: &field, rng: &rng)
      stepsTaken += 1
    }
  }
}
