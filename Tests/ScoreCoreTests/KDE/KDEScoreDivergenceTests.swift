// The KDE's score divergence against finite differences, a brute-force Laplacian and a far limit.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct KDEScoreDivergenceTests {
  /// 50 normal data points and 21 queries around them (an odd count crosses the vector tail).
  static func data(seed: UInt64) -> (points: [SIMD2<Double>], queries: [Float]) {
    var rng = SeededGenerator(seed: seed)
    let points = (0..<50).map { _ in SIMD2(rng.nextNormal(), rng.nextNormal()) }
    let queries = (0..<42).map { _ in Float(1.5 * rng.nextNormal()) }
    return (points, queries)
  }

  /// Scores and divergences of `function` at the 21 queries.
  static func evaluate(
    _ function: inout KDEScoreFunction, at queries: [Float], noiseLevel: Float
  ) -> (scores: [Float], divergences: [Float]) {
    var scores = [Float](repeating: .nan, count: queries.count)
    var divergences = [Float](repeating: .nan, count: queries.count / 2)
    function.evaluateScoresAndDivergence(
      at: queries, count: queries.count / 2, noiseLevel: noiseLevel, scores: &scores,
      divergences: &divergences)
    return (scores, divergences)
  }

  /// ∂s¹/∂x¹ + ∂s²/∂x² by central differences of GaussianKDE's Double score, step 10⁻⁴·h.
  /// Truncation is O(δ²·s‴) ≈ 10⁻⁸/h² and rounding 10⁻¹⁶·|s|/δ, so the tolerance is the
  /// Float rounding of the result (10⁻⁶ relative) plus 10⁻⁵/h² absolute.
  @Test(arguments: [Float(0.15), Float(0.6), Float(2)])
  func matchesFiniteDifferencesOfTheScore(noiseLevel: Float) {
    let (points, queries) = Self.data(seed: 21)
    var function = KDEScoreFunction(points: points, bandwidth: .noiseLevel)
    let (scores, divergences) = Self.evaluate(&function, at: queries, noiseLevel: noiseLevel)
    let h = Double(noiseLevel)
    let kde = GaussianKDE(points: points, bandwidth: h)
    let step = 1e-4 * h
    for i in 0..<(queries.count / 2) {
      let query = [Double(queries[2 * i]), Double(queries[2 * i + 1])]
      var reference = 0.0
      for axis in 0..<2 {
        reference += centralDifference(
          of: { kde.score(at: SIMD2($0[0], $0[1]))[axis] }, at: query, index: axis, step: step)
      }
      #expect(
        isClose(Double(divergences[i]), reference, relative: 1e-6, absolute: 1e-5 / (h * h)),
        "query \(i): \(divergences[i]) vs \(reference)")
      let score = kde.score(at: SIMD2(query[0], query[1]))
      #expect(isClose(Double(scores[2 * i]), score.x, relative: 1e-6, absolute: 1e-6 / (h * h)))
    }
  }

  /// Δ log p = Δp/p − ‖∇p‖²/p² with p, ∇p and Δp summed kernel by kernel in Double:
  /// ∇K = −K·d/h², ΔK = K·(‖d‖²/h⁴ − 2/h²) for d = x − xᵢ. Near the data nothing underflows,
  /// so the plain sums are exact to 10⁻¹³; the tolerance is the Float result's rounding.
  @Test func matchesBruteForceLaplacianOfTheLogDensity() {
    let (points, queries) = Self.data(seed: 22)
    let h = 0.45
    var function = KDEScoreFunction(points: points, bandwidth: .fixed(h))
    let divergences = Self.evaluate(&function, at: queries, noiseLevel: 1).divergences
    for i in 0..<(queries.count / 2) {
      let x = SIMD2(Double(queries[2 * i]), Double(queries[2 * i + 1]))
      var p = 0.0
      var gradient = SIMD2<Double>.zero
      var laplacian = 0.0
      for point in points {
        let d = x - point
        let squared = (d * d).sum()
        let kernel = exp(-squared / (2 * h * h))
        p += kernel
        gradient -= kernel * d / (h * h)
        laplacian += kernel * (squared / (h * h * h * h) - 2 / (h * h))
      }
      let reference = laplacian / p - (gradient * gradient).sum() / (p * p)
      #expect(
        isClose(Double(divergences[i]), reference, relative: 1e-6, absolute: 1e-6 / (h * h)),
        "query \(i): \(divergences[i]) vs \(reference)")
    }
  }

  /// Far from the data one kernel outweighs the rest by e^(−large): the weights are one-hot,
  /// the weighted covariance 0, so the divergence is −2/h² (where plain sums give 0/0).
  @Test func farFromTheDataTheDivergenceIsMinusTwoOverHSquared() {
    let (points, _) = Self.data(seed: 23)
    let h = 0.05
    var function = KDEScoreFunction(points: points, bandwidth: .fixed(h))
    let queries: [Float] = [300, -200, -1e4, 5]
    let divergences = Self.evaluate(&function, at: queries, noiseLevel: 1).divergences
    for divergence in divergences {
      #expect(divergence.isFinite)
      #expect(isClose(Double(divergence), -2 / (h * h), relative: 1e-6))
    }
  }
}
