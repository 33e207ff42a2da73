// ParticleSystem: the annealing level and step size, respawn, drop, and convergence on a Gaussian.

import ScoreCore
import ScoreEngine
import ScoreTestSupport
import Testing

@Suite struct ParticleSystemTests {
  /// Three levels, 1, 0.316 and 0.1.
  static func threeLevels() throws -> NoiseLadder {
    try NoiseLadder(maximum: 1, minimum: 0.1, count: 3)
  }

  /// The sample mean and per-axis variance of interleaved particles.
  static func moments(_ particles: [Float]) -> (mean: SIMD2<Double>, variance: SIMD2<Double>) {
    let n = Double(particles.count / 2)
    var sum = SIMD2<Double>.zero
    for i in 0..<(particles.count / 2) { sum += SIMD2(Double(particles[2 * i]), Double(particles[2 * i + 1])) }
    let mean = sum / n
    var squares = SIMD2<Double>.zero
    for i in 0..<(particles.count / 2) {
      let d = SIMD2(Double(particles[2 * i]), Double(particles[2 * i + 1])) - mean
      squares += d * d
    }
    return (mean, squares / (n - 1))
  }

  @Test func annealedLevelAdvancesEveryStepsPerLevelAndStopsAtTheLast() throws {
    let ladder = try Self.threeLevels()
    var system = ParticleSystem(count: 4, ladder: ladder, stepsPerFrame: 1, stepsPerLevel: 5)
    var field = RecordingZeroScore()
    var expectedLevels: [Float] = []
    for step in 0..<25 {
      let level = min(2, step / 5)
      #expect(system.levelIndex(ladder: ladder, plainLevel: 0) == level, "step \(step)")
      expectedLevels.append(ladder.levels[level])
      system.advance(field: &field, ladder: ladder, plainLevel: 0)
    }
    #expect(system.stepsTaken == 25)
    // Each step asked the field at its level's σ.
    #expect(field.noiseLevels == expectedLevels)
  }

  @Test func plainDynamicsStayAtTheLevelOnScreen() throws {
    let ladder = try Self.threeLevels()
    var system = ParticleSystem(count: 4, ladder: ladder, dynamics: .langevin, stepsPerFrame: 3, stepsPerLevel: 1)
    var field = RecordingZeroScore()
    system.advance(field: &field, ladder: ladder, plainLevel: 1)
    #expect(system.levelIndex(ladder: ladder, plainLevel: 1) == 1)
    #expect(field.noiseLevels == Array(repeating: ladder.levels[1], count: 3))
  }

  @Test func stepSizeScalesWithTheSquaredLevel() {
    let system = ParticleSystem(count: 1, ladder: .standard, epsilon: 3e-5)
    for (level, sigma) in NoiseLadder.standard.levels.enumerated() {
      let expected = 3e-5 * Double(sigma) * Double(sigma) / (0.01 * 0.01)
      // Float arithmetic: a few ulps.
      #expect(isClose(Double(system.stepSize(ladder: .standard, level: level)), expected, relative: 1e-5))
    }
  }

  @Test func stepsMoveParticlesByTheLevelsStepSize() throws {
    let ladder = try Self.threeLevels()
    // With a zero score a step adds √α·z, so the displacements have variance α per axis.
    var system = ParticleSystem(count: 20_000, ladder: ladder, epsilon: 1e-3, stepsPerFrame: 1, stepsPerLevel: 1)
    var field = RecordingZeroScore()
    for level in 0..<3 {
      let before = system.particles
      system.advance(field: &field, ladder: ladder, plainLevel: 0)
      let moved = zip(system.particles, before).map { $0 - $1 }
      let variance = Self.moments(moved).variance
      let alpha = Double(system.stepSize(ladder: ladder, level: level))
      // 20,000 draws per axis: the variance estimate has relative spread √(2/20000) = 1%.
      #expect(abs(variance.x / alpha - 1) < 0.05 && abs(variance.y / alpha - 1) < 0.05, "level \(level)")
    }
  }

  @Test func respawnStartsAgainFromBroadNoise() throws {
    let ladder = try Self.threeLevels()
    var system = ParticleSystem(count: 10, ladder: ladder, stepsPerFrame: 7, stepsPerLevel: 2, seed: 3)
    var field = GaussianScore(mean: SIMD2(5, 5), variance: 0.01)
    system.advance(field: &field, ladder: ladder, plainLevel: 0)
    #expect(system.levelIndex(ladder: ladder, plainLevel: 0) == 2)
    system.respawn(count: 4_000, ladder: ladder)
    #expect(system.stepsTaken == 0)
    #expect(system.count == 4_000)
    #expect(system.levelIndex(ladder: ladder, plainLevel: 0) == 0)
    let (mean, variance) = Self.moments(system.particles)
    // N(0, σ₁²I) with σ₁ = 1: 4,000 draws give a mean within ±0.06 and a variance within
    // ±0.1 (about 4 standard errors).
    #expect(abs(mean.x) < 0.06 && abs(mean.y) < 0.06)
    #expect(abs(variance.x - 1) < 0.1 && abs(variance.y - 1) < 0.1)
  }

  @Test func dropReplacesTheOldestParticlesNearThePoint() throws {
    let ladder = try Self.threeLevels()
    var system = ParticleSystem(count: 200, ladder: ladder, seed: 5)
    let before = system.particles
    system.drop(count: 50, at: SIMD2(3, -2), spread: 0.01)
    let after = system.particles
    #expect(system.count == 200)
    // The 150 survivors keep their places, in order, ahead of the 50 new ones.
    #expect(Array(after[..<300]) == Array(before[100...]))
    for i in 150..<200 {
      // Six spreads: a normal draw beyond that has probability 2e-9.
      let offset = SIMD2(after[2 * i], after[2 * i + 1]) - SIMD2<Float>(3, -2)
      #expect(abs(offset.x) < 0.06 && abs(offset.y) < 0.06, "particle \(i)")
    }
  }

  @Test func particlesConvergeToAGaussianTarget() {
    // Annealed Langevin on the standard ladder (ε = 2e-5, 100 steps per level) with the exact
    // score of N(μ, τ²I) at every σ: the particles end as draws from N(μ, τ²I).
    let mean = SIMD2<Float>(1.5, -0.5)
    let tau: Float = 0.5
    var system = ParticleSystem(count: 2_000, ladder: .standard, stepsPerFrame: 100, stepsPerLevel: 100, seed: 9)
    var field = GaussianScore(mean: mean, variance: tau * tau)
    for _ in 0..<10 { system.advance(field: &field, ladder: .standard, plainLevel: 0) }
    let moments = Self.moments(system.particles)
    // 2,000 draws of N(μ, 0.25): the mean's standard error is 0.011, so 0.05 is 4.5 of them.
    #expect(abs(moments.mean.x - 1.5) < 0.05 && abs(moments.mean.y + 0.5) < 0.05)
    // The variance relaxes to τ² = 0.25 (its standard error is 3%; the step's discretisation
    // bias at the large levels is a few % and fades as α shrinks): within 15%.
    #expect(abs(moments.variance.x / 0.25 - 1) < 0.15 && abs(moments.variance.y / 0.25 - 1) < 0.15)
  }
}
