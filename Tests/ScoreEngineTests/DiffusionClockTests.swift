// DiffusionClock: the σ clock's reading, its hold and restart, turning round, and the laws it reaches.

import ScoreCore
import ScoreEngine
import ScoreTestSupport
import Testing

@Suite struct DiffusionClockTests {
  /// Heun under `process` on `steps` Karras steps from 1 down to 0.01.
  static func settings(_ kind: SamplerKind = .heun, process: DiffusionProcess = .ve, steps: Int = 8)
    -> DiffusionSettings
  {
    DiffusionSettings(
      kind: kind, process: process, noiseLevels: KarrasSteps.levels(maximum: 1, minimum: 0.01, count: steps + 1))
  }

  static func clock(
    _ settings: DiffusionSettings, count: Int = 4, hold: Int = 3, forwardFrom: [SIMD2<Float>]? = [.zero],
    seed: UInt64 = 1
  ) -> (DiffusionClock, SeededGenerator) {
    var rng = SeededGenerator(seed: seed)
    let clock = DiffusionClock(
      settings: settings, reverseStart: .standardizedGaussian(noiseLevel: 1),
      forwardStart: forwardFrom.map { .trainingPoints($0) }, count: count, holdFrames: hold, rng: &rng)
    return (clock, rng)
  }

  @Test func aReverseRunWalksEveryLevelHoldsThenStartsAgain() {
    let settings = Self.settings(steps: 8)
    var (clock, rng) = Self.clock(settings, hold: 3)
    var field = RecordingZeroScore()
    let levels = settings.noiseLevels
    for step in 0..<8 {
      let reading = clock.reading
      #expect(reading.sigma == levels[step] && !reading.isForward && !reading.isHolding, "step \(step)")
      #expect(reading.fraction == Double(step) / 8)
      clock.advance(score: &field, rng: &rng)
    }
    // Heun: two evaluations a step, the last step one.
    #expect(clock.reading.evaluations == 2 * 8 - 1)
    #expect(clock.reading.sigma == 0.01 && clock.reading.fraction == 1 && clock.reading.isHolding)
    let held = clock.particles
    for _ in 0..<3 {
      clock.advance(score: &field, rng: &rng)
      #expect(clock.particles == held && clock.reading.isHolding && clock.runCount == 1)
    }
    clock.advance(score: &field, rng: &rng)
    #expect(clock.runCount == 2)
    #expect(clock.reading.sigma == 1 && clock.reading.evaluations == 0 && !clock.reading.isHolding)
    #expect(clock.particles != held)
    // Every evaluation was at a level of the run: Heun's trial point at the next level.
    #expect(Set(field.noiseLevels).isSubset(of: Set(levels)))
  }

  @Test func turningRoundKeepsTheParticlesAndCountsOnFromTheSameLevel() {
    let settings = Self.settings(.ode, steps: 10)
    var (clock, rng) = Self.clock(settings)
    var field = RecordingZeroScore()
    for _ in 0..<4 { clock.advance(score: &field, rng: &rng) }
    let before = clock.particles
    clock.turnAround()
    #expect(clock.particles == before)
    #expect(clock.reading.isForward && clock.reading.sigma == settings.noiseLevels[4])
    // Forward, the share walked counts from σ_min: level 4 of 10 is 6 steps up.
    #expect(clock.reading.fraction == 0.6)
    #expect(clock.reading.evaluations == 4)
    clock.advance(score: &field, rng: &rng)
    #expect(clock.reading.sigma == settings.noiseLevels[3] && clock.levelIndex == 3)
    // The forward process asks no score.
    #expect(field.noiseLevels.count == 4)
    for _ in 0..<3 { clock.advance(score: &field, rng: &rng) }
    #expect(clock.reading.isHolding && clock.reading.sigma == 1)
    clock.turnAround()
    #expect(!clock.reading.isForward && clock.reading.fraction == 0 && !clock.reading.isHolding)
  }

  @Test(arguments: [DiffusionProcess.ve, .vp])
  func aForwardRunCarriesThePointsToTheirNoiseLaw(process: DiffusionProcess) {
    // From data at the origin the forward process ends at x ~ N(0, σ_max²I): VE shows x, VP
    // shows y = α(σ_max)·x, whose variance is σ²/(1 + σ²) = 0.5 at σ_max = 1.
    let settings = Self.settings(.sde, process: process, steps: 12)
    var (clock, rng) = Self.clock(settings, count: 20_000, hold: 0, forwardFrom: [.zero])
    clock.restart(forward: true, rng: &rng)
    #expect(clock.reading.isForward && clock.reading.sigma == 0.01 && clock.reading.fraction == 0)
    var field = RecordingZeroScore()
    for _ in 0..<12 { clock.advance(score: &field, rng: &rng) }
    #expect(clock.reading.isHolding && clock.reading.sigma == 1)
    let expected = process == .ve ? 1.0 : 0.5
    let variance = ParticleSystemTests.moments(clock.particles).variance
    // 20,000 draws per axis: the variance has relative spread √(2/20000) = 1%; allow 5%.
    #expect(abs(variance.x / expected - 1) < 0.05 && abs(variance.y / expected - 1) < 0.05)
    #expect(field.noiseLevels.isEmpty)
  }

  @Test func theODEWithTheExactScoreEndsInTheDataLaw() {
    // Data N(0, 0.25·I): p_σ = N(0, (0.25 + σ²)I), whose score is exact. The ODE carries
    // N(0, 1.25·I) at σ = 1 to N(0, 0.25 + 0.01²) at σ_min, up to Heun's small error.
    let settings = Self.settings(.heun, steps: 30)
    var rng = SeededGenerator(seed: 4)
    var clock = DiffusionClock(
      settings: settings, reverseStart: .gaussian(mean: .zero, standardDeviation: Float(1.25).squareRoot()),
      forwardStart: nil, count: 20_000, holdFrames: 0, rng: &rng)
    var field = GaussianScore(mean: .zero, variance: 0.25)
    for _ in 0..<30 { clock.advance(score: &field, rng: &rng) }
    let variance = ParticleSystemTests.moments(clock.particles).variance
    let expected = 0.25 + 0.0001
    #expect(abs(variance.x / expected - 1) < 0.05 && abs(variance.y / expected - 1) < 0.05)
  }

  @Test func droppedParticlesReplaceTheOldestAndTheRunGoesOn() {
    let settings = Self.settings(.sde, steps: 6)
    var (clock, rng) = Self.clock(settings, count: 5)
    var field = RecordingZeroScore()
    clock.advance(score: &field, rng: &rng)
    clock.advance(score: &field, rng: &rng)
    let before = clock.particles
    clock.replaceOldest(with: [9, 9, 8, 8])
    #expect(clock.count == 5)
    #expect(Array(clock.particles[..<6]) == Array(before[4...]))
    #expect(Array(clock.particles[6...]) == [9, 9, 8, 8])
    #expect(clock.reading.sigma == settings.noiseLevels[2] && clock.reading.evaluations == 2)
    for _ in 0..<4 { clock.advance(score: &field, rng: &rng) }
    #expect(clock.reading.isHolding && clock.reading.sigma == 0.01 && clock.reading.evaluations == 6)
  }

  @Test func theParticleSystemRunsTheClockForProcessSamplersOnly() throws {
    let ladder = NoiseLadder.standard
    var system = ParticleSystem(count: 10, ladder: ladder, trainingPoints: [SIMD2(1, 1)])
    #expect(system.clockReading == nil)
    let generation = system.generation
    system.choose(sampler: .pc, process: .vp, ladder: ladder)
    let reading = try #require(system.clockReading)
    #expect(reading.sigma == ladder.maximum && !reading.isForward)
    #expect(system.generation != generation && system.count == 10 && system.process == .vp)
    var field = RecordingZeroScore()
    system.advance(field: &field, ladder: ladder, plainLevel: 0)
    // One σ step a frame: the predictor at σ_max, one corrector step at the next level.
    #expect(field.noiseLevels.count == 2 && field.noiseLevels[0] == ladder.maximum)
    let clockGeneration = system.generation
    system.choose(sampler: .langevin, process: .vp, ladder: ladder)
    #expect(system.clockReading == nil)
    // Every particle moved at once, so trails behind them must be cleared.
    #expect(system.generation != clockGeneration)
  }
}
