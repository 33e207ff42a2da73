// KDEScoreTruth against the Gaussian formulas, FieldError against it, and scores at SIMD2 points.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct KDEScoreTruthTests {
  /// One data point μ: p_σ is N(μ, σ²I), so at z the score is −(z − μ)/σ² and the density
  /// exp(−‖z − μ‖²/2σ²)/(2πσ²).
  @Test func onePointIsTheGaussian() {
    let mu = SIMD2(0.5, -1.0)
    let sigma: Float = 0.5
    let probes = [SIMD2(0.5, -1.0), SIMD2(1.0, 0.0), SIMD2(-0.25, -1.5)]
    let truth = KDEScoreTruth(points: [mu], noiseLevel: sigma, probes: probes)
    let variance = Double(sigma) * Double(sigma)
    #expect(truth.noiseLevel == sigma)
    #expect(truth.scores.count == 3 && truth.densities.count == 3)
    for (k, z) in probes.enumerated() {
      let expected = -(z - mu) / variance
      #expect(isClose(truth.scores[k].x, expected.x, relative: 1e-12, absolute: 1e-12), "probe \(k)")
      #expect(isClose(truth.scores[k].y, expected.y, relative: 1e-12, absolute: 1e-12), "probe \(k)")
      let squared = ((z - mu) * (z - mu)).sum()
      let density = exp(-squared / (2 * variance)) / (2 * Double.pi * variance)
      #expect(isClose(truth.densities[k], density, relative: 1e-12), "probe \(k)")
    }
  }

  @Test func noPointsOrNoProbesGiveNothing() {
    let noPoints = KDEScoreTruth(points: [], noiseLevel: 0.3, probes: [SIMD2(0, 0)])
    #expect(noPoints.scores.isEmpty && noPoints.densities.isEmpty)
    let noProbes = KDEScoreTruth(points: [SIMD2(0, 0)], noiseLevel: 0.3, probes: [])
    #expect(noProbes.scores.isEmpty && noProbes.densities.isEmpty)
  }

  /// Two points at (±1, 0), σ = 1: the score is 0 at the origin by symmetry and
  /// −2e⁻²/(1 + e⁻²) along x at (1, 0) (s = Σwᵢ(xᵢ − z)/Σwᵢ, wᵢ = e^{−‖z − xᵢ‖²/2}). A learned
  /// (1, 0) at both probes, compared by hand with the weighted sums of `FieldError`.
  @Test func fieldErrorAgainstTheTruthIsTheWeightedFormula() {
    let points = [SIMD2(-1.0, 0.0), SIMD2(1.0, 0.0)]
    let probes = [SIMD2(0.0, 0.0), SIMD2(1.0, 0.0)]
    let truth = KDEScoreTruth(points: points, noiseLevel: 1, probes: probes)
    let near = 1.0
    let far = exp(-2.0)
    let scoreAtOne = SIMD2((near * 0 + far * -2) / (near + far), 0)
    let scores = [SIMD2(0.0, 0.0), scoreAtOne]
    let densities = probes.map { z in
      points.map { exp(-((z - $0) * (z - $0)).sum() / 2) / (2 * Double.pi) }.reduce(0, +) / 2
    }
    let learned = [SIMD2(1.0, 0.0), SIMD2(1.0, 0.0)]
    var errorSum = 0.0
    var referenceSum = 0.0
    for k in 0..<2 {
      let d = learned[k] - scores[k]
      errorSum += densities[k] * (d * d).sum()
      referenceSum += densities[k] * (scores[k] * scores[k]).sum()
    }
    let error = FieldError(learned: learned, truth: truth)
    // Scores are rounded to Float before the sums: 1e-7 relative.
    #expect(isClose(error.weightedRMS, (errorSum / densities.reduce(0, +)).squareRoot(), relative: 1e-6))
    #expect(isClose(error.relative, (errorSum / referenceSum).squareRoot(), relative: 1e-6))
  }

  /// The score of N(0, I) smoothed by N(0, σ²I): −x/(1 + σ²).
  struct SmoothedGaussianScore: BatchScoreFunction {
    mutating func evaluateScores(
      at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
      into scores: UnsafeMutablePointer<Float>
    ) {
      for index in 0..<(2 * count) { scores[index] = -points[index] / (1 + noiseLevel * noiseLevel) }
    }
  }

  /// `scores(at:noiseLevel:)` rounds the points to Float, calls the function once, and widens:
  /// exactly the Float formula, point by point and in order.
  @Test func scoresAtPointsAreTheFunctionsOwn() {
    var field = SmoothedGaussianScore()
    let points = [SIMD2(0.1, -2.0), SIMD2(3.0, 0.7), SIMD2(-1e-3, 5.0)]
    let scores = field.scores(at: points, noiseLevel: 0.5)
    #expect(scores.count == 3)
    for (k, p) in points.enumerated() {
      let expected = SIMD2(Double(-Float(p.x) / 1.25), Double(-Float(p.y) / 1.25))
      #expect(scores[k] == expected, "point \(k)")
    }
    #expect(field.scores(at: [], noiseLevel: 0.5).isEmpty)
  }
}
