// Adam's update against a two-step update worked out by hand from torch.optim.Adam's formulas.

import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct AdamTests {
  /// lr 0.1, θ₀ = (1, −0.5, 0.25), g₁ = (0.2, −0.1, 0), g₂ = (0.1, 0.3, −0.4).
  /// Step 1: m = 0.1g₁, v = 0.001g₁², m̂ = g₁, v̂ = g₁², so θ₁ = θ₀ − 0.1·g₁/(|g₁| + 1e-8)
  /// = (0.9, −0.4, 0.25) (a zero gradient leaves its parameter alone).
  /// Step 2: m = (0.028, 0.021, −0.04), v = (4.996e-5, 9.999e-5, 1.6e-4), step size
  /// 0.1/(1 − 0.9²), denominator √v/√(1 − 0.999²) + 1e-8, so
  /// θ₂ = (0.806782047, −0.449418991, 0.324413680).
  /// Tolerance 1e-6 relative: a handful of Float operations.
  @Test func twoStepsMatchHandComputedUpdate() {
    var adam = Adam(parameterCount: 3, learningRate: 0.1)
    var parameters: [Float] = [1, -0.5, 0.25]
    adam.update(&parameters, gradient: [0.2, -0.1, 0])
    for (value, expected) in zip(parameters, [0.900000005, -0.400000010, 0.25]) {
      #expect(isClose(Double(value), expected, relative: 1e-6))
    }
    adam.update(&parameters, gradient: [0.1, 0.3, -0.4])
    for (value, expected) in zip(parameters, [0.806782047, -0.449418991, 0.324413680]) {
      #expect(isClose(Double(value), expected, relative: 1e-6))
    }
    #expect(adam.stepCount == 2)
    for (value, expected) in zip(adam.firstMoment, [0.028, 0.021, -0.04]) {
      #expect(isClose(Double(value), expected, relative: 1e-6))
    }
    for (value, expected) in zip(adam.secondMoment, [4.996e-5, 9.999e-5, 1.6e-4]) {
      #expect(isClose(Double(value), expected, relative: 1e-6))
    }
  }

  /// The sixteen-lane body and the scalar tail agree: 35 parameters with the same gradient
  /// all move identically (exactly: the same Float operations in each lane).
  @Test func vectorAndScalarPathsAgree() {
    var adam = Adam(parameterCount: 35, learningRate: 0.01)
    var parameters = [Float](repeating: 0.5, count: 35)
    for step in 1...3 {
      adam.update(&parameters, gradient: [Float](repeating: Float(step) * 0.1, count: 35))
    }
    #expect(Set(parameters).count == 1)
    #expect(parameters[0] < 0.5)
  }
}
