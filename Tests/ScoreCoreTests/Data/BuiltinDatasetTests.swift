// Each built-in toy set is checked against its written definition: centres, radii, curves, noise and counts.

import Foundation
import ScoreCore
import Testing

@Suite struct BuiltinDatasetTests {
  /// Points drawn with seed 2024.
  func draw(_ set: BuiltinDataset, count: Int = 4000, seed: UInt64 = 2024) -> [SIMD2<Double>] {
    var rng = SeededGenerator(seed: seed)
    return set.generate(count: count, using: &rng)
  }

  func norm(_ v: SIMD2<Double>) -> Double { (v * v).sum().squareRoot() }

  @Test func namesAreTheCommandLineNames() {
    #expect(
      BuiltinDataset.allCases.map(\.rawValue) == [
        "moons", "circles", "8gaussians", "25gaussians", "swissroll", "checkerboard", "pinwheel",
        "spirals", "rings",
      ])
    for set in BuiltinDataset.allCases {
      #expect(BuiltinDataset(name: set.rawValue) == set)
      #expect(!set.summary.isEmpty && !set.summary.contains("\n"))
    }
    #expect(BuiltinDataset(name: "Moons") == nil)
    #expect(BuiltinDataset(name: "2spirals") == nil)
    #expect(BuiltinDataset.moons.summary == "two interleaving half circles, noise 0.05")
  }

  @Test(arguments: BuiltinDataset.allCases)
  func deterministicPerSeedAndCountHonoured(set: BuiltinDataset) {
    #expect(draw(set, count: 500, seed: 1) == draw(set, count: 500, seed: 1))
    #expect(draw(set, count: 500, seed: 1) != draw(set, count: 500, seed: 2))
    for count in [0, 1, 2, 3, 7, 25, 1001] {
      #expect(draw(set, count: count).count == count)
    }
    #expect(draw(set).allSatisfy { $0.x.isFinite && $0.y.isFinite })
    var rng = SeededGenerator(seed: 5)
    let dataset = set.makeDataset(count: 10, using: &rng)
    #expect(dataset.name == set.rawValue)
    #expect(dataset.points.count == 10)
  }

  /// Distance from `p` to the arc centre + (cos t, sin t)·radius for t in [from, from + π].
  func distanceToHalfCircle(_ p: SIMD2<Double>, centre: SIMD2<Double>, upper: Bool) -> Double {
    let d = p - centre
    let onArcSide = upper ? d.y >= 0 : d.y <= 0
    if onArcSide { return abs(norm(d) - 1) }
    return min(norm(d - SIMD2(1, 0)), norm(d + SIMD2(1, 0)))
  }

  /// Moons: every point within 5σ (0.25) of its half circle, the radial residual has standard
  /// deviation 0.05 within 6% (4000 points give a 1.1% standard error, plus a small curvature
  /// bias), and the halves hold 2000 points each up to the few that noise moves across.
  @Test func moonsLieOnTheirHalfCircles() {
    let points = draw(.moons)
    var squares = 0.0
    var upperCount = 0
    for p in points {
      let upper = distanceToHalfCircle(p, centre: .zero, upper: true)
      let lower = distanceToHalfCircle(p, centre: SIMD2(1, 0.5), upper: false)
      let distance = min(upper, lower)
      #expect(distance < 0.25)
      squares += distance * distance
      if upper < lower { upperCount += 1 }
    }
    let rms = (squares / Double(points.count)).squareRoot()
    #expect(abs(rms - 0.05) < 0.003)
    #expect(abs(upperCount - 2000) <= 5)
    #expect(points.map(\.x).min()! < -0.9 && points.map(\.x).max()! > 1.9)
  }

  /// 8 Gaussians: assigned to the nearest centre 2(cos kπ/4, sin kπ/4), each cluster's mean is
  /// within 4 standard errors (4·0.1/√n_k) of its centre, its per-axis std within 10% of 0.1
  /// (about 4 standard errors at n_k ≈ 500), and its size within 5 binomial standard
  /// deviations of N/8.
  @Test func eightGaussiansAtRadiusTwoAndAnglesOf45Degrees() {
    let points = draw(.eightGaussians)
    let centres = (0..<8).map { k in 2 * SIMD2(cos(Double(k) * .pi / 4), sin(Double(k) * .pi / 4)) }
    var members = [[SIMD2<Double>]](repeating: [], count: 8)
    for p in points {
      let k = centres.indices.min { norm(p - centres[$0]) < norm(p - centres[$1]) }!
      members[k].append(p)
    }
    let n = Double(points.count)
    for k in 0..<8 {
      let cluster = members[k]
      let size = Double(cluster.count)
      #expect(abs(size - n / 8) < 5 * (n * (1.0 / 8) * (7.0 / 8)).squareRoot())
      let mean = cluster.reduce(.zero, +) / size
      #expect(norm(mean - centres[k]) < 4 * 0.1 / size.squareRoot() * 2.squareRoot())
      let variance = cluster.reduce(SIMD2<Double>.zero) { $0 + ($1 - mean) * ($1 - mean) } / (size - 1)
      #expect(abs(variance.x.squareRoot() - 0.1) < 0.01)
      #expect(abs(variance.y.squareRoot() - 0.1) < 0.01)
    }
  }

  /// 25 Gaussians: nearest grid centre (2i, 2j)/2.828; every centre used; residual std
  /// 0.05/2.828 within 5% (standard error 1.1% for 4000 points per axis).
  @Test func twentyFiveGaussiansOnAGrid() {
    let points = draw(.twentyFiveGaussians)
    var used = Set<Int>()
    var squares = 0.0
    for p in points {
      let cell = (p * 2.828 / 2).rounded(.toNearestOrEven)
      #expect(abs(cell.x) <= 2 && abs(cell.y) <= 2)
      used.insert(Int(cell.x) * 5 + Int(cell.y))
      let residual = p - 2 * cell / 2.828
      squares += (residual * residual).sum()
    }
    #expect(used.count == 25)
    let std = (squares / Double(2 * points.count)).squareRoot()
    #expect(abs(std - 0.05 / 2.828) < 0.05 * 0.05 / 2.828)
  }

  /// Circles: radii 3 and 1.5, radial residual RMS 0.24 within 5%, each ring about half the
  /// points (noise moves a point across the midway radius 2.25 with probability ≈ 1e-3), and
  /// each ring's mean radius within 5 standard errors (0.24/√2000) of R + σ²/(2R), the mean
  /// distance from the centre of a noisy point on a circle of radius R.
  @Test func circlesRadii() {
    let points = draw(.circles)
    var squares = 0.0
    var sums: [Double: (total: Double, count: Int)] = [3: (0, 0), 1.5: (0, 0)]
    for p in points {
      let r = norm(p)
      let ring = r > 2.25 ? 3.0 : 1.5
      sums[ring]!.total += r
      sums[ring]!.count += 1
      squares += (r - ring) * (r - ring)
    }
    #expect(abs(sums[3]!.count - 2000) <= 20)
    #expect(abs((squares / Double(points.count)).squareRoot() - 0.24) < 0.012)
    for (radius, sum) in sums {
      let expected = radius + 0.24 * 0.24 / (2 * radius)
      #expect(abs(sum.total / Double(sum.count) - expected) < 5 * 0.24 / 2000.0.squareRoot())
    }
  }

  /// Rings: radii 3, 2.25, 1.5, 0.75; noise 0.08 is 4.7σ short of the midway radii, so each
  /// ring holds N/4 points up to a handful; residual RMS 0.08 within 5%; each ring's mean
  /// radius within 5 standard errors (0.08/√1000) of R + σ²/(2R).
  @Test func ringsRadii() {
    let points = draw(.rings)
    let radii = [3.0, 2.25, 1.5, 0.75]
    var counts = [0, 0, 0, 0]
    var totals = [0.0, 0, 0, 0]
    var squares = 0.0
    for p in points {
      let r = norm(p)
      let k = radii.indices.min { abs(r - radii[$0]) < abs(r - radii[$1]) }!
      counts[k] += 1
      totals[k] += r
      squares += (r - radii[k]) * (r - radii[k])
    }
    for count in counts { #expect(abs(count - 1000) <= 3) }
    #expect(abs((squares / Double(points.count)).squareRoot() - 0.08) < 0.004)
    for k in radii.indices {
      let expected = radii[k] + 0.08 * 0.08 / (2 * radii[k])
      #expect(abs(totals[k] / Double(counts[k]) - expected) < 5 * 0.08 / 1000.0.squareRoot())
    }
  }

  /// Checkerboard: inside [−4, 4]², only squares with i + j even, 8 of them, each with about
  /// N/8 points (5 binomial standard deviations), uniform inside (mean position in the square
  /// within 5 standard errors of the centre; U[0,2) has std 2/√12).
  @Test func checkerboardSquaresAlternate() {
    let points = draw(.checkerboard)
    var counts: [SIMD2<Int>: Int] = [:]
    var offsets = SIMD2<Double>.zero
    for p in points {
      #expect(p.x >= -4 && p.x < 4 && p.y >= -4 && p.y < 4)
      let cell = SIMD2(Int(floor(p.x / 2)), Int(floor(p.y / 2)))
      #expect((cell.x + cell.y) % 2 == 0)
      counts[cell, default: 0] += 1
      offsets += p - 2 * SIMD2(Double(cell.x), Double(cell.y))
    }
    #expect(counts.count == 8)
    let n = Double(points.count)
    for count in counts.values {
      #expect(abs(Double(count) - n / 8) < 5 * (n * (1.0 / 8) * (7.0 / 8)).squareRoot())
    }
    let meanOffset = offsets / n
    #expect(norm(meanOffset - SIMD2(1, 1)) < 5 * (2 / 12.0.squareRoot()) / n.squareRoot())
  }

  /// Swiss roll: scaled by 5, every point is near the curve t(cos t, sin t), t ∈ [1.5π, 4.5π];
  /// with unit noise the mean squared distance to the curve is about 1 (the normal component
  /// of the noise), far from 0 (no noise) and from 4 (noise twice as large).
  @Test func swissrollFollowsItsCurve() {
    let points = draw(.swissroll, count: 1000)
    let curve = (0...6000).map { i -> SIMD2<Double> in
      let t = 1.5 * .pi + 3 * .pi * Double(i) / 6000
      return t * SIMD2(cos(t), sin(t))
    }
    var squares = 0.0
    for p in points {
      let q = 5 * p
      let distance = curve.lazy.map { self.norm(q - $0) }.min()!
      squares += distance * distance
      #expect(distance < 5)
    }
    let meanSquare = squares / Double(points.count)
    #expect(meanSquare > 0.7 && meanSquare < 1.3)
  }

  /// Pinwheel: E‖x/2‖² = E f₁² + E f₂² = 1 + 0.3² + 0.1² = 1.1 (within 5 standard errors), and
  /// each point's polar angle φ matches an arm, φ ≈ −(2πk/5 + 0.25·exp(‖x‖/2)) mod 2π, within
  /// 0.35 rad (the tangential noise 0.1/f₁ is ≈ 0.1 rad) for at least 95% of the points, with
  /// the arms holding N/5 points each up to the few that land nearer another arm.
  @Test func pinwheelArms() {
    let points = draw(.pinwheel)
    let radiiSquared = points.map { (($0 / 2) * ($0 / 2)).sum() }
    let n = Double(points.count)
    let mean = radiiSquared.reduce(0, +) / n
    let variance = radiiSquared.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    #expect(abs(mean - 1.1) < 5 * (variance / n).squareRoot())
    var near = 0
    var arms = [Int](repeating: 0, count: 5)
    for p in points {
      let phi = atan2(p.y, p.x)
      let sweep = 0.25 * exp(norm(p) / 2)
      let residuals = (0..<5).map { k -> Double in
        let predicted = -(2 * .pi * Double(k) / 5 + sweep)
        return abs(remainder(phi - predicted, 2 * .pi))
      }
      let best = residuals.indices.min { residuals[$0] < residuals[$1] }!
      arms[best] += 1
      if residuals[best] < 0.35 { near += 1 }
    }
    #expect(Double(near) > 0.95 * n)
    for count in arms { #expect(abs(count - 800) < 80) }
  }

  /// Spirals: scaled by 3, each point (or its negation) is near n(−cos n, sin n) + (¼, ¼),
  /// n ∈ [0, 3π], the curve plus the mean of the uniform jitter; the mean distance stays below
  /// 0.45 (jitter ≤ 0.35 and noise 0.3 give ≈ 0.3; points placed without regard to the
  /// curve give ≈ 0.8), and the two spirals hold N/2 points each up to a few.
  @Test func spiralsFollowTheirCurves() {
    let points = draw(.spirals, count: 1000)
    let curve = (0...4000).map { i -> SIMD2<Double> in
      let t = 3 * .pi * Double(i) / 4000
      return SIMD2(-cos(t) * t, sin(t) * t) + SIMD2(0.25, 0.25)
    }
    var total = 0.0
    var first = 0
    for p in points {
      let q = 3 * p
      let toFirst = curve.lazy.map { self.norm(q - $0) }.min()!
      let toSecond = curve.lazy.map { self.norm(-q - $0) }.min()!
      total += min(toFirst, toSecond)
      if toFirst < toSecond { first += 1 }
    }
    #expect(total / Double(points.count) < 0.45)
    #expect(abs(first - 500) < 25)
  }
}
