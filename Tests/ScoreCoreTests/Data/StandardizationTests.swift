// Per-axis z-scores: fitted moments by hand, reversibility, and the density and score changes of units by finite differences.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct StandardizationTests {
  /// Mean (3, 6); sample variances 8/2 = 4 and 42/2 = 21, worked out by hand.
  @Test func fitsSampleMeanAndStandardDeviation() {
    let map = Standardization(fitting: [SIMD2(1, 2), SIMD2(3, 5), SIMD2(5, 11)])
    #expect(map.mean == SIMD2(3, 6))
    #expect(map.scale.x == 2)
    #expect(isClose(map.scale.y, 21.0.squareRoot(), relative: 1e-15))
  }

  @Test func constantAxisAndTinySetsUseScaleOne() {
    let flat = Standardization(fitting: [SIMD2(1, 5), SIMD2(2, 5), SIMD2(3, 5)])
    #expect(flat.scale == SIMD2(1, 1))
    #expect(flat.mean == SIMD2(2, 5))
    #expect(Standardization(fitting: [SIMD2(4, -1)]) == Standardization(mean: SIMD2(4, -1), scale: .one))
    #expect(Standardization(fitting: []) == .identity)
  }

  func samplePoints() -> [SIMD2<Double>] {
    var rng = SeededGenerator(seed: 3)
    return (0..<1000).map { _ in SIMD2(5 + 3 * rng.nextNormal(), -200 + 0.01 * rng.nextNormal()) }
  }

  /// Standardised points have mean 0 and sample standard deviation 1. Subtracting a mean of
  /// size |m| loses |m|/scale units of rounding in z (2·10⁴ for the y axis here), so the
  /// tolerance is 100 ulps of that.
  @Test func standardizedPointsHaveZeroMeanAndUnitSpread() {
    let points = samplePoints()
    let map = Standardization(fitting: points)
    let z = map.standardize(points)
    let mean = z.reduce(.zero, +) / Double(z.count)
    let variance = z.reduce(SIMD2<Double>.zero) { $0 + ($1 - mean) * ($1 - mean) } / Double(z.count - 1)
    let tolerance = 100 * Double.ulpOfOne * (SIMD2(abs(map.mean.x), abs(map.mean.y)) / map.scale + 1)
    #expect(abs(mean.x) < tolerance.x && abs(mean.y) < tolerance.y)
    #expect(abs(variance.x - 1) < tolerance.x && abs(variance.y - 1) < tolerance.y)
  }

  /// Both directions invert each other up to rounding: the subtraction, division and
  /// multiply-add each round once, so 4 ulps of the larger of |x| and |mean| bound the error.
  @Test func roundTrips() {
    let points = samplePoints()
    let map = Standardization(fitting: points)
    let back = map.destandardize(map.standardize(points))
    for (p, q) in zip(points, back) {
      #expect(abs(p.x - q.x) <= 4 * Double.ulpOfOne * max(abs(p.x), abs(map.mean.x)))
      #expect(abs(p.y - q.y) <= 4 * Double.ulpOfOne * max(abs(p.y), abs(map.mean.y)))
    }
    let z = SIMD2(0.7, -1.3)
    let again = map.standardize(map.destandardize(z))
    #expect(isClose(again.x, z.x, relative: 1e-12) && isClose(again.y, z.y, relative: 1e-12))
    #expect(map.standardizedScore(fromData: map.dataScore(fromStandardized: z)) == z)
  }

  /// X ~ N(μ, diag σ²) in data units; Z = (X − m) ⊘ s is N((μ − m) ⊘ s, diag (σ ⊘ s)²).
  /// Both log-densities are written out independently; the map must relate them, and the
  /// score converted from z-units (central differences of log p_Z) must equal the central
  /// differences of log p_X. Central differences with δ = 1e-5 on these smooth functions are
  /// good to ≈ 1e-9 relative, so 1e-6 is a safe tolerance.
  @Test func densityAndScoreChainRule() {
    let mu = SIMD2(1.5, -40.0)
    let sigma = SIMD2(0.8, 12.0)
    let map = Standardization(mean: SIMD2(1.0, -35.0), scale: SIMD2(2.5, 9.0))
    func gaussianLogDensity(_ x: SIMD2<Double>, mean: SIMD2<Double>, std: SIMD2<Double>) -> Double {
      let u = (x - mean) / std
      return -0.5 * (u * u).sum() - log(2 * .pi * std.x * std.y)
    }
    let logPX: ([Double]) -> Double = { gaussianLogDensity(SIMD2($0[0], $0[1]), mean: mu, std: sigma) }
    let zMean = (mu - map.mean) / map.scale
    let zStd = sigma / map.scale
    let logPZ: ([Double]) -> Double = { gaussianLogDensity(SIMD2($0[0], $0[1]), mean: zMean, std: zStd) }

    for x in [SIMD2(1.5, -40.0), SIMD2(0.2, -31), SIMD2(3.1, -60)] {
      let z = map.standardize(x)
      #expect(
        isClose(
          map.dataLogDensity(fromStandardized: logPZ([z.x, z.y])), logPX([x.x, x.y]), relative: 1e-12, absolute: 1e-12))
      let scoreZ = SIMD2(
        centralDifference(of: logPZ, at: [z.x, z.y], index: 0),
        centralDifference(of: logPZ, at: [z.x, z.y], index: 1))
      let scoreX = SIMD2(
        centralDifference(of: logPX, at: [x.x, x.y], index: 0),
        centralDifference(of: logPX, at: [x.x, x.y], index: 1))
      let converted = map.dataScore(fromStandardized: scoreZ)
      #expect(isClose(converted.x, scoreX.x, relative: 1e-6, absolute: 1e-9))
      #expect(isClose(converted.y, scoreX.y, relative: 1e-6, absolute: 1e-9))
      let back = map.standardizedScore(fromData: scoreX)
      #expect(isClose(back.x, scoreZ.x, relative: 1e-6, absolute: 1e-9))
      #expect(isClose(back.y, scoreZ.y, relative: 1e-6, absolute: 1e-9))
      let exact = -(x - mu) / (sigma * sigma)
      #expect(isClose(converted.x, exact.x, relative: 1e-6, absolute: 1e-9))
      #expect(isClose(converted.y, exact.y, relative: 1e-6, absolute: 1e-9))
    }
  }

  @Test func codableRoundTrip() throws {
    let map = Standardization(mean: SIMD2(0.1, -2), scale: SIMD2(3, 0.25))
    let data = try JSONEncoder().encode(map)
    #expect(try JSONDecoder().decode(Standardization.self, from: data) == map)
  }
}
