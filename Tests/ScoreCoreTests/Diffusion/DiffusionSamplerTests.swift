// The SDE, PC, ODE and Heun samplers against closed forms on Gaussian data (MATH.md §6).

import Foundation
import ScoreCore
import Testing

/// The exact score of N(0, I) data diffused to σ: s(x, σ) = −x/(1 + σ²).
private let standardNormalData = GaussianScore(mean: .zero, variance: 1, widensWithNoise: true)

/// A score that counts its batch calls.
private struct CountingScore: BatchScoreFunction {
  var inner = standardNormalData
  var calls = 0

  mutating func evaluateScores(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float, into scores: UnsafeMutablePointer<Float>
  ) {
    calls += 1
    inner.evaluateScores(at: points, count: count, noiseLevel: noiseLevel, into: scores)
  }
}

/// The closed-form end of the probability-flow ODE for N(0, I) data: x·√((1 + σ'²)/(1 + σ²)).
private func flowEnd(_ x: Float, from sigma: Float, to next: Float) -> Double {
  Double(x) * ((1 + Double(next) * Double(next)) / (1 + Double(sigma) * Double(sigma))).squareRoot()
}

/// The largest distance of the ODE ends from the closed form, relative to the start's size.
private func flowError(kind: SamplerKind, steps: Int, start: [Float]) -> Double {
  let levels = KarrasSteps.levels(maximum: 5, minimum: 0.01, count: steps + 1)
  var sampler = DiffusionSampler(
    particles: start, settings: DiffusionSettings(kind: kind, process: .ve, noiseLevels: levels))
  var score = standardNormalData
  var rng = SeededGenerator(seed: 0)
  sampler.run(score: &score, rng: &rng)
  var worst = 0.0
  for i in start.indices {
    let exact = flowEnd(start[i], from: 5, to: 0.01)
    worst = max(worst, abs(Double(sampler.particles[i]) - exact) / abs(Double(start[i])))
  }
  return worst
}

@Suite struct DiffusionSamplerTests {
  /// Euler–Maruyama with the exact Gaussian score keeps the particles Gaussian; the variance
  /// after each step is exactly v' = v(1 − d/(1 + σ²))² + d, d = σ² − σ'² (computed here in
  /// Double), which 1,000 Karras steps bring to within 1 % of 1 + σ_min² (200 steps leave 2.3 %,
  /// the first-order bias of the scheme). The sample variance of
  /// 20,000 values is within 5 standard errors (v·√(2/N) ≈ 1 %) of that.
  @Test func reverseSDEEndsAtTheDataVariancePlusSigmaMinSquared() {
    let levels = KarrasSteps.levels(maximum: 5, minimum: 0.01, count: 1_001)
    let run = ParallelDiffusion.sample(
      count: 20_000, start: .standardizedGaussian(noiseLevel: 5),
      settings: DiffusionSettings(kind: .sde, process: .ve, noiseLevels: levels), score: standardNormalData,
      threadCount: 1, seed: 3)
    var variance = 1 + 25.0
    for (sigma, next) in zip(levels, levels.dropFirst()) {
      let s = Double(sigma)
      let n = Double(next)
      let d = s * s - n * n
      let shrink = 1 - d / (1 + s * s)
      variance = variance * shrink * shrink + d
    }
    let target = 1 + 0.01 * 0.01
    #expect(abs(variance / target - 1) < 0.01)
    let standardError = variance * (2 / 20_000.0).squareRoot()
    for axis in 0..<2 {
      let moments = coordinateMoments(run.particles, coordinate: axis)
      #expect(abs(moments.variance - variance) < 5 * standardError, "axis \(axis): \(moments)")
      #expect(abs(moments.variance - target) < 5 * standardError + abs(variance - target))
      #expect(abs(moments.mean) < 5 * (variance / 20_000).squareRoot())
    }
  }

  /// With the exact score the flow is linear: x(σ_min) = x(σ_max)·√((1 + σ_min²)/(1 + σ_max²)).
  /// 1,000 Heun steps reach it to 1e-5 relative (Float rounding over the steps); Euler's
  /// first-order error at 1,000 steps is below 1 %.
  @Test func odeSamplersReachTheClosedFormParticleByParticle() {
    var rng = SeededGenerator(seed: 5)
    let start = DiffusionStart.standardizedGaussian(noiseLevel: 5).draw(
      count: 50, noiseLevel: 5, process: .ve, rng: &rng)
    #expect(flowError(kind: .heun, steps: 1_000, start: start) < 1e-5)
    #expect(flowError(kind: .ode, steps: 1_000, start: start) < 1e-2)
  }

  /// Doubling the steps divides Heun's error by ≈ 4 (second order) and Euler's by ≈ 2.
  @Test func heunIsSecondOrderAndEulerFirstOrder() {
    let start: [Float] = [3, -2]
    let heun = [10, 20, 40].map { flowError(kind: .heun, steps: $0, start: start) }
    let euler = [50, 100, 200].map { flowError(kind: .ode, steps: $0, start: start) }
    for k in 0..<2 {
      let heunRatio = heun[k] / heun[k + 1]
      let eulerRatio = euler[k] / euler[k + 1]
      #expect(heunRatio > 3.3 && heunRatio < 4.7, "Heun \(heun)")
      #expect(eulerRatio > 1.7 && eulerRatio < 2.3, "Euler \(euler)")
    }
  }

  /// VP is VE in the coordinates y = α(σ)·x: from the same seed (so the same start and the
  /// same draws) every sampler ends on the same particles. Tolerance 1e-4·max(1, |x|): one
  /// division and one multiplication by α per step, 50 steps, in Float.
  @Test(arguments: [SamplerKind.sde, .pc, .ode, .heun])
  func veAndVPGiveTheSameParticles(kind: SamplerKind) {
    let levels = KarrasSteps.levels(maximum: 5, minimum: 0.01, count: 51)
    let runs = [DiffusionProcess.ve, .vp].map { process in
      ParallelDiffusion.sample(
        count: 300, start: .standardizedGaussian(noiseLevel: 5),
        settings: DiffusionSettings(kind: kind, process: process, noiseLevels: levels), score: standardNormalData,
        threadCount: 1, seed: 8, recordedParticles: 2)
    }
    for (a, b) in zip(runs[0].particles, runs[1].particles) {
      #expect(abs(a - b) <= 1e-4 * max(1, abs(a)))
    }
    // The VP states shrink by α(σ): at σ_max = 5, α = 1/√26.
    let veStart = runs[0].trajectories.position(particle: 1, step: 0)
    let vpStart = runs[1].trajectories.position(particle: 1, step: 0)
    let alpha = Float(1 / 26.0.squareRoot())
    #expect(abs(vpStart.x - alpha * veStart.x) <= 1e-6 * max(1, abs(veStart.x)))
  }

  /// One PC step by hand in Double: predictor x' = x + d·s(x, σ) + √d·z₁ with d = σ² − σ'²,
  /// then δ = 2(r·mean‖z₂‖/mean‖s(x', σ')‖)² and x'' = x' + δ·s(x', σ') + √(2δ)·z₂, with z₁
  /// and z₂ the generator's next two fills of 2N normals. Tolerance: Float rounding (1e-5
  /// relative).
  @Test func predictorCorrectorStepMatchesTheSNRFormula() {
    let count = 64
    var startRng = SeededGenerator(seed: 21)
    let start = (0..<(2 * count)).map { _ in Float(startRng.nextNormal() * 2) }
    let mean = SIMD2<Float>(0.3, -0.2)
    var score = GaussianScore(mean: mean, variance: 0.5, widensWithNoise: true)
    var sampler = DiffusionSampler(
      particles: start,
      settings: DiffusionSettings(kind: .pc, process: .ve, noiseLevels: [2, 1], signalToNoise: 0.16, correctorSteps: 1))
    var rng = SeededGenerator(seed: 4)
    var copy = rng
    sampler.step(score: &score, rng: &rng)

    var z1 = [Float](repeating: 0, count: 2 * count)
    var z2 = z1
    z1.withUnsafeMutableBufferPointer { copy.fillNormal($0) }
    z2.withUnsafeMutableBufferPointer { copy.fillNormal($0) }
    func exactScore(_ x: Double, axis: Int, sigma: Double) -> Double {
      -(x - Double(axis == 0 ? mean.x : mean.y)) / (0.5 + sigma * sigma)
    }
    let d = 4.0 - 1.0
    var predicted = [Double](repeating: 0, count: 2 * count)
    var scores = predicted
    for i in 0..<(2 * count) {
      let x = Double(start[i])
      predicted[i] = x + d * exactScore(x, axis: i % 2, sigma: 2) + d.squareRoot() * Double(z1[i])
      scores[i] = exactScore(predicted[i], axis: i % 2, sigma: 1)
    }
    var scoreNorms = 0.0
    var noiseNorms = 0.0
    for k in 0..<count {
      scoreNorms += (scores[2 * k] * scores[2 * k] + scores[2 * k + 1] * scores[2 * k + 1]).squareRoot()
      noiseNorms += Double(z2[2 * k] * z2[2 * k] + z2[2 * k + 1] * z2[2 * k + 1]).squareRoot()
    }
    let ratio = 0.16 * noiseNorms / scoreNorms
    let delta = 2 * ratio * ratio
    #expect(abs(Double(sampler.lastCorrectorStepSize) / delta - 1) < 1e-5)
    for i in 0..<(2 * count) {
      let expected = predicted[i] + delta * scores[i] + (2 * delta).squareRoot() * Double(z2[i])
      #expect(abs(Double(sampler.particles[i]) - expected) < 1e-5 * max(1, abs(expected)))
    }
  }

  /// NFE per run of n steps: sde n, ode n, heun 2n − 1, pc n(1 + M), counted at the score.
  @Test(arguments: [1, 5, 12])
  func networkEvaluationsPerSampler(steps: Int) {
    let expected: [SamplerKind: Int] = [.sde: steps, .ode: steps, .heun: 2 * steps - 1, .pc: steps * 3]
    for (kind, nfe) in expected {
      let settings = DiffusionSettings(
        kind: kind, process: .vp, noiseLevels: KarrasSteps.levels(maximum: 2, minimum: 0.1, count: steps + 1),
        correctorSteps: 2)
      var sampler = DiffusionSampler(particles: [0.5, -0.5, 1, 2], settings: settings)
      var score = CountingScore()
      var rng = SeededGenerator(seed: 1)
      var stepsTaken = 0
      while !sampler.isFinished {
        sampler.step(score: &score, rng: &rng)
        stepsTaken += 1
      }
      #expect(stepsTaken == steps)
      #expect(score.calls == nfe, "\(kind)")
      #expect(sampler.networkEvaluations == nfe, "\(kind)")
      #expect(settings.networkEvaluations == nfe, "\(kind)")
      #expect(sampler.currentNoiseLevel == 0.1)
    }
  }

  /// Toward noise, VE turns a point mass at x₀ (given at σ_min) into N(x₀, σ_max² − σ_min²) per
  /// axis, and VP into N(α_max·x₀, α_max²·(σ_max² − σ_min²)) in y. 20,000 draws: mean within 5
  /// standard errors, variance within 5·v·√(2/N) ≈ 5 %. The score is never asked.
  @Test(arguments: [DiffusionProcess.ve, .vp])
  func forwardClockSpreadsAPointMass(process: DiffusionProcess) {
    let count = 20_000
    let origin = SIMD2<Float>(1, -2)
    let levels = KarrasSteps.levels(maximum: 3, minimum: 0.01, count: 30)
    let startScale = Float(process.scale(atNoiseLevel: 0.01))
    let start = (0..<(2 * count)).map { startScale * ($0 % 2 == 0 ? origin.x : origin.y) }
    var sampler = DiffusionSampler(
      particles: start, settings: DiffusionSettings(kind: .sde, process: process, noiseLevels: levels),
      direction: .towardNoise)
    #expect(sampler.currentNoiseLevel == 0.01)
    var score = CountingScore()
    var rng = SeededGenerator(seed: 17)
    sampler.run(score: &score, rng: &rng)
    #expect(sampler.currentNoiseLevel == 3)
    #expect(score.calls == 0)
    let alpha = process.scale(atNoiseLevel: 3)
    let variance = alpha * alpha * (9 - 0.0001)
    for axis in 0..<2 {
      let moments = coordinateMoments(sampler.particles, coordinate: axis)
      let expectedMean = alpha * Double(axis == 0 ? origin.x : origin.y)
      #expect(abs(moments.mean - expectedMean) < 5 * (variance / Double(count)).squareRoot())
      #expect(abs(moments.variance / variance - 1) < 5 * (2 / Double(count)).squareRoot())
    }
  }

  /// The same seed and thread count give the same run; the trajectories hold the start and,
  /// at the last level, the returned particles (VE, so no rescaling).
  @Test(arguments: [1, 2, 3])
  func reproducibleForASeedAndThreadCount(threads: Int) {
    let settings = DiffusionSettings(
      kind: .pc, process: .ve, noiseLevels: KarrasSteps.levels(maximum: 3, minimum: 0.05, count: 8))
    let runs = (0..<2).map { _ in
      ParallelDiffusion.sample(
        count: 101, start: .trainingPoints([SIMD2(1, 1), SIMD2(-1, 0)]), settings: settings,
        score: standardNormalData, threadCount: threads, seed: 9, recordedParticles: 40)
    }
    #expect(runs[0].particles == runs[1].particles)
    #expect(runs[0].trajectories == runs[1].trajectories)
    #expect(runs[0].particles.count == 202)
    #expect(runs[0].networkEvaluations == 14)
    for k in [0, 39] {
      let last = runs[0].trajectories.position(particle: k, step: 7)
      #expect(last == SIMD2(runs[0].particles[2 * k], runs[0].particles[2 * k + 1]))
    }
  }

  /// A score that is NaN or infinite leaves every coordinate where it was.
  @Test(arguments: [SamplerKind.sde, .pc, .ode, .heun])
  func nonFiniteScoresKeepTheParticles(kind: SamplerKind) {
    let start: [Float] = [0.5, -1, 2, 3]
    var sampler = DiffusionSampler(
      particles: start, settings: DiffusionSettings(kind: kind, process: .vp, noiseLevels: [2, 1, 0.5]))
    var score = FixedScore(values: [.nan, .infinity, -.infinity, .nan])
    var rng = SeededGenerator(seed: 2)
    sampler.run(score: &score, rng: &rng)
    // VP rescales the unchanged VE positions by α(0.5)/α(2) = √5/√1.25 = 2.
    for (moved, old) in zip(sampler.particles, start) {
      #expect(abs(moved - 2 * old) <= 1e-6 * abs(old))
    }
  }
}
