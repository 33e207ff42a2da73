// Energy distance and sliced Wasserstein-2 against brute force, quantiles and closed forms.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

/// `count` points drawn uniformly from [−2, 2)², interleaved.
func uniformPoints(count: Int, seed: UInt64) -> [Float] {
  var rng = SeededGenerator(seed: seed)
  return (0..<(2 * count)).map { _ in Float(4 * rng.nextUniform() - 2) }
}

/// Mean Euclidean distance over all ordered pairs, the plain Double double loop.
func bruteForceMeanDistance(_ a: [Float], _ b: [Float]) -> Double {
  var sum = 0.0
  for i in 0..<(a.count / 2) {
    for j in 0..<(b.count / 2) {
      let dx = Double(a[2 * i]) - Double(b[2 * j])
      let dy = Double(a[2 * i + 1]) - Double(b[2 * j + 1])
      sum += (dx * dx + dy * dy).squareRoot()
    }
  }
  return sum / Double(a.count / 2) / Double(b.count / 2)
}

/// ∫₀¹ (F_a⁻¹(u) − F_b⁻¹(u))² du evaluated piece by piece: the breakpoints i/n and j/m as
/// Doubles, each piece's quantiles read at its midpoint (F⁻¹(u) = s₍⌈un⌉₎).
func quantileIntegral(_ a: [Double], _ b: [Double]) -> Double {
  let sa = a.sorted()
  let sb = b.sorted()
  let n = Double(sa.count)
  let m = Double(sb.count)
  let breaks = Set((0...sa.count).map { Double($0) / n } + (0...sb.count).map { Double($0) / m })
    .sorted()
  var sum = 0.0
  for (lo, hi) in zip(breaks, breaks.dropFirst()) where hi - lo > 1e-12 {
    let u = (lo + hi) / 2
    let qa = sa[Int((u * n).rounded(.up)) - 1]
    let qb = sb[Int((u * m).rounded(.up)) - 1]
    sum += (hi - lo) * (qa - qb) * (qa - qb)
  }
  return sum
}

/// SW₂ written out: 256 directions πk/256, projections, quantile integral, root of the mean.
func directSlicedWasserstein(_ x: [Float], _ y: [Float]) -> Double {
  var total = 0.0
  for k in 0..<256 {
    let angle = Double.pi * Double(k) / 256
    let px = (0..<(x.count / 2)).map {
      cos(angle) * Double(x[2 * $0]) + sin(angle) * Double(x[2 * $0 + 1])
    }
    let py = (0..<(y.count / 2)).map {
      cos(angle) * Double(y[2 * $0]) + sin(angle) * Double(y[2 * $0 + 1])
    }
    total += quantileIntegral(px, py)
  }
  return (total / 256).squareRoot()
}

@Suite struct EnergyDistanceTests {
  /// A, B, C and D against the triple loop in Double. Both are Double sums of the same
  /// terms in a different order: relative 1e-12.
  @Test(arguments: [(37, 23), (1, 5), (16, 16), (40, 3)])
  func matchesBruteForce(sizes: (Int, Int)) {
    let x = uniformPoints(count: sizes.0, seed: 1)
    let y = uniformPoints(count: sizes.1, seed: 2).map { $0 * 0.7 + 0.3 }
    let a = bruteForceMeanDistance(x, y)
    let b = bruteForceMeanDistance(x, x)
    let c = bruteForceMeanDistance(y, y)
    #expect(isClose(EnergyDistance.meanCrossDistance(x, y), a, relative: 1e-12))
    #expect(isClose(EnergyDistance.meanWithinDistance(x), b, relative: 1e-12, absolute: 1e-15))
    #expect(isClose(EnergyDistance.meanWithinDistance(y), c, relative: 1e-12, absolute: 1e-15))
    let expected = (2 * a - b - c).squareRoot()
    #expect(isClose(EnergyDistance.between(x, y), expected, relative: 1e-10))
  }

  /// D(X, X) = 0 up to rounding: 2A − B − C ≈ 1e-16·A, whose root is below 1e-7.
  @Test func setWithItselfIsZero() {
    let x = uniformPoints(count: 301, seed: 4)
    #expect(EnergyDistance.between(x, x) < 1e-7)
  }

  /// Two single points at distance d: A = d, B = C = 0, so D = √(2d). (0,0)–(3,4): √10.
  @Test func twoSinglePoints() {
    #expect(isClose(EnergyDistance.between([0, 0], [3, 4]), 10.0.squareRoot(), relative: 1e-15))
  }
}

@Suite struct SlicedWassersteinTests {
  /// A set and its translate by δ: every projection moves by tₖ·δ, order is kept, so
  /// SW₂ = √(mean_k (tₖ·δ)²). Grid points and δ are dyadic, so x + δ is exact in Float;
  /// what remains is Double rounding of the projections: relative 1e-12.
  @Test func translateByDelta() {
    let x: [Float] = (0..<400).map { Float(($0 * 37) % 101) / 64 - 0.75 }
    let delta = SIMD2<Float>(0.375, -1.25)
    let y = x.enumerated().map { $0.element + ($0.offset.isMultiple(of: 2) ? delta.x : delta.y) }
    var meanSquare = 0.0
    for k in 0..<256 {
      let angle = Double.pi * Double(k) / 256
      let shift = cos(angle) * Double(delta.x) + sin(angle) * Double(delta.y)
      meanSquare += shift * shift / 256
    }
    #expect(isClose(SlicedWasserstein.between(x, y), meanSquare.squareRoot(), relative: 1e-12))
  }

  /// Equal and unequal sizes against projections and a quantile integral written out.
  /// Same terms summed in a different order: relative 1e-12.
  @Test(arguments: [(19, 19), (13, 7), (5, 12), (1, 4), (64, 48)])
  func matchesDirectQuantileComputation(sizes: (Int, Int)) {
    let x = uniformPoints(count: sizes.0, seed: 5)
    let y = uniformPoints(count: sizes.1, seed: 6).map { $0 * 1.3 - 0.2 }
    #expect(
      isClose(SlicedWasserstein.between(x, y), directSlicedWasserstein(x, y), relative: 1e-12))
  }

  /// Collinear points (on the x axis and on a slanted line) reverse their projected order
  /// as the direction passes the perpendicular, the worst case for re-sorting the previous
  /// order. Against the direct computation, relative 1e-12 as above.
  @Test func collinearPointsMatchDirectComputation() {
    var onAxis: [Float] = []
    for i in 0..<300 { onAxis += [Float(i) * 0.01 - 1.5, 0] }
    var slanted: [Float] = []
    for i in 0..<170 { slanted += [Float(i) * 0.02 - 1, Float(i) * 0.013 - 0.5] }
    #expect(
      isClose(
        SlicedWasserstein.between(onAxis, slanted), directSlicedWasserstein(onAxis, slanted),
        relative: 1e-12))
  }

  /// A hand case for the 1-D integral: a = {0, 1}, b = {0, 1, 2} differ by 1 on
  /// (1/3, 1/2] and on (2/3, 1], so W₂² = 1/6 + 1/3 = 1/2. Exact up to one rounding.
  @Test func unequalSizesByHand() {
    #expect(
      isClose(SlicedWasserstein.squaredWasserstein1D([1, 0], [2, 0, 1]), 0.5, relative: 1e-15))
    #expect(isClose(SlicedWasserstein.squaredWasserstein1D([3], [1, 2]), 2.5, relative: 1e-15))
  }

  /// The same set twice gives exactly 0 (identical projections pair up).
  @Test func setWithItselfIsZero() {
    let x = uniformPoints(count: 50, seed: 8)
    #expect(SlicedWasserstein.between(x, x) == 0)
  }
}

@Suite struct FieldErrorTests {
  /// a = ((1,0), (0,2)), b = ((0,0), (0,1)), w = (1, 3): Σw‖a−b‖² = 1 + 3 = 4, Σw = 4,
  /// Σw‖b‖² = 3, so RMS = 1 and relative = √(4/3). Exact up to one rounding.
  @Test func handMadeArrays() {
    let error = FieldError(model: [1, 0, 0, 2], reference: [0, 0, 0, 1], weights: [1.0, 3.0])
    #expect(isClose(error.weightedRMS, 1, relative: 1e-15))
    #expect(isClose(error.relative, (4.0 / 3).squareRoot(), relative: 1e-15))
  }

  /// Weights scale out of both figures; a zero weight hides any error at its probe.
  /// a − b = (3, 4) at the weighted probe: RMS 5, relative 5/‖(1, 0)‖ = 5.
  @Test func weightsScaleOutAndZeroWeightsHide() {
    let model: [Float] = [4, 4, 100, -100]
    let reference: [Float] = [1, 0, 0, 0]
    for scale in [1e-30, 1.0, 1e20] {
      let error = FieldError(model: model, reference: reference, weights: [scale, 0])
      #expect(isClose(error.weightedRMS, 5, relative: 1e-15))
      #expect(isClose(error.relative, 5, relative: 1e-15))
    }
    let float = FieldError(model: model, reference: reference, weights: [Float(2), 0])
    #expect(float.weightedRMS == 5)
  }

  /// Degenerate sums: no weight gives 0 and 0; a zero reference gives +∞ unless the fields agree.
  @Test func degenerateSums() {
    let none = FieldError(model: [1, 1], reference: [0, 0], weights: [0.0])
    #expect(none.weightedRMS == 0 && none.relative == 0)
    let zeroReference = FieldError(model: [1, 1], reference: [0, 0], weights: [1.0])
    #expect(zeroReference.relative == .infinity)
    let agree = FieldError(model: [0, 0], reference: [0, 0], weights: [1.0])
    #expect(agree.relative == 0 && agree.weightedRMS == 0)
    let empty = FieldError(model: [], reference: [], weights: [Double]())
    #expect(empty.weightedRMS == 0 && empty.relative == 0)
  }
}
