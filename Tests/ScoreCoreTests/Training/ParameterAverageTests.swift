// The parameter average against its closed form, summed in Double.

import Foundation
import ScoreCore
import Testing

@Suite struct ParameterAverageTests {
  /// After updates with θ₁ … θₙ from θ̄₀: θ̄ₙ = dⁿθ̄₀ + Σₜ (1 − d)·dⁿ⁻ᵗ·θₜ, here in Double.
  @Test func matchesTheClosedFormOverManySteps() {
    let decay: Float = 0.95
    let count = 37  // 2 SIMD blocks and a tail of 5
    let start = (0..<count).map { Float($0) * 0.1 - 1 }
    var average = ParameterAverage(decay: decay, parameters: start)
    var sequence: [[Float]] = []
    for step in 1...200 {
      let current: [Float] = (0..<count).map { index in
        let wave = sin(Double(step * 7 + index))
        return Float(wave) * Float(index % 5 + 1)
      }
      sequence.append(current)
      average.update(with: current)
    }
    let d = Double(decay)
    let n = sequence.count
    for index in 0..<count {
      var expected = pow(d, Double(n)) * Double(start[index])
      for (offset, current) in sequence.enumerated() {
        expected += (1 - d) * pow(d, Double(n - offset - 1)) * Double(current[index])
      }
      // 200 Float fused steps: rounding grows like n·ulp of values of size ≤ 5.
      #expect(abs(Double(average.parameters[index]) - expected) < 1e-4, "parameter \(index)")
    }
  }

  /// A constant sequence is its own average, and d = 0 keeps only the newest parameters.
  @Test func constantSequenceAndZeroDecay() {
    let values: [Float] = (0..<20).map { Float($0) - 7.5 }
    var steady = ParameterAverage(decay: 0.999, parameters: values)
    for _ in 0..<100 { steady.update(with: values) }
    for (got, want) in zip(steady.parameters, values) {
      #expect(abs(got - want) <= 1e-5 * max(1, abs(want)))
    }
    var newest = ParameterAverage(decay: 0, parameters: values)
    let next = values.map { $0 * 3 + 1 }
    newest.update(with: next)
    #expect(newest.parameters == next)
  }
}

@Suite struct ParameterAverageWarmUpTests {
  /// With warm-up, update n keeps dₙ = min(d, (1 + n)/(10 + n)): the recursion in Double.
  @Test func followsTheWarmUpRecursion() {
    let decay: Float = 0.99
    let start: [Float] = [4, -2, 0.5]
    var average = ParameterAverage(decay: decay, parameters: start, warmUp: true)
    var expected = start.map(Double.init)
    for n in 0..<1_000 {
      let current: [Float] = [Float(n % 7), -Float(n % 3), 0.25]
      let keep = min(Double(decay), (1 + Double(n)) / (10 + Double(n)))
      #expect(abs(Double(average.currentDecay) - keep) < 1e-6)
      average.update(with: current)
      for index in expected.indices {
        expected[index] = keep * expected[index] + (1 - keep) * Double(current[index])
      }
    }
    #expect(average.updateCount == 1_000)
    for index in expected.indices {
      #expect(abs(Double(average.parameters[index]) - expected[index]) < 1e-4)
    }
  }

  /// The starting parameters are forgotten fast: after 50 updates with θ = 0 from θ̄ = 1,
  /// Πₙ dₙ = Πₙ (1 + n)/(10 + n) = 9!·50!/59! ≈ 2.8e-10 remains (at most), against
  /// 0.99⁵⁰ ≈ 0.6 without warm-up.
  @Test func forgetsTheStartQuickly() {
    var warm = ParameterAverage(decay: 0.99, parameters: [1], warmUp: true)
    var plain = ParameterAverage(decay: 0.99, parameters: [1])
    for _ in 0..<50 {
      warm.update(with: [0])
      plain.update(with: [0])
    }
    #expect(warm.parameters[0] < 1e-9)
    #expect(abs(plain.parameters[0] - Float(pow(0.99, 50.0))) < 1e-5)
  }
}
