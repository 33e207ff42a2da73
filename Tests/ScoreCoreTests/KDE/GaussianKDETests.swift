// The exact KDE against closed forms, finite differences and an independent brute force.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct GaussianKDETests {
  /// One point: p is the 2-D normal pdf N(x; μ, h²I) and the score is −(x − μ)/h².
  /// Tolerance 1e-12 relative: the vector exponential is good to ~1e-14, the rest is rounding.
  @Test(arguments: [0.05, 1.0, 7.5])
  func onePointIsTheNormalDensity(bandwidth h: Double) {
    let mean = SIMD2(0.3, -1.2)
    let kde = GaussianKDE(points: [mean], bandwidth: h)
    for offset in [SIMD2(0.0, 0.0), SIMD2(0.5, -0.25), SIMD2(-2.0, 3.0), SIMD2(4.0, 4.0)] {
      let x = mean + offset * h
      let r2 = (offset * h * offset * h).sum()
      let pdf = exp(-r2 / (2 * h * h)) / (2 * Double.pi * h * h)
      let evaluation = kde.evaluate(at: x)
      #expect(isClose(evaluation.density, pdf, relative: 1e-12))
      #expect(isClose(evaluation.logDensity, log(pdf), relative: 1e-12, absolute: 1e-12))
      let expected = -(x - mean) / (h * h)
      #expect(isClose(evaluation.score.x, expected.x, relative: 1e-12, absolute: 1e-12 / h))
      #expect(isClose(evaluation.score.y, expected.y, relative: 1e-12, absolute: 1e-12 / h))
    }
  }

  /// Central differences (step 1e-5) of logDensity match score at 40 random places around
  /// 30 random points. Tolerance 1e-6: truncation O(δ²·|∂³log p|) plus rounding ~1e-16·|log p|/δ.
  @Test func scoreIsTheGradientOfLogDensity() {
    var rng = SeededGenerator(seed: 11)
    let points = (0..<30).map { _ in SIMD2(rng.nextNormal(), 0.5 * rng.nextNormal()) }
    let kde = GaussianKDE(points: points, bandwidth: 0.4)
    for _ in 0..<40 {
      let x = [2 * rng.nextNormal(), 2 * rng.nextNormal()]
      let f = { (v: [Double]) in kde.logDensity(at: SIMD2(v[0], v[1])) }
      let score = kde.score(at: SIMD2(x[0], x[1]))
      #expect(
        isClose(score.x, centralDifference(of: f, at: x, index: 0), relative: 1e-6, absolute: 1e-6))
      #expect(
        isClose(score.y, centralDifference(of: f, at: x, index: 1), relative: 1e-6, absolute: 1e-6))
    }
  }

  /// MATH.md's 1-D case on the x axis: p_h(0, 0) = 0.108806·φ_h(0) with φ_h(0) = 1/(√(2π)h) the
  /// y-kernel at 0 (the 2-D kernel is the product of the 1-D ones), and score (−0.190146, 0).
  /// Tolerance 5e-7: the reference values are given to six decimals.
  @Test func oneDimensionalSeedCase() {
    let points = [-2.1, -1.3, -0.4, 1.9, 5.1, 6.2].map { SIMD2($0, 0.0) }
    let h = 2.5.squareRoot()
    let evaluation = GaussianKDE(points: points, bandwidth: h).evaluate(at: SIMD2(0, 0))
    let yKernelAtZero = 1 / ((2 * Double.pi).squareRoot() * h)
    #expect(abs(evaluation.density / yKernelAtZero - 0.108806) < 5e-7)
    #expect(abs(evaluation.score.x - -0.190146) < 5e-7)
    #expect(evaluation.score.y == 0)
  }

  /// 1e3 and 1e5 units from the data: finite, equal to the brute force, and the score points
  /// back at the nearest point with length ≈ distance/h². Tolerance 1e-9 relative at 1e3; at
  /// 1e5, ‖d‖² ≈ 1e10 is rounded differently (FMA) in the two codes, an exponent error of
  /// ~1e-6/(2h²), so 1e-5.
  @Test(arguments: [(1e3, 1e-9), (1e5, 1e-5)])
  func farFromTheData(distance: Double, tolerance: Double) {
    var rng = SeededGenerator(seed: 5)
    let points = (0..<1000).map { _ in SIMD2(rng.nextNormal(), rng.nextNormal()) }
    let h = 0.1
    let kde = GaussianKDE(points: points, bandwidth: h)
    for angle in stride(from: 0.0, to: 2 * Double.pi, by: 0.7) {
      let x = distance * SIMD2(cos(angle), sin(angle))
      let evaluation = kde.evaluate(at: x)
      let reference = bruteForceKDE(points: points, bandwidth: h, at: x)
      #expect(evaluation.logDensity.isFinite && evaluation.score.x.isFinite)
      #expect(evaluation.score.y.isFinite && evaluation.density == 0)
      #expect(isClose(evaluation.logDensity, reference.logDensity, relative: tolerance))
      #expect(
        isClose(
          evaluation.score.x, reference.score.x, relative: tolerance,
          absolute: tolerance * distance / (h * h)))
      #expect(
        isClose(
          evaluation.score.y, reference.score.y, relative: tolerance,
          absolute: tolerance * distance / (h * h)))
      let nearest = points.min { ((($0 - x) * ($0 - x)).sum()) < ((($1 - x) * ($1 - x)).sum()) }!
      let towardNearest = (nearest - x) / (h * h)
      // Far away the nearest point dominates the softmax; 1e-3 covers the few ties nearby.
      #expect(
        isClose(
          evaluation.score.x, towardNearest.x, relative: 1e-3, absolute: 1e-3 * distance / (h * h)))
      #expect(
        isClose(
          evaluation.score.y, towardNearest.y, relative: 1e-3, absolute: 1e-3 * distance / (h * h)))
    }
  }

  /// The batch forms give the point forms' values, in order, across the vector tail (37 points).
  @Test func batchFormsMatchPointForms() {
    var rng = SeededGenerator(seed: 3)
    let points = (0..<37).map { _ in SIMD2(rng.nextNormal(), rng.nextNormal()) }
    let queries = (0..<9).map { _ in SIMD2(3 * rng.nextNormal(), 3 * rng.nextNormal()) }
    let kde = GaussianKDE(points: points, bandwidth: 0.3)
    let batch = kde.evaluate(at: queries)
    let scores = kde.scores(at: queries)
    for (i, q) in queries.enumerated() {
      #expect(batch[i] == kde.evaluate(at: q))
      #expect(scores[i] == kde.score(at: q))
      let reference = bruteForceKDE(points: points, bandwidth: 0.3, at: q)
      // 1e-12: both sum the same 37 terms in Double, in a different order.
      #expect(isClose(batch[i].logDensity, reference.logDensity, relative: 1e-12))
      #expect(isClose(scores[i].x, reference.score.x, relative: 1e-10, absolute: 1e-10))
    }
  }
}
