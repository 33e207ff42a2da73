// The evaluator's SiLU against φ(h) = h/(1 + e^(−h)) in Double, and the evaluator's chunking.

import Foundation
import ScoreCore
import Testing

@Suite struct FastSiLUTests {
  /// φ in Double at the Float input.
  static func exactSiLU(_ h: Float) -> Double {
    let x = Double(h)
    return x / (1 + exp(-x))
  }

  /// The documented bound |φ̂ − φ| ≤ (4·10⁻⁷ + 10⁻⁷·|h|)·|φ| + 10⁻³⁷·|h| on 400,001 evenly
  /// spaced inputs over [−100, 100] (past both clamps) and on far and special inputs.
  @Test func errorIsWithinDocumentedBound() {
    var inputs = (0...400_000).map { Float(-100 + Double($0) * 5e-4) }
    inputs += [0, 1e-30, -1e-30, 1e-6, -1e-6, 86.6, 86.7, -87.3, -87.4, 1e6, -1e6, 3e4, -3e4]
    let values = ScoreNetworkEvaluator.fastSiLU(inputs)
    var worstRatio = 0.0
    for (h, value) in zip(inputs, values) {
      let exact = Self.exactSiLU(h)
      let magnitude = Double(abs(h))
      let bound = (4e-7 + 1e-7 * magnitude) * abs(exact) + 1e-37 * magnitude
      let error = abs(Double(value) - exact)
      #expect(error <= bound, "h \(h): \(value) vs \(exact)")
      if bound > 0 { worstRatio = max(worstRatio, error / bound) }
    }
    #expect(worstRatio > 0.05, "the bound should not be loose by more than 20×")
  }

  /// Where training-scale pre-activations live, |h| ≤ 8, the relative error stays below
  /// 1.2·10⁻⁶ (the bound at |h| = 8), checked on 160,001 points.
  @Test func relativeErrorNearOrigin() {
    let inputs = (0...160_000).map { Float(-8 + Double($0) * 1e-4) }
    let values = ScoreNetworkEvaluator.fastSiLU(inputs)
    for (h, value) in zip(inputs, values) where h != 0 {
      let exact = Self.exactSiLU(h)
      #expect(abs(Double(value) - exact) <= 1.2e-6 * abs(exact), "h \(h)")
    }
  }

  /// NaN stays NaN and φ(+∞) = +∞, so a broken score is never hidden as a finite number.
  @Test func nonFiniteInputs() {
    let values = ScoreNetworkEvaluator.fastSiLU([.nan, .infinity])
    #expect(values[0].isNaN)
    #expect(values[1] == .infinity)
  }

  /// Capacities 1, 8, 13 and 256 and counts that leave partial chunks and partial 8-row groups
  /// all give the Double reference's scores. Tolerance 1e-4 of the largest |s|, as for the
  /// default evaluator: Float sums of 128 products carry relative errors near 1e-6.
  @Test(arguments: [1, 8, 13, 256])
  func chunkingMatchesReference(capacity: Int) {
    var rng = SeededGenerator(seed: 21)
    let network = ScoreNetwork(using: &rng)
    let reference = ReferenceNetwork(network)
    let noiseLevel: Float = 0.2
    for count in [1, 7, 9, 30] {
      let points = (0..<(2 * count)).map { _ in Float(1.5 * rng.nextNormal()) }
      var scores = [Float](repeating: .nan, count: 2 * count)
      var evaluator = ScoreNetworkEvaluator(network: network, capacity: capacity)
      evaluator.evaluateScores(at: points, count: count, noiseLevel: noiseLevel, into: &scores)
      var expected: [Double] = []
      for n in 0..<count {
        let f = reference.evaluate(
          x: Double(points[2 * n]), y: Double(points[2 * n + 1]),
          noiseLevel: Double(noiseLevel)
        ).f
        expected += f.map { $0 / Double(noiseLevel) }
      }
      let scale = expected.map(abs).max()!
      for index in expected.indices {
        #expect(
          abs(Double(scores[index]) - expected[index]) <= 1e-4 * scale,
          "capacity \(capacity), count \(count), index \(index)")
      }
    }
  }
}
