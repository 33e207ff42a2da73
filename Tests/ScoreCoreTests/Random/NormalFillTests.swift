// fillNormal against the standard normal law: distribution, moments, tails, pairs, reproducibility.

import Foundation
import ScoreCore
import Testing

@Suite struct NormalFillTests {
  /// 1,000,000 draws from seed 3, shared by the distribution tests.
  static let draws: [Float] = {
    var rng = SeededGenerator(seed: 3)
    var buffer = [Float](repeating: .nan, count: 1_000_000)
    buffer.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
    return buffer
  }()

  /// Φ(x) = ½·erfc(−x/√2).
  static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  /// Kolmogorov–Smirnov: sup |F_n − Φ| below 1.949/√n, the 0.1% critical value for n = 10⁶
  /// (a correct generator fails one seed in a thousand; this seed is fixed).
  @Test func kolmogorovSmirnov() {
    let sorted = Self.draws.map(Double.init).sorted()
    let n = Double(sorted.count)
    var statistic = 0.0
    for (index, x) in sorted.enumerated() {
      let cdf = Self.normalCDF(x)
      statistic = max(statistic, Double(index + 1) / n - cdf, cdf - Double(index) / n)
    }
    #expect(statistic < 1.949 / n.squareRoot(), "D = \(statistic)")
  }

  /// Mean 0, variance 1, skewness 0 and excess kurtosis 0, each within 5 standard errors
  /// (√(1/n), √(2/n), √(6/n), √(24/n)).
  @Test func moments() {
    let n = Double(Self.draws.count)
    var sums = (0.0, 0.0, 0.0, 0.0)
    for value in Self.draws {
      let x = Double(value)
      sums.0 += x
      sums.1 += x * x
      sums.2 += x * x * x
      sums.3 += x * x * x * x
    }
    let mean = sums.0 / n
    let variance = sums.1 / n - mean * mean
    #expect(abs(mean) < 5 * (1 / n).squareRoot())
    #expect(abs(variance - 1) < 5 * (2 / n).squareRoot())
    #expect(abs(sums.2 / n) < 5 * (6 / n).squareRoot())
    #expect(abs(sums.3 / n - 3) < 5 * (24 / n).squareRoot())
  }

  /// Counts beyond |z| = 2, 3, 4 and 5 within 5 binomial standard deviations of n·P(|Z| > t)
  /// (plus 3 for the rare 5σ tail, where the normal approximation is poor); nothing past the
  /// documented maximum √(66 ln 2).
  @Test func tails() {
    let n = Double(Self.draws.count)
    for threshold in [2.0, 3, 4, 5] {
      let p = erfc(threshold / 2.0.squareRoot())
      let count = Double(Self.draws.filter { abs(Double($0)) > threshold }.count)
      let allowance = 5 * (n * p * (1 - p)).squareRoot() + (threshold == 5 ? 3 : 0)
      #expect(abs(count - n * p) <= allowance, "beyond \(threshold): \(count) vs \(n * p)")
    }
    let largest = Self.draws.map { abs(Double($0)) }.max()!
    #expect(largest <= (66 * log(2.0)).squareRoot() + 1e-5)
    #expect(Self.draws.allSatisfy { $0.isFinite })
  }

  /// The two values of each Box–Muller pair (lane l of a block's cosines and sines) have
  /// r² = x² + y² ~ Exp(mean 2) and an angle uniform on the circle: the mean of r² within
  /// 5 standard errors (2/√m), the angle's KS distance below the 0.1% critical value, and the
  /// pair correlation and the neighbour correlation within 5/√m.
  @Test func pairsAreIndependentGaussians() {
    var radiiSquared: [Double] = []
    var angles: [Double] = []
    var pairProduct = 0.0
    var neighbourProduct = 0.0
    for block in stride(from: 0, to: Self.draws.count, by: 32) {
      for lane in 0..<16 {
        let x = Double(Self.draws[block + lane])
        let y = Double(Self.draws[block + 16 + lane])
        radiiSquared.append(x * x + y * y)
        angles.append(atan2(y, x))
        pairProduct += x * y
        if lane < 15 { neighbourProduct += x * Double(Self.draws[block + lane + 1]) }
      }
    }
    let m = Double(radiiSquared.count)
    #expect(abs(radiiSquared.reduce(0, +) / m - 2) < 5 * 2 / m.squareRoot())
    #expect(abs(pairProduct / m) < 5 / m.squareRoot())
    #expect(abs(neighbourProduct / (m * 15 / 16)) < 5 / (m * 15 / 16).squareRoot())
    let sorted = angles.sorted()
    var statistic = 0.0
    for (index, angle) in sorted.enumerated() {
      let cdf = (angle + Double.pi) / (2 * Double.pi)
      statistic = max(statistic, Double(index + 1) / m - cdf, cdf - Double(index) / m)
    }
    #expect(statistic < 1.949 / m.squareRoot(), "angle D = \(statistic)")
  }

  /// The same seed gives the same values; a shorter fill is the start of a longer one for every
  /// length around the 16- and 32-value block edges; a different seed gives other values.
  @Test func reproducibleAndPrefixConsistent() {
    func fill(seed: UInt64, count: Int) -> [Float] {
      var rng = SeededGenerator(seed: seed)
      var buffer = [Float](repeating: .nan, count: count)
      buffer.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
      return buffer
    }
    let long = fill(seed: 9, count: 100)
    #expect(long == fill(seed: 9, count: 100))
    for count in [0, 1, 2, 15, 16, 17, 31, 32, 33, 48, 64, 65, 99] {
      #expect(fill(seed: 9, count: count) == Array(long.prefix(count)), "count \(count)")
    }
    #expect(fill(seed: 10, count: 100) != long)
  }

  /// A fill draws the documented number of words: 16 per full block of 32, min(m, 16) for a last
  /// partial block of m, so the generator is left where a matching run of `next()` leaves it.
  @Test func drawsTheDocumentedNumberOfWords() {
    for (count, words) in [(1, 1), (16, 16), (17, 16), (32, 16), (33, 17), (70, 38)] {
      var filled = SeededGenerator(seed: 4)
      var buffer = [Float](repeating: 0, count: count)
      buffer.withUnsafeMutableBufferPointer { filled.fillNormal($0) }
      var stepped = SeededGenerator(seed: 4)
      for _ in 0..<words { _ = stepped.next() }
      #expect(filled.next() == stepped.next(), "count \(count)")
    }
  }
}
