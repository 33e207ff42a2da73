// The ODE likelihood against closed forms: Gaussian data, a Gaussian mixture and the KDE.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

/// p_σ = Σₖ πₖ N(μₖ, (τₖ² + σ²)I), the data Σₖ πₖ N(μₖ, τₖ²I) convolved with N(0, σ²I), with
/// its score and divergence in closed form (all in Double, rounded to Float once).
///
/// With vₖ = τₖ² + σ², uₖ = (μₖ − x)/vₖ and responsibilities rₖ ∝ πₖ N(x; μₖ, vₖI):
/// s = Σ rₖuₖ; since ∇rₖ = rₖ(uₖ − s) and ∇uₖ = −I/vₖ,
/// ∇s = Σ rₖ(−I/vₖ + uₖuₖᵀ) − s sᵀ, so tr ∇s = Σ rₖ(‖uₖ‖² − 2/vₖ) − ‖s‖².
struct GaussianMixtureField: BatchScoreDivergenceFunction, Sendable {
  var weights: [Double]
  var means: [SIMD2<Double>]
  var variances: [Double]

  /// log p_σ(x).
  func logDensity(at x: SIMD2<Double>, noiseLevel sigma: Double) -> Double {
    let terms = componentLogTerms(at: x, sigma: sigma)
    let top = terms.max()!
    return top + log(terms.reduce(0) { $0 + exp($1 - top) })
  }

  /// log(πₖ N(x; μₖ, vₖI)) for each component.
  func componentLogTerms(at x: SIMD2<Double>, sigma: Double) -> [Double] {
    weights.indices.map { k in
      let v = variances[k] + sigma * sigma
      let d = x - means[k]
      return log(weights[k]) - log(2 * Double.pi * v) - (d * d).sum() / (2 * v)
    }
  }

  /// s(x) and tr ∇s(x) by the formulas above.
  func scoreAndDivergence(at x: SIMD2<Double>, noiseLevel sigma: Double) -> (SIMD2<Double>, Double) {
    let terms = componentLogTerms(at: x, sigma: sigma)
    let top = terms.max()!
    let unnormalised = terms.map { exp($0 - top) }
    let total = unnormalised.reduce(0, +)
    var score = SIMD2<Double>.zero
    var secondMoment = 0.0
    for k in weights.indices {
      let v = variances[k] + sigma * sigma
      let u = (means[k] - x) / v
      let r = unnormalised[k] / total
      score += r * u
      secondMoment += r * ((u * u).sum() - 2 / v)
    }
    return (score, secondMoment - (score * score).sum())
  }

  mutating func evaluateScores(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
    into scores: UnsafeMutablePointer<Float>
  ) {
    var divergences = [Float](repeating: 0, count: count)
    evaluateScoresAndDivergence(
      at: points, count: count, noiseLevel: noiseLevel, scores: scores, divergences: &divergences)
  }

  mutating func evaluateScoresAndDivergence(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
    scores: UnsafeMutablePointer<Float>, divergences: UnsafeMutablePointer<Float>
  ) {
    for i in 0..<count {
      let x = SIMD2(Double(points[2 * i]), Double(points[2 * i + 1]))
      let (score, divergence) = scoreAndDivergence(at: x, noiseLevel: Double(noiseLevel))
      scores[2 * i] = Float(score.x)
      scores[2 * i + 1] = Float(score.y)
      divergences[i] = Float(divergence)
    }
  }

  /// The data N(0, I): score −x/(1 + σ²), divergence −2/(1 + σ²).
  static let standardNormal = GaussianMixtureField(weights: [1], means: [.zero], variances: [1])

  /// Two unequal, well separated components.
  static let twoComponents = GaussianMixtureField(
    weights: [0.3, 0.7], means: [SIMD2(-1.5, 0), SIMD2(1, 0.5)], variances: [0.09, 0.25])
}

@Suite struct ODELikelihoodTests {
  /// 40 query points from N(0, 1.5²I), in Double.
  static func queries(seed: UInt64, count: Int = 40, spread: Double = 1.5) -> [SIMD2<Double>] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in spread * SIMD2(rng.nextNormal(), rng.nextNormal()) }
  }

  /// Largest |computed − expected| over the queries.
  static func largestError(_ computed: [Double], _ expected: [Double]) -> Double {
    zip(computed, expected).map { abs($0 - $1) }.max()!
  }

  @Test func mixtureDivergenceMatchesFiniteDifferences() {
    let field = GaussianMixtureField.twoComponents
    for (index, x) in Self.queries(seed: 1, count: 12).enumerated() {
      for sigma in [0.01, 0.3, 2.0] {
        var reference = 0.0
        for axis in 0..<2 {
          reference += centralDifference(
            of: { field.scoreAndDivergence(at: SIMD2($0[0], $0[1]), noiseLevel: sigma).0[axis] },
            at: [x.x, x.y], index: axis, step: 1e-5)
        }
        // Central differences with step 10⁻⁵ on scores of size ≤ 10²: 10⁻⁶ absolute.
        let divergence = field.scoreAndDivergence(at: x, noiseLevel: sigma).1
        #expect(isClose(divergence, reference, relative: 1e-6, absolute: 1e-5), "query \(index), σ = \(sigma)")
      }
    }
  }

  /// (a) N(0, I) data with the exact score: the path is x(σ) = x₀·√((1 + σ²)/(1 + σ_min²)) and
  /// the end density N(0, (1 + σ_max²)I) is exact, so the result must be log N(x; 0,
  /// (1 + σ_min²)I) up to Heun's error. That error comes mostly from the wide steps near
  /// σ_max (Karras' levels put few there: Δσ ≈ 0.13 at 160 steps) acting on ‖x(σ_max)‖², so it
  /// grows with ‖x₀‖²; the same Heun steps written out in Double elsewhere give 1.5·10⁻³ for
  /// 40 such points, measured here 2.8·10⁻³, allowed 4·10⁻³.
  @Test func gaussianDataGivesTheGaussianLogDensity() {
    let likelihood = ODELikelihood(
      minimumNoiseLevel: 0.01, maximumNoiseLevel: 5, steps: 160,
      endDensity: .gaussian(mean: .zero, variance: .one))
    let points = Self.queries(seed: 2)
    let computed = likelihood.logDensities(
      at: points, field: GaussianMixtureField.standardNormal, threadCount: 1)
    let variance = 1 + 0.01 * 0.01
    let expected = points.map { -log(2 * Double.pi * variance) - ($0 * $0).sum() / (2 * variance) }
    #expect(Self.largestError(computed, expected) < 4e-3)
    #expect(likelihood.evaluationsPerPoint == 320)
  }

  /// (b) The two-component mixture with its exact score and divergence and its own density at
  /// σ_max as the end: the result is the mixture's log-pdf at σ_min to Heun's error, measured
  /// 0.023 at 160 steps (the largest over 40 points out to 4 standard deviations; (d) shows it
  /// is the integrator's, falling 4× per doubling), allowed 0.04.
  @Test func mixtureGivesTheMixtureLogDensity() {
    let field = GaussianMixtureField.twoComponents
    let likelihood = ODELikelihood(
      minimumNoiseLevel: 0.01, maximumNoiseLevel: 5, steps: 160,
      endDensity: .exact(logDensity: { field.logDensity(at: $0, noiseLevel: $1) }))
    let points = Self.queries(seed: 3)
    let computed = likelihood.logDensities(at: points, field: field, threadCount: 2)
    let expected = points.map { field.logDensity(at: $0, noiseLevel: 0.01) }
    #expect(Self.largestError(computed, expected) < 0.04)
  }

  /// (c) The KDE's exact score with the KDE at h = σ_max as the end gives back the KDE's
  /// log-density at h = σ_min (MATH.md §6's check): measured 0.019 at 160 steps with
  /// σ_min = 0.1, allowed 0.03.
  @Test func kdeScoreGivesBackTheKDELogDensity() {
    var rng = SeededGenerator(seed: 4)
    let data = Standardization(fitting: BuiltinDataset.moons.generate(count: 300, using: &rng))
    let points = data.standardize(BuiltinDataset.moons.generate(count: 300, using: &rng))
    let sigmaMin: Float = 0.1
    let likelihood = ODELikelihood(
      minimumNoiseLevel: sigmaMin, maximumNoiseLevel: 5, steps: 160,
      endDensity: .kernelDensity(points: points))
    let queries = Self.queries(seed: 5, spread: 1)
    let computed = likelihood.logDensities(
      at: queries, field: KDEScoreFunction(points: points, bandwidth: .noiseLevel), threadCount: 2)
    let kde = GaussianKDE(points: points, bandwidth: Double(sigmaMin))
    let expected = queries.map { kde.logDensity(at: $0) }
    #expect(Self.largestError(computed, expected) < 0.03)
  }

  /// (d) Heun is second order: doubling the steps divides the largest error by about 4 once
  /// the steps resolve the field (from 40 steps on; at 10 and 20 the outermost points are not
  /// yet in the asymptotic regime).
  @Test func heunErrorFallsFourfoldPerDoubling() {
    let field = GaussianMixtureField.twoComponents
    let points = Self.queries(seed: 6, spread: 1)
    let expected = points.map { field.logDensity(at: $0, noiseLevel: 0.05) }
    let errors = [40, 80, 160].map { steps in
      let likelihood = ODELikelihood(
        minimumNoiseLevel: 0.05, maximumNoiseLevel: 5, steps: steps,
        endDensity: .exact(logDensity: { field.logDensity(at: $0, noiseLevel: $1) }))
      return Self.largestError(likelihood.logDensities(at: points, field: field, threadCount: 1), expected)
    }
    for (coarse, fine) in zip(errors, errors.dropFirst()) {
      #expect((3...5).contains(coarse / fine), "errors \(errors)")
    }
  }

  /// Each point is integrated alone, so the thread count changes nothing, bit for bit: the KDE
  /// and a network (whose chunks of 64 points then hold different neighbours).
  @Test func resultsDoNotDependOnTheThreadCount() {
    var rng = SeededGenerator(seed: 7)
    let data = (0..<100).map { _ in SIMD2(rng.nextNormal(), rng.nextNormal()) }
    let queries = Self.queries(seed: 8, count: 301)
    let kdeLikelihood = ODELikelihood(
      minimumNoiseLevel: 0.2, maximumNoiseLevel: 5, steps: 12, endDensity: .kernelDensity(points: data))
    let kde = KDEScoreFunction(points: data, bandwidth: .noiseLevel)
    let one = kdeLikelihood.logDensities(at: queries, field: kde, threadCount: 1)
    #expect(kdeLikelihood.logDensities(at: queries, field: kde, threadCount: 3) == one)
    let network = ScoreNetworkEvaluator(network: ScoreNetwork(using: &rng))
    let networkLikelihood = ODELikelihood(
      minimumNoiseLevel: 0.01, maximumNoiseLevel: 5, steps: 12,
      endDensity: .gaussian(mean: .zero, variance: .one))
    let single = networkLikelihood.logDensities(at: queries, field: network, threadCount: 1)
    #expect(single.allSatisfy { $0.isFinite })
    #expect(networkLikelihood.logDensities(at: queries, field: network, threadCount: 2) == single)
    #expect(networkLikelihood.logDensities(at: queries, field: network, threadCount: 5) == single)
  }
}
