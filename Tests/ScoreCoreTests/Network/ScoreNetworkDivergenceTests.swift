// The network's exact divergence against central differences of a Double reference forward pass.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct ScoreNetworkDivergenceTests {
  /// 150 points (more than two chunks of 64, and not a multiple of 8) at several σ, random
  /// weights from three seeds. The reference is ∂f¹/∂x¹ + ∂f²/∂x² of `ReferenceNetwork`'s
  /// Double f by central differences (step 10⁻⁴: truncation ≈ 10⁻⁸·f‴, rounding 10⁻¹²),
  /// divided by σ. The Float pass carries about 10⁻⁶ relative error per 128-term sum through
  /// four layers; the tolerance 10⁻⁴ relative to the Jacobian's size covers that with margin.
  @Test(arguments: [(UInt64(1), Float(0.02)), (2, 0.4), (3, 5)])
  func divergenceMatchesFiniteDifferencesAndScoresMatchTheEvaluator(
    seed: UInt64, noiseLevel: Float
  ) {
    var rng = SeededGenerator(seed: seed)
    let network = ScoreNetwork(using: &rng)
    let reference = ReferenceNetwork(network)
    let count = 150
    let points = (0..<(2 * count)).map { _ in Float(2 * rng.nextNormal()) }
    var evaluator = ScoreNetworkEvaluator(network: network)
    var scores = [Float](repeating: .nan, count: 2 * count)
    var divergences = [Float](repeating: .nan, count: count)
    evaluator.evaluateScoresAndDivergence(
      at: points, count: count, noiseLevel: noiseLevel, scores: &scores, divergences: &divergences)
    var plainScores = [Float](repeating: .nan, count: 2 * count)
    evaluator.evaluateScores(at: points, count: count, noiseLevel: noiseLevel, into: &plainScores)
    let sigma = Double(noiseLevel)
    for i in stride(from: 0, to: count, by: 7) {
      let x = [Double(points[2 * i]), Double(points[2 * i + 1])]
      var trace = 0.0
      var size = 0.0
      for output in 0..<2 {
        for axis in 0..<2 {
          let derivative = centralDifference(
            of: { reference.evaluate(x: $0[0], y: $0[1], noiseLevel: sigma).f[output] }, at: x,
            index: axis, step: 1e-4)
          size += abs(derivative)
          if output == axis { trace += derivative }
        }
      }
      #expect(
        abs(Double(divergences[i]) - trace / sigma) <= 1e-4 * size / sigma,
        "point \(i): \(divergences[i]) vs \(trace / sigma)")
    }
    // The two passes use different SiLU exponentials (relative 2·10⁻⁷ each) and sum in a
    // different order: 10⁻⁵ of the scores' size.
    let largest = scores.map { abs($0) }.max()!
    for index in 0..<(2 * count) {
      #expect(abs(scores[index] - plainScores[index]) <= 1e-5 * largest, "component \(index)")
    }
  }
}
