// The built-in toy 2-D data sets, drawn from a seeded generator the way their reference code draws them.

import Foundation

/// The classic toy 2-D distributions of the generative-modelling literature.
///
/// Each case follows a well-known reference generator (scikit-learn's `make_moons` and
/// `make_circles`, FFJORD's `toy_data.py`, WGAN-GP's 25 Gaussians) with the scale and noise
/// stated on the case. Every draw comes from the `SeededGenerator` passed in, so a seed fixes
/// the points; where the reference shuffles, the points are shuffled with the same generator.
/// The raw value is the name used on the command line (`--dataset 8gaussians`).
public enum BuiltinDataset: String, CaseIterable, Sendable {
  /// Two interleaving half circles (scikit-learn `make_moons`, noise 0.05).
  ///
  /// ⌊N/2⌋ points at t_i = π·i/(n−1) on the upper half circle (cos t, sin t), the other
  /// ⌈N/2⌉ on the lower one (1 − cos t, ½ − sin t), shuffled, then N(0, 0.05²) added to each
  /// coordinate. Noise-free points span x ∈ [−1, 2], y ∈ [−½, 1].
  case moons
  /// Two concentric circles (scikit-learn `make_circles(factor: 0.5, noise: 0.08)` scaled by 3,
  /// as in FFJORD).
  ///
  /// ⌊N/2⌋ points evenly spaced (angles 2πi/n, no repeated end point) on the circle of radius 3,
  /// the other ⌈N/2⌉ on radius 1.5, shuffled, then N(0, 0.24²) added to each coordinate.
  case circles
  /// Eight Gaussians on a circle of radius 2 at angles k·45°, k = 0 … 7, each with standard
  /// deviation 0.1 (the layout of `bench/data/8gaussians-*.csv`).
  ///
  /// Each point picks its centre 2(cos kπ/4, sin kπ/4) uniformly at random, then adds
  /// N(0, 0.1²) per coordinate. FFJORD's version has radius 4/1.414 and std 0.5/1.414; this
  /// one keeps the modes well separated so that mode weights are visible.
  case eightGaussians = "8gaussians"
  /// A 5 × 5 grid of Gaussians (WGAN-GP's toy set).
  ///
  /// Each point picks a centre (2i, 2j), i, j ∈ {−2, …, 2}, uniformly at random, adds
  /// N(0, 0.05²) per coordinate and the result is divided by 2.828: centres 0.707 apart on
  /// [−1.414, 1.414]², standard deviation 0.0177.
  case twentyFiveGaussians = "25gaussians"
  /// A swiss roll seen from its side (scikit-learn `make_swiss_roll(noise: 1)`, columns x and
  /// z, divided by 5 as in FFJORD).
  ///
  /// t = 1.5π(1 + 2u), u ~ U[0, 1); point = t(cos t, sin t)/5 + N(0, 0.2²) per coordinate.
  /// The noise-free curve has radius t/5 ∈ [0.94, 2.83].
  case swissroll
  /// A checkerboard (FFJORD): uniform on the 8 filled squares of a 4 × 4 board of side-2
  /// squares covering [−4, 4]².
  ///
  /// x = 2(4u₁ − 2); y = 2(u₂ − 2b + (⌊x/2⌋ mod 2)) with b ∈ {0, 1} a fair coin. The square
  /// [2i, 2i+2) × [2j, 2j+2) is filled exactly when i + j is even; no noise.
  case checkerboard
  /// Five curved arms (FFJORD's pinwheel).
  ///
  /// Point n has arm k = n mod 5 and features f = (1 + 0.3z₁, 0.1z₂) (radial std 0.3,
  /// tangential std 0.1); the angle is a = 2πk/5 + 0.25·exp(f₁) (rate 0.25) and the point is
  /// 2·(f₁ cos a + f₂ sin a, −f₁ sin a + f₂ cos a). The points are then shuffled.
  case pinwheel
  /// Two interleaved spirals (FFJORD's `2spirals`).
  ///
  /// n = √u·3π (1.5 turns); the first spiral is (−n cos n + ½u₁, n sin n + ½u₂), the second
  /// its negation, both divided by 3, then N(0, 0.1²) added per coordinate and shuffled. The
  /// first spiral holds ⌈N/2⌉ points.
  case spirals
  /// Four concentric rings (FFJORD's `rings`).
  ///
  /// Radii 3, 2.25, 1.5 and 0.75; ⌊N/4⌋ points evenly spaced on each of the three outer rings
  /// (angles 2πi/n, no repeated end point), the rest on the inner one, shuffled, then
  /// N(0, 0.08²) added per coordinate.
  case rings

  /// The built-in set whose command-line name is `name` (the raw value), or nil.
  public init?(name: String) {
    self.init(rawValue: name)
  }

  /// One line describing the set and its scale, for `scoreviz datasets`.
  public var summary: String {
    switch self {
    case .moons: "two interleaving half circles, noise 0.05"
    case .circles: "two concentric circles of radii 3 and 1.5, noise 0.24"
    case .eightGaussians: "8 Gaussians at radius 2, angles k·45°, std 0.1"
    case .twentyFiveGaussians: "5×5 grid of Gaussians 0.707 apart, std 0.0177"
    case .swissroll: "swiss roll t(cos t, sin t)/5 for t in [1.5π, 4.5π], noise 0.2"
    case .checkerboard: "uniform on 8 alternating 2×2 squares of [−4, 4]²"
    case .pinwheel: "5 curved arms, radial std 0.3, tangential std 0.1, scale 2"
    case .spirals: "two interleaved spirals of 1.5 turns, scale 1/3, noise 0.1"
    case .rings: "4 concentric rings of radii 0.75 to 3, noise 0.08"
    }
  }

  /// Draws `count` points of this set from `rng`.
  ///
  /// The same generator state always gives the same points. `count` must not be negative;
  /// 0 gives an empty array.
  /// - Parameters:
  ///   - count: the number of points returned.
  ///   - rng: the generator every random draw comes from.
  public func generate(count: Int, using rng: inout SeededGenerator) -> [SIMD2<Double>] {
    precondition(count >= 0, "count must not be negative")
    switch self {
    case .moons: return Self.moons(count: count, using: &rng)
    case .circles: return Self.circles(count: count, using: &rng)
    case .eightGaussians: return Self.eightGaussians(count: count, using: &rng)
    case .twentyFiveGaussians: return Self.twentyFiveGaussians(count: count, using: &rng)
    case .swissroll: return Self.swissroll(count: count, using: &rng)
    case .checkerboard: return Self.checkerboard(count: count, using: &rng)
    case .pinwheel: return Self.pinwheel(count: count, using: &rng)
    case .spirals: return Self.spirals(count: count, using: &rng)
    case .rings: return Self.rings(count: count, using: &rng)
    }
  }

  /// Draws `count` points and names them after this set.
  public func makeDataset(count: Int, using rng: inout SeededGenerator) -> Dataset {
    Dataset(name: rawValue, points: generate(count: count, using: &rng))
  }

  // MARK: - Generators

  /// `linspace(start, stop, n)` as numpy computes it, with or without the end point.
  private static func evenlySpaced(_ index: Int, of n: Int, over length: Double, includingEnd: Bool) -> Double {
    let intervals = includingEnd ? n - 1 : n
    return intervals > 0 ? length * Double(index) / Double(intervals) : 0
  }

  /// Fisher–Yates shuffle driven by `rng`, so that the order is fixed by the seed.
  private static func shuffle(_ points: inout [SIMD2<Double>], using rng: inout SeededGenerator) {
    var i = points.count - 1
    while i > 0 {
      let j = Int(rng.next(upperBound: UInt64(i + 1)))
      points.swapAt(i, j)
      i -= 1
    }
  }

  /// Adds N(0, std²) to each coordinate of every point.
  private static func addNoise(_ points: inout [SIMD2<Double>], std: Double, using rng: inout SeededGenerator) {
    for i in points.indices {
      let noise = SIMD2(rng.nextNormal(), rng.nextNormal())
      points[i] = points[i] + std * noise
    }
  }

  private static func moons(count: Int, using rng: inout SeededGenerator) -> [SIMD2<Double>] {
    let outer = count / 2
    let inner = count - outer
    var points: [SIMD2<Double>] = []
    points.reserveCapacity(count)
    for i in 0..<outer {
      let t = evenlySpaced(i, of: outer, over: .pi, includingEnd: true)
      points.append(SIMD2(cos(t), sin(t)))
    }
    for i in 0..<inner {
      let t = evenlySpaced(i, of: inner, over: .pi, includingEnd: true)
      points.append(SIMD2(1 - cos(t), 0.5 - sin(t)))
    }
    shuffle(&points, using: &rng)
    addNoise(&points, std: 0.05, using: &rng)
    return points
  }

  private static func circles(count: Int, using rng: inout SeededGenerator) -> [SIMD2<Double>] {
    let outer = count / 2
    let inner = count - outer
    var points: [SIMD2<Double>] = []
    points.reserveCapacity(count)
    for (ringCount, radius) in [(outer, 1.0), (inner, 0.5)] {
      for i in 0..<ringCount {
        let t = evenlySpaced(i, of: ringCount, over: 2 * .pi, includingEnd: false)
        points.append(radius * SIMD2(cos(t), sin(t)))
      }
    }
    shuffle(&points, using: &rng)
    addNoise(&points, std: 0.08, using: &rng)
    return points.map { 3 * $0 }
  }

  private static func eightGaussians(count: Int, using rng: inout SeededGenerator) -> [SIMD2<Double>] {
    (0..<count).map { _ in
      let angle = Double(rng.next(upperBound: UInt64(8))) * .pi / 4
      let noise = SIMD2(rng.nextNormal(), rng.nextNormal())
      return 2 * SIMD2(cos(angle), sin(angle)) + 0.1 * noise
    }
  }

  private static func twentyFiveGaussians(count: Int, using rng: inout SeededGenerator) -> [SIMD2<Double>] {
    (0..<count).map { _ in
      let centre = Int(rng.next(upperBound: UInt64(25)))
      let grid = SIMD2(Double(centre / 5 - 2), Double(centre % 5 - 2))
      let noise = SIMD2(rng.nextNormal(), rng.nextNormal())
      return (2 * grid + 0.05 * noise) / 2.828
    }
  }

  private static func swissroll(count: Int, using rng: inout SeededGenerator) -> [SIMD2<Double>] {
    (0..<count).map { _ in
      let t = 1.5 * .pi * (1 + 2 * rng.nextUniform())
      let noise = SIMD2(rng.nextNormal(), rng.nextNormal())
      return (t * SIMD2(cos(t), sin(t)) + noise) / 5
    }
  }

  private static func checkerboard(count: Int, using rng: inout SeededGenerator) -> [SIMD2<Double>] {
    (0..<count).map { _ in
      let x = 4 * rng.nextUniform() - 2
      let lowerRow = Double(rng.next() & 1)
      let cell = floor(x)
      let columnParity = cell - 2 * floor(cell / 2)
      let y = rng.nextUniform() - 2 * lowerRow + columnParity
      return 2 * SIMD2(x, y)
    }
  }

  private static func pinwheel(count: Int, using rng: inout SeededGenerator) -> [SIMD2<Double>] {
    var points = (0..<count).map { n -> SIMD2<Double> in
      let radial = 1 + 0.3 * rng.nextNormal()
      let tangential = 0.1 * rng.nextNormal()
      let angle = 2 * .pi * Double(n % 5) / 5 + 0.25 * exp(radial)
      let (c, s) = (cos(angle), sin(angle))
      return 2 * SIMD2(radial * c + tangential * s, -radial * s + tangential * c)
    }
    shuffle(&points, using: &rng)
    return points
  }

  private static func spirals(count: Int, using rng: inout SeededGenerator) -> [SIMD2<Double>] {
    let first = count - count / 2
    var points = (0..<count).map { n -> SIMD2<Double> in
      let t = rng.nextUniform().squareRoot() * 3 * .pi
      let jitter = 0.5 * SIMD2(rng.nextUniform(), rng.nextUniform())
      let arm = SIMD2(-cos(t) * t, sin(t) * t) + jitter
      return (n < first ? arm : -arm) / 3
    }
    addNoise(&points, std: 0.1, using: &rng)
    shuffle(&points, using: &rng)
    return points
  }

  private static func rings(count: Int, using rng: inout SeededGenerator) -> [SIMD2<Double>] {
    let outerCount = count / 4
    let ringCounts = [outerCount, outerCount, outerCount, count - 3 * outerCount]
    let radii = [3.0, 2.25, 1.5, 0.75]
    var points: [SIMD2<Double>] = []
    points.reserveCapacity(count)
    for (ringCount, radius) in zip(ringCounts, radii) {
      for i in 0..<ringCount {
        let t = evenlySpaced(i, of: ringCount, over: 2 * .pi, includingEnd: false)
        points.append(radius * SIMD2(cos(t), sin(t)))
      }
    }
    shuffle(&points, using: &rng)
    addNoise(&points, std: 0.08, using: &rng)
    return points
  }
}
