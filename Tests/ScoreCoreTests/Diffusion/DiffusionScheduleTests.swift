// Karras' σ steps and the VP clock against their closed forms (MATH.md §6).

import Foundation
import ScoreCore
import Testing

@Suite struct DiffusionScheduleTests {
  @Test func karrasStepsFollowTheFormulaFromMaximumToMinimum() {
    let sigmas = KarrasSteps.levels(maximum: 5, minimum: 0.01, count: 11)
    #expect(sigmas.count == 11)
    #expect(sigmas.first == 5)
    #expect(sigmas.last == 0.01)
    // σ_5 by hand: (5^{1/7} + 0.5·(0.01^{1/7} − 5^{1/7}))^7.
    let middle = pow(0.5 * (pow(5.0, 1 / 7.0) + pow(0.01, 1 / 7.0)), 7)
    #expect(abs(Double(sigmas[5]) - middle) < 1e-6 * middle)
    for index in 1..<sigmas.count { #expect(sigmas[index] < sigmas[index - 1]) }
    // ρ = 7 crowds the steps near σ_min: the last gap is far smaller than the first.
    #expect(sigmas[9] - sigmas[10] < (sigmas[0] - sigmas[1]) / 100)
  }

  @Test func oneKarrasStepIsTheLargestLevel() {
    #expect(KarrasSteps.levels(maximum: 2, minimum: 0.5, count: 1) == [2])
  }

  @Test func rhoOneSpacesTheStepsEvenly() {
    let sigmas = KarrasSteps.levels(maximum: 3, minimum: 1, count: 5, rho: 1)
    #expect(zip(sigmas, [3, 2.5, 2, 1.5, 1] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
  }

  @Test func vpTimeInvertsTheNoiseLevel() {
    for sigma in [1e-4, 0.01, 0.5, 1, 5, 50, 150] {
      let time = DiffusionProcess.vpTime(atNoiseLevel: sigma)
      // ∫₀ᵗβ = log(1 + σ²), written out from β(t) = 0.1 + 19.9t.
      let integral = 0.1 * time + 0.5 * 19.9 * time * time
      #expect(abs(integral - log(1 + sigma * sigma)) < 1e-12 * max(1, integral))
      #expect(abs(DiffusionProcess.vpNoiseLevel(time: time) - sigma) < 1e-9 * sigma)
    }
    #expect(abs(DiffusionProcess.vpNoiseLevel(time: 1) - DiffusionProcess.vpLargestNoiseLevel) < 1e-9)
  }

  @Test func vpScaleIsAlphaAndVEScaleIsOne() {
    for sigma in [0.01, 1.0, 5.0] {
      let time = DiffusionProcess.vpTime(atNoiseLevel: sigma)
      let alpha = exp(-0.5 * (0.1 * time + 0.5 * 19.9 * time * time))
      #expect(abs(DiffusionProcess.vp.scale(atNoiseLevel: sigma) - alpha) < 1e-12)
      // s_t/α_t = σ with s_t² = 1 − α_t².
      #expect(abs((1 - alpha * alpha).squareRoot() / alpha - sigma) < 1e-9 * sigma)
      #expect(DiffusionProcess.ve.scale(atNoiseLevel: sigma) == 1)
    }
  }
}
