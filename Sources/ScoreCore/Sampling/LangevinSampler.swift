// Langevin particles that move along a score field, one step or a whole run at a time.

/// A set of 2-D particles moved by (annealed) Langevin dynamics, MATH.md §5.
///
/// One step at noise level σ with step size ε is
/// x ← x + (ε/2)·s(x, σ) + √ε·z, z ~ N(0, I),
/// for every particle at once: the score is asked for all particles in one
/// `BatchScoreFunction` call, the noise comes from one `fillNormal` call on the seeded
/// generator, and the update is one SIMD pass. The sampler owns its score and noise buffers,
/// so once warm a step allocates nothing.
///
/// Particles are interleaved `Float`s x₀, y₀, x₁, y₁, … in the coordinates of the score
/// function.
///
/// **Non-finite protection.** A coordinate whose update is not finite keeps its old value
/// for that step (its drift and its noise are both dropped). This covers a score that is
/// NaN or ±∞ and a finite score so large that x + (ε/2)s overflows. Particles that start
/// finite therefore stay finite for ever, whatever the score function returns.
///
/// ```
/// var rng = SeededGenerator(seed: 0)
/// var sampler = LangevinSampler(count: 5_000, mean: .zero, standardDeviation: 1, rng: &rng)
/// sampler.step(stepSize: 1e-3, noiseLevel: 0.1, score: &field, rng: &rng)   // one frame
/// ```
public struct LangevinSampler: Sendable {
  /// The particle coordinates x₀, y₀, x₁, y₁, …; the count may be changed by assigning.
  public var particles: [Float]
  /// s(xᵢ, σ) from the last step, same layout as `particles`.
  var scores: [Float] = []
  /// The N(0, 1) draws of the last step, same layout as `particles`.
  var noise: [Float] = []

  /// Creates a sampler at the given positions.
  ///
  /// - Parameter particles: interleaved coordinates; the count must be even.
  public init(particles: [Float]) {
    precondition(particles.count.isMultiple(of: 2), "particles are (x, y) pairs")
    self.particles = particles
  }

  /// Creates `count` particles drawn from N(mean, standardDeviation²·I).
  ///
  /// The draws are `fillNormal` on `rng`, scaled and shifted: x = mean + sd·z.
  public init(
    count: Int, mean: SIMD2<Float>, standardDeviation: Float, rng: inout SeededGenerator
  ) {
    precondition(count >= 0, "particle count must not be negative")
    var particles = [Float](repeating: 0, count: 2 * count)
    particles.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
    for i in 0..<count {
      particles[2 * i] = mean.x + standardDeviation * particles[2 * i]
      particles[2 * i + 1] = mean.y + standardDeviation * particles[2 * i + 1]
    }
    self.particles = particles
  }

  /// The number of particles.
  public var count: Int { particles.count / 2 }

  /// Moves every particle one Langevin step: x ← x + (ε/2)·s(x, σ) + √ε·z.
  ///
  /// Draws 2·count normals from `rng` (in particle order, x before y) and asks `score` once
  /// for all particles. See the type's notes for non-finite scores.
  ///
  /// - Parameters:
  ///   - stepSize: ε ≥ 0 (α at the current level for annealed dynamics).
  ///   - noiseLevel: σ passed to the score function.
  ///   - score: the field s(x, σ).
  ///   - rng: the source of z.
  public mutating func step<Score: BatchScoreFunction>(
    stepSize: Float, noiseLevel: Float, score: inout Score, rng: inout SeededGenerator
  ) {
    guard count > 0 else { return }
    prepareBuffers()
    noise.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
    refreshScores(noiseLevel: noiseLevel, score: &score)
    applyStep(stepSize: stepSize)
  }

  /// Runs `steps` Langevin steps at one noise level and step size, calling `afterStep`
  /// after each.
  public mutating func run<Score: BatchScoreFunction>(
    steps: Int, stepSize: Float, noiseLevel: Float, score: inout Score,
    rng: inout SeededGenerator, afterStep: () -> Void = {}
  ) {
    for _ in 0..<steps {
      step(stepSize: stepSize, noiseLevel: noiseLevel, score: &score, rng: &rng)
      afterStep()
    }
  }

  /// Runs the whole annealed schedule: T steps at each level, σ₁ first, calling `afterStep`
  /// after each step.
  public mutating func runAnnealed<Score: BatchScoreFunction>(
    schedule: AnnealingSchedule, score: inout Score, rng: inout SeededGenerator, afterStep: () -> Void = {}
  ) {
    for level in schedule.noiseLevels.indices {
      run(
        steps: schedule.stepsPerLevel, stepSize: schedule.stepSize(level: level),
        noiseLevel: schedule.noiseLevels[level], score: &score, rng: &rng, afterStep: afterStep)
    }
  }

  /// Annealed Langevin sampling from scratch (Song & Ermon 2019; WORKLOADS.md `sample`).
  ///
  /// Starts from x ~ N(mean, σ₁²·I), then for i = 1 … L runs T steps with
  /// αᵢ = ε·σᵢ²/σ_L² at s(·, σᵢ). No final denoising step.
  ///
  /// - Parameters:
  ///   - count: the number of particles.
  ///   - sigmas: σ₁ > … > σ_L, largest first, positive.
  ///   - epsilon: ε, the step size at the last level (2e-5 in the reference workload).
  ///   - stepsPerLevel: T.
  ///   - mean: the centre of the starting noise (the data mean; 0 in standardised units).
  ///   - score: the field s(x, σ).
  ///   - rng: the source of the starting points and of every step's noise.
  /// - Returns: the particles, interleaved.
  public static func sampleAnnealed<Score: BatchScoreFunction>(
    count: Int, sigmas: [Float], epsilon: Float, stepsPerLevel: Int, mean: SIMD2<Float>,
    score: inout Score, rng: inout SeededGenerator
  ) -> [Float] {
    let schedule = AnnealingSchedule(
      noiseLevels: sigmas, epsilon: epsilon, stepsPerLevel: stepsPerLevel)
    var sampler = LangevinSampler(
      count: count, mean: mean, standardDeviation: sigmas[0], rng: &rng)
    sampler.runAnnealed(schedule: schedule, score: &score, rng: &rng)
    return sampler.particles
  }

  /// Plain Langevin sampling from scratch at one noise level.
  ///
  /// Starts from x ~ N(mean, standardDeviation²·I), then runs `steps` steps of
  /// x ← x + (ε/2)·s(x, σ) + √ε·z.
  ///
  /// - Returns: the particles, interleaved.
  public static func sample<Score: BatchScoreFunction>(
    count: Int, stepSize: Float, steps: Int, noiseLevel: Float, mean: SIMD2<Float>,
    standardDeviation: Float, score: inout Score, rng: inout SeededGenerator
  ) -> [Float] {
    var sampler = LangevinSampler(
      count: count, mean: mean, standardDeviation: standardDeviation, rng: &rng)
    sampler.run(
      steps: steps, stepSize: stepSize, noiseLevel: noiseLevel, score: &score, rng: &rng)
    return sampler.particles
  }

  /// Sizes the score and noise buffers to the particles (only when the count changed).
  mutating func prepareBuffers() {
    if scores.count != particles.count {
      precondition(particles.count.isMultiple(of: 2), "particles are (x, y) pairs")
      scores = [Float](repeating: 0, count: particles.count)
      noise = [Float](repeating: 0, count: particles.count)
    }
  }

  /// Fills `scores` with s(xᵢ, σ) for the current particles.
  mutating func refreshScores<Score: BatchScoreFunction>(
    noiseLevel: Float, score: inout Score
  ) {
    let n = count
    particles.withUnsafeBufferPointer { points in
      scores.withUnsafeMutableBufferPointer { out in
        score.evaluateScores(
          at: points.baseAddress!, count: n, noiseLevel: noiseLevel, into: out.baseAddress!)
      }
    }
  }

  /// x ← x + (ε/2)·scores + √ε·noise, keeping the old value where the result is not finite.
  mutating func applyStep(stepSize: Float) {
    precondition(stepSize >= 0, "a Langevin step size must not be negative")
    let drift = stepSize / 2
    let spread = stepSize.squareRoot()
    let total = particles.count
    scores.withUnsafeBufferPointer { scoreBuffer in
      noise.withUnsafeBufferPointer { noiseBuffer in
        particles.withUnsafeMutableBufferPointer { particleBuffer in
          let x = particleBuffer.baseAddress!
          let s = scoreBuffer.baseAddress!
          let z = noiseBuffer.baseAddress!
          let lanes = SIMD16<Float>.scalarCount
          var i = 0
          while i &+ lanes <= total {
            let old = load16(x + i)
            let si = load16(s + i)
            let zi = load16(z + i)
            var moved = old.addingProduct(drift, si).addingProduct(spread, zi)
            moved.replace(with: old, where: (moved - moved) .!= 0)
            store16(moved, x + i)
            i &+= lanes
          }
          while i < total {
            let moved = x[i].addingProduct(drift, s[i]).addingProduct(spread, z[i])
            if moved.isFinite { x[i] = moved }
            i &+= 1
          }
        }
      }
    }
  }
}
