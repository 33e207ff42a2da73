// The bandwidth rules against a hand computation, and the choice's text form.

import Foundation
import ScoreCore
import Testing

@Suite struct BandwidthRuleTests {
  /// Points (0,0), (1,0), (0,2), (3,2): means (1, 1), s_x² = (1+1+1+4)/3 … by hand
  /// s_x² = ((−1)² + 0² + (−1)² + 2²)/3 = 2, s_y² = 4·1/3 = 4/3, σ̂ = √(5/3), h = σ̂·4^(−1/6).
  /// Tolerance 1e-14 relative: a few roundings.
  @Test(arguments: BandwidthRule.allCases)
  func matchesHandComputation(rule: BandwidthRule) {
    let points: [SIMD2<Double>] = [SIMD2(0, 0), SIMD2(1, 0), SIMD2(0, 2), SIMD2(3, 2)]
    let expected = (5.0 / 3).squareRoot() * pow(4, -1.0 / 6)
    #expect(abs(rule.bandwidth(for: points) - expected) <= 1e-14 * expected)
  }

  @Test func degenerateSetsGiveZero() {
    #expect(BandwidthRule.scott.bandwidth(for: [SIMD2(1, 2)]) == 0)
    #expect(BandwidthRule.silverman.bandwidth(for: [SIMD2(1, 2), SIMD2(1, 2)]) == 0)
  }

  @Test func choiceParsesAndPrints() {
    #expect(BandwidthChoice("scott") == .rule(.scott))
    #expect(BandwidthChoice("Silverman") == .rule(.silverman))
    #expect(BandwidthChoice("0.25") == .fixed(0.25))
    #expect(BandwidthChoice("-1") == nil)
    #expect(BandwidthChoice("wide") == nil)
    #expect(BandwidthChoice.fixed(0.25).description == "0.25")
    #expect(BandwidthChoice.fixed(0.5).bandwidth(for: []) == 0.5)
  }
}
