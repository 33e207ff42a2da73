// The live view's Langevin particles: a few steps along the learned field every frame.

import ScoreCore

/// Particles in the network's standardised units, moved by (annealed) Langevin dynamics.
///
/// Each `advance` takes `stepsPerFrame` Langevin steps with the score of the current network;
/// the sampler reuses its buffers, so a frame allocates nothing once warm.
public struct ParticleSystem: Sendable {
  /// `.annealed` or `.langevin` (plain); the Langevin samplers are the ones this system runs.
  public var dynamics: SamplerKind
  /// ε, the step size at the smallest noise level.
  public var epsilon: Float
  /// Langevin steps taken per frame.
  public var stepsPerFrame: Int
  /// Annealed steps spent at each level before moving to the next.
  public var stepsPerLevel: Int
  /// Steps taken since the last respawn.
  public private(set) var stepsTaken = 0
  private var sampler: LangevinSampler
  private var rng: SeededGenerator

  /// `count` particles from N(0, σ₁²I).
  public init(
    count: Int, ladder: NoiseLadder, dynamics: SamplerKind = .annealed,
    epsilon: Float = 2e-5, stepsPerFrame: Int = 4, stepsPerLevel: Int = 100, seed: UInt64 = 0
  ) {
    self.dynamics = dynamics
    self.epsilon = epsilon
    self.stepsPerFrame = stepsPerFrame
    self.stepsPerLevel = stepsPerLevel
    rng = SeededGenerator(seed: seed)
    sampler = LangevinSampler(count: count, mean: .zero, standardDeviation: ladder.maximum, rng: &rng)
  }

  /// The particles, x₀, y₀, x₁, y₁, … in standardised units.
  public var particles: [Float] { sampler.particles }

  /// The number of particles.
  public var count: Int { sampler.count }

  /// Starts again from N(0, σ₁²I) with `count` particles.
  public mutating func respawn(count: Int, ladder: NoiseLadder) {
    sampler = LangevinSampler(count: count, mean: .zero, standardDeviation: ladder.maximum, rng: &rng)
    stepsTaken = 0
  }

  /// Replaces the oldest `count` particles by new ones around `point` (standardised units),
  /// spread by `spread`.
  public mutating func drop(count: Int, at point: SIMD2<Float>, spread: Float) {
    var particles = sampler.particles
    let n = min(count, particles.count / 2)
    var noise = [Float](repeating: 0, count: 2 * n)
    noise.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
    for i in 0..<n {
      particles[2 * i] = point.x + spread * noise[2 * i]
      particles[2 * i + 1] = point.y + spread * noise[2 * i + 1]
    }
    particles = Array(particles[(2 * n)...]) + Array(particles[..<(2 * n)])
    sampler = LangevinSampler(particles: particles)
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

  /// Takes `stepsPerFrame` Langevin steps along `field`.
  ///
  /// - Parameter plainLevel: the ladder index of the σ on screen, used by plain dynamics.
  public mutating func advance<Field: BatchScoreFunction>(
    field: inout Field, ladder: NoiseLadder, plainLevel: Int
  ) {
    for _ in 0..<stepsPerFrame {
      let level = levelIndex(ladder: ladder, plainLevel: plainLevel)
      sampler.step(
        stepSize: stepSize(ladder: ladder, level: level), noiseLevel: ladder.levels[level],
        score: &field, rng: &rng)
      stepsTaken += 1
    }
  }
}
