// Splitting particles among threads keeps the dynamics: same law, reproducible per seed.

import ScoreCore
import Testing

@Suite struct ParallelLangevinTests {
  let schedule = AnnealingSchedule(noiseLevels: [1, 0.3, 0.1], epsilon: 0.01, stepsPerLevel: 200)
  let target = GaussianScore(mean: SIMD2(2, -1), variance: 0.25, widensWithNoise: true)

  @Test(arguments: [1, 2, 3])
  func reproducibleForASeedAndThreadCount(threads: Int) {
    let a = ParallelLangevin.sampleAnnealed(
      count: 101, schedule: schedule, mean: .zero, score: target, threadCount: threads, seed: 9)
    let b = ParallelLangevin.sampleAnnealed(
      count: 101, schedule: schedule, mean: .zero, score: target, threadCount: threads, seed: 9)
    #expect(a == b)
    #expect(a.count == 202)
  }

  /// After 200 steps at α = 0.01 the chain at σ = 0.1 has forgotten its start; its stationary
  /// law is N(μ, v') with v' = α/(1 − (1 − α/(2w))²), w = v + σ² (the discrete chain's exact
  /// variance). Mean within 5 standard errors, variance within 10 % (5 SE for 4,000 draws).
  @Test func twoThreadsReachTheGaussianTarget() {
    let particles = ParallelLangevin.sampleAnnealed(
      count: 4_000, schedule: schedule, mean: .zero, score: target, threadCount: 2, seed: 1)
    let w = Double(0.25 + 0.1 * 0.1)
    let alpha = 0.01 * 0.1 * 0.1 / (0.1 * 0.1)
    let stationary = alpha / (1 - (1 - alpha / (2 * w)) * (1 - alpha / (2 * w)))
    for axis in 0..<2 {
      let values: [Double] = stride(from: axis, to: particles.count, by: 2).map { Double(particles[$0]) }
      let mean: Double = values.reduce(0, +) / Double(values.count)
      var sumOfSquares = 0.0
      for value in values { sumOfSquares += (value - mean) * (value - mean) }
      let variance = sumOfSquares / Double(values.count - 1)
      let expectedMean = axis == 0 ? 2.0 : -1.0
      #expect(abs(mean - expectedMean) < 5 * (stationary / 4_000).squareRoot())
      #expect(abs(variance / stationary - 1) < 0.1)
    }
  }
}
