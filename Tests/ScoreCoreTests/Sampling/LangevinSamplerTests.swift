// Langevin particles against the closed-form laws of the discretised chain on Gaussian targets.

import ScoreCore
import Testing

/// The exact score of N(μ, (v + σ²)·I): −(x − μ)/(v + σ²), or −(x − μ)/v when σ is ignored.
struct GaussianScore: BatchScoreFunction, Sendable {
  var mean: SIMD2<Float>
  var variance: Float
  var widensWithNoise: Bool

  mutating func evaluateScores(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
    into scores: UnsafeMutablePointer<Float>
  ) {
    let v = variance + (widensWithNoise ? noiseLevel * noiseLevel : 0)
    for i in 0..<count {
      scores[2 * i] = -(points[2 * i] - mean.x) / v
      scores[2 * i + 1] = -(points[2 * i + 1] - mean.y) / v
    }
  }
}

/// A score that returns a fixed list of values, cycled over the coordinates.
struct FixedScore: BatchScoreFunction {
  var values: [Float]

  mutating func evaluateScores(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
    into scores: UnsafeMutablePointer<Float>
  ) {
    for i in 0..<(2 * count) { scores[i] = values[i % values.count] }
  }
}

/// Sample mean and unbiased variance of one coordinate (0 = x, 1 = y) of interleaved points.
func coordinateMoments(_ points: [Float], coordinate: Int) -> (mean: Double, variance: Double) {
  let n = points.count / 2
  var sum = 0.0
  for i in 0..<n { sum += Double(points[2 * i + coordinate]) }
  let mean = sum / Double(n)
  var squares = 0.0
  for i in 0..<n {
    let d = Double(points[2 * i + coordinate]) - mean
    squares += d * d
  }
  return (mean, squares / Double(n - 1))
}

@Suite struct LangevinSamplerTests {
  /// One step by hand: (1, 2), s = −x (μ = 0, v = 1), ε = 0.04, z = (0.5, −1)
  /// gives x = 1 − 0.02 + 0.1 = 1.08, y = 2 − 0.04 − 0.2 = 1.76.
  /// Tolerance: a few Float roundings of numbers near 1 (ulp ≈ 1.2e-7).
  @Test func oneStepByHand() {
    var sampler = LangevinSampler(particles: [1, 2])
    var score = GaussianScore(mean: .zero, variance: 1, widensWithNoise: false)
    sampler.step(stepSize: 0.04, noiseLevel: 0.3, score: &score, noise: [0.5, -1])
    #expect(abs(sampler.particles[0] - 1.08) < 1e-6)
    #expect(abs(sampler.particles[1] - 1.76) < 1e-6)
  }

  /// 9 particles (18 coordinates: one 16-wide SIMD block and a scalar tail) against the
  /// formula in Double. Tolerance: Float rounding of values below 10 (≈ 1e-6).
  @Test func oneStepMatchesFormulaOnEveryLane() {
    let start: [Float] = (0..<18).map { Float($0) * 0.37 - 3 }
    let z: [Float] = (0..<18).map { Float(($0 * 7) % 11) * 0.2 - 1 }
    let mu = SIMD2<Float>(0.25, -0.5)
    let v: Float = 0.8
    let sigma: Float = 0.6
    let epsilon: Float = 0.05
    var sampler = LangevinSampler(particles: start)
    var score = GaussianScore(mean: mu, variance: v, widensWithNoise: true)
    sampler.step(stepSize: epsilon, noiseLevel: sigma, score: &score, noise: z)
    let variance = Double(v) + Double(sigma) * Double(sigma)
    for i in 0..<18 {
      let centre = Double(i.isMultiple(of: 2) ? mu.x : mu.y)
      let s = -(Double(start[i]) - centre) / variance
      let expected =
        Double(start[i]) + Double(epsilon) / 2 * s
        + Double(epsilon).squareRoot() * Double(z[i])
      #expect(abs(Double(sampler.particles[i]) - expected) < 1e-5, "coordinate \(i)")
    }
  }

  /// The public step draws its noise with one `fillNormal` call over all coordinates:
  /// it equals the hand-fed step with the noise drawn from a copy of the generator.
  @Test func stepDrawsNoiseInParticleOrder() {
    let start: [Float] = (0..<34).map { Float($0) * 0.1 - 1.5 }
    var rng = SeededGenerator(seed: 11)
    var copy = rng
    var z = [Float](repeating: 0, count: start.count)
    z.withUnsafeMutableBufferPointer { copy.fillNormal($0) }
    var score = GaussianScore(mean: .zero, variance: 1, widensWithNoise: false)
    var drawn = LangevinSampler(particles: start)
    drawn.step(stepSize: 0.01, noiseLevel: 1, score: &score, rng: &rng)
    var fed = LangevinSampler(particles: start)
    fed.step(stepSize: 0.01, noiseLevel: 1, score: &score, noise: z)
    #expect(drawn.particles == fed.particles)
    #expect(rng.next() == copy.next())
  }

  /// Starting points are N(mean, sd²·I): moments within 5 standard errors
  /// (mean: sd/√n; variance: sd²·√(2/(n−1))).
  @Test func startingPointsHaveTheRequestedLaw() {
    var rng = SeededGenerator(seed: 3)
    let n = 20_000
    let sampler = LangevinSampler(
      count: n, mean: SIMD2(2, -3), standardDeviation: 0.5, rng: &rng)
    #expect(sampler.count == n)
    for (coordinate, centre) in [(0, 2.0), (1, -3.0)] {
      let m = coordinateMoments(sampler.particles, coordinate: coordinate)
      #expect(abs(m.mean - centre) < 5 * 0.5 / Double(n).squareRoot())
      #expect(abs(m.variance - 0.25) < 5 * 0.25 * (2 / Double(n - 1)).squareRoot())
    }
  }

  /// Plain Langevin on N(μ, v·I): x' = x + (ε/2)(−(x − μ)/v) + √ε z is an AR(1) chain with
  /// coefficient a = 1 − ε/(2v), stationary law N(μ, ε/(1 − a²)). After 300 steps the start
  /// is forgotten (a³⁰⁰ ≈ 2e-14). Independent particles: mean and variance within 5 standard
  /// errors (√(V/n) and V·√(2/(n−1))).
  @Test func plainLangevinReachesTheDiscreteChainsStationaryLaw() {
    let mu = SIMD2<Float>(1, -2)
    let v = 0.5
    let epsilon = 0.1
    var score = GaussianScore(mean: mu, variance: Float(v), widensWithNoise: false)
    var rng = SeededGenerator(seed: 5)
    let n = 20_000
    let particles = LangevinSampler.sample(
      count: n, stepSize: Float(epsilon), steps: 300, noiseLevel: 1, mean: .zero,
      standardDeviation: 1, score: &score, rng: &rng)
    let a = 1 - epsilon / (2 * v)
    let stationary = epsilon / (1 - a * a)
    for (coordinate, centre) in [(0, 1.0), (1, -2.0)] {
      let m = coordinateMoments(particles, coordinate: coordinate)
      #expect(abs(m.mean - centre) < 5 * (stationary / Double(n)).squareRoot())
      #expect(abs(m.variance - stationary) < 5 * stationary * (2 / Double(n - 1)).squareRoot())
    }
  }

  /// Annealed Langevin with s = −(x − μ)/(v + σ²): each step is affine, so the mean m and
  /// variance V of every coordinate follow m ← μ + a(m − μ), V ← a²V + α with
  /// a = 1 − α/(2(v + σ²)), from m = start mean, V = σ₁². The particles match the recursion
  /// (run here in Double) within 5 standard errors.
  @Test func annealedLangevinFollowsTheClosedFormMoments() {
    let mu = SIMD2<Float>(0.5, -1)
    let start = SIMD2<Float>(0, 0)
    let v = 0.3
    let sigmas: [Float] = [1, 0.5, 0.25, 0.1]
    let epsilon: Float = 0.01
    let steps = 50
    var score = GaussianScore(mean: mu, variance: Float(v), widensWithNoise: true)
    var rng = SeededGenerator(seed: 9)
    let n = 20_000
    let particles = LangevinSampler.sampleAnnealed(
      count: n, sigmas: sigmas, epsilon: epsilon, stepsPerLevel: steps, mean: start,
      score: &score, rng: &rng)
    for (coordinate, target, origin) in [(0, 0.5, 0.0), (1, -1.0, 0.0)] {
      var mean = origin
      var variance = Double(sigmas[0]) * Double(sigmas[0])
      let last = Double(sigmas[sigmas.count - 1])
      for sigma in sigmas.map(Double.init) {
        let alpha = Double(epsilon) * sigma * sigma / (last * last)
        let a = 1 - alpha / (2 * (v + sigma * sigma))
        for _ in 0..<steps {
          mean = target + a * (mean - target)
          variance = a * a * variance + alpha
        }
      }
      let m = coordinateMoments(particles, coordinate: coordinate)
      #expect(abs(m.mean - mean) < 5 * (variance / Double(n)).squareRoot())
      #expect(abs(m.variance - variance) < 5 * variance * (2 / Double(n - 1)).squareRoot())
    }
  }

  /// Scores that are NaN, ±∞ or huge never make a particle non-finite; a coordinate whose
  /// update is not finite keeps its old value exactly, and a modest score moves as usual.
  @Test func nonFiniteOrHugeScoresNeverMakeParticlesNonFinite() {
    let values: [Float] = [
      .nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
      1e38, 1e30, 2,
    ]
    var score = FixedScore(values: values)
    let start: [Float] = (0..<40).map { Float($0) - 20 }
    var sampler = LangevinSampler(particles: start)
    let z = [Float](repeating: 0.5, count: start.count)
    sampler.step(stepSize: 4, noiseLevel: 1, score: &score, noise: z)
    for i in start.indices {
      let value = values[i % values.count]
      switch i % values.count {
      case 0, 1, 2, 3, 4:
        #expect(sampler.particles[i] == start[i], "coordinate \(i) with score \(value)")
      case 7:
        #expect(sampler.particles[i] == start[i] + 2 * 2 + 2 * 0.5)
      default:
        #expect(sampler.particles[i].isFinite)
      }
    }
    var rng = SeededGenerator(seed: 1)
    sampler.run(steps: 50, stepSize: 4, noiseLevel: 1, score: &score, rng: &rng)
    #expect(sampler.particles.allSatisfy { $0.isFinite })
  }

  /// Changing the particle count between steps resizes the buffers.
  @Test func particleCountCanChangeBetweenSteps() {
    var score = GaussianScore(mean: .zero, variance: 1, widensWithNoise: false)
    var sampler = LangevinSampler(particles: [1, 1])
    sampler.step(stepSize: 0.1, noiseLevel: 1, score: &score, noise: [0, 0])
    sampler.particles = [Float](repeating: 2, count: 6)
    sampler.step(stepSize: 0.1, noiseLevel: 1, score: &score, noise: [0, 0, 0, 0, 0, 0])
    #expect(sampler.count == 3)
    #expect(sampler.particles.allSatisfy { abs($0 - 1.9) < 1e-6 })
    var empty = LangevinSampler(particles: [])
    var rng = SeededGenerator(seed: 0)
    empty.step(stepSize: 0.1, noiseLevel: 1, score: &score, rng: &rng)
    #expect(empty.particles.isEmpty)
  }
}

@Suite struct AnnealingScheduleTests {
  /// αᵢ = ε·σᵢ²/σ_L² and step k belongs to level ⌊k/T⌋, clamped to the last level.
  @Test func stepSizesAndLevels() {
    let schedule = AnnealingSchedule(
      noiseLevels: [1, 0.1, 0.01], epsilon: 2e-5, stepsPerLevel: 100)
    #expect(schedule.totalSteps == 300)
    // Float rounding of σ ratios: relative 1e-5 is ample.
    #expect(abs(schedule.stepSize(level: 0) - 0.2) < 0.2 * 1e-5)
    #expect(abs(schedule.stepSize(level: 1) - 2e-3) < 2e-3 * 1e-5)
    #expect(schedule.stepSize(level: 2) == 2e-5)
    #expect(schedule.level(atStep: 0) == 0)
    #expect(schedule.level(atStep: 99) == 0)
    #expect(schedule.level(atStep: 100) == 1)
    #expect(schedule.level(atStep: 299) == 2)
    #expect(schedule.level(atStep: 5_000) == 2)
    #expect(schedule.noiseLevel(atStep: 150) == 0.1)
    #expect(schedule.stepSize(atStep: 250) == 2e-5)
  }
}
