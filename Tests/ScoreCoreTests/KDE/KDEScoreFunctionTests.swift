// The batch score function gives GaussianKDE's score, at a fixed h and at h = σ.

import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct KDEScoreFunctionTests {
  /// 21 Float points (across the vector tail) at σ = 0.3 and σ = 2 against `score(at:)` of the
  /// KDE at h = σ on the same Double-converted points. Tolerance 1e-6 relative: one rounding
  /// of the Double score to Float (6e-8), plus an absolute 1e-6/σ² for components near 0.
  @Test(arguments: [Float(0.3), Float(2)])
  func matchesExactScore(noiseLevel: Float) {
    var rng = SeededGenerator(seed: 9)
    let data = (0..<50).map { _ in SIMD2(rng.nextNormal(), rng.nextNormal()) }
    var function = KDEScoreFunction(points: data, bandwidth: .noiseLevel)
    var fixed = KDEScoreFunction(points: data, bandwidth: .fixed(Double(noiseLevel)))
    let queries = (0..<42).map { _ in Float(2 * rng.nextNormal()) }
    var scores = [Float](repeating: .nan, count: queries.count)
    var fixedScores = [Float](repeating: .nan, count: queries.count)
    function.evaluateScores(at: queries, count: 21, noiseLevel: noiseLevel, into: &scores)
    fixed.evaluateScores(at: queries, count: 21, noiseLevel: 99, into: &fixedScores)
    let reference = GaussianKDE(points: data, bandwidth: Double(noiseLevel))
    let scale = 1e-6 / Double(noiseLevel * noiseLevel)
    for i in 0..<21 {
      let exact = reference.score(at: SIMD2(Double(queries[2 * i]), Double(queries[2 * i + 1])))
      #expect(isClose(Double(scores[2 * i]), exact.x, relative: 1e-6, absolute: scale))
      #expect(isClose(Double(scores[2 * i + 1]), exact.y, relative: 1e-6, absolute: scale))
      #expect(scores[2 * i] == fixedScores[2 * i] && scores[2 * i + 1] == fixedScores[2 * i + 1])
    }
  }
}
