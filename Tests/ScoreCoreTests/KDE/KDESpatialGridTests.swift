// The cell-sorted exact score and log-density against a Double brute force over every point.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

/// log p_h(x) and ∇log p_h(x) over every point, anchored at the nearest point p* (found by a
/// plain scan): ‖dᵢ‖² − ‖D‖² = eᵢ·(eᵢ + 2D) with D = p* − x, eᵢ = xᵢ − p*, which is the same
/// algebra without the cancellation that makes ‖dᵢ‖² − minⱼ‖dⱼ‖² lose ~10⁻⁶ absolute at 10⁵
/// units. One `exp` per point, no skipping.
private func anchoredBruteForce(points: [SIMD2<Double>], bandwidth h: Double, at x: SIMD2<Double>)
  -> (logDensity: Double, score: SIMD2<Double>)
{
  let nearest = points.min { (($0 - x) * ($0 - x)).sum() < (($1 - x) * ($1 - x)).sum() }!
  let offset = nearest - x
  var sum = 0.0
  var weighted = SIMD2<Double>()
  for p in points {
    let e = p - nearest
    let excess = e.x * (e.x + 2 * offset.x) + e.y * (e.y + 2 * offset.y)
    let w = exp(-excess / (2 * h * h))
    sum += w
    weighted += w * e
  }
  let logDensity =
    log(sum) - (offset * offset).sum() / (2 * h * h) - log(Double(points.count))
    - log(2 * Double.pi * h * h)
  return (logDensity, (offset + weighted / sum) / (h * h))
}

/// ‖a − b‖ / ‖b‖, the bench's per-arrow error.
private func relativeError(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
  let difference = a - b
  return ((difference * difference).sum() / (b * b).sum()).squareRoot()
}

@Suite struct KDESpatialGridTests {
  /// Two clusters and a sparse ring, so that cells are dense, sparse and empty.
  static func clusteredPoints(count: Int, seed: UInt64) -> [SIMD2<Double>] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { i in
      switch i % 3 {
      case 0: SIMD2(-1 + 0.2 * rng.nextNormal(), 0.3 * rng.nextNormal())
      case 1: SIMD2(1.5 + 0.1 * rng.nextNormal(), 1 + 0.1 * rng.nextNormal())
      default:
        SIMD2(2 * cos(Double(i)), 2 * sin(Double(i))) + 0.05 * SIMD2(rng.nextNormal(), rng.nextNormal())
      }
    }
  }

  /// Queries inside the data, just outside it (a few h) and 10³, 10⁴, 10⁵ units away in
  /// several directions.
  static func queries(bandwidth h: Double, seed: UInt64) -> [SIMD2<Double>] {
    var rng = SeededGenerator(seed: seed)
    var result = (0..<40).map { _ in SIMD2(2 * rng.nextNormal(), 2 * rng.nextNormal()) }
    result += (0..<8).map { k in
      SIMD2(2.1, 0) + 3 * h * SIMD2(cos(Double(k)), sin(Double(k)))
    }
    for distance in [1e3, 1e4, 1e5] {
      result += stride(from: 0.3, to: 2 * Double.pi, by: 0.9).map { angle in
        distance * SIMD2(cos(angle), sin(angle))
      }
    }
    return result
  }

  /// 600 points, h from far below the spacing (the cells are capped at 4N, many points per
  /// cell's reach is a single point) through Scott-like values to far above the spread.
  /// Tolerance 1e-9 relative (the brief's bound); the skipped mass is < 2⁻⁵⁶ of the sum, so
  /// what is left is the two codes' rounding in different orders (~1e-13 measured).
  @Test(arguments: [1e-4, 0.01, 0.15, 0.6, 50.0])
  func scoresMatchBruteForce(bandwidth h: Double) {
    let points = Self.clusteredPoints(count: 600, seed: 21)
    let kde = GaussianKDE(points: points, bandwidth: h)
    let queries = Self.queries(bandwidth: h, seed: 4)
    let scores = kde.scores(at: queries)
    let evaluations = kde.evaluate(at: queries)
    for (index, query) in queries.enumerated() {
      let reference = anchoredBruteForce(points: points, bandwidth: h, at: query)
      #expect(relativeError(scores[index], reference.score) <= 1e-9, "query \(query)")
      #expect(evaluations[index].score == scores[index])
      // 1e-12 relative on log p (at least 1e-12 absolute): a few roundings of log(S) and κ‖D‖².
      #expect(
        isClose(
          evaluations[index].logDensity, reference.logDensity, relative: 1e-12, absolute: 1e-12))
    }
  }

  /// Duplicated points (every point 5 times, and 200 copies of one point) change nothing in
  /// the method: same checks and tolerance as above.
  @Test func duplicatePoints() {
    let base = Self.clusteredPoints(count: 100, seed: 8)
    let points = base.flatMap { Array(repeating: $0, count: 5) } + Array(repeating: SIMD2(0.5, 0.5), count: 200)
    for h in [0.003, 0.2] {
      let kde = GaussianKDE(points: points, bandwidth: h)
      let queries = Self.queries(bandwidth: h, seed: 5) + [SIMD2(0.5, 0.5), base[3]]
      let scores = kde.scores(at: queries)
      for (index, query) in queries.enumerated() {
        let reference = anchoredBruteForce(points: points, bandwidth: h, at: query)
        // A query exactly on a point of a tight cluster can have score 0: then compare absolutely.
        let size = (reference.score * reference.score).sum().squareRoot()
        let error = ((scores[index] - reference.score) * (scores[index] - reference.score)).sum()
          .squareRoot()
        #expect(error <= 1e-9 * max(size, 1 / h), "query \(query), h \(h)")
      }
    }
  }

  /// N = 1: the score is −(x − μ)/h² exactly, also 10⁵ units away; N = 2 against the brute
  /// force, including the midpoint (score 0 by symmetry, compared absolutely at 1e-9/h).
  @Test(arguments: [0.01, 1.0, 300.0])
  func oneAndTwoPoints(bandwidth h: Double) {
    let mean = SIMD2(0.3, -1.2)
    let single = GaussianKDE(points: [mean], bandwidth: h)
    let queries = Self.queries(bandwidth: h, seed: 6) + [mean]
    for (query, score) in zip(queries, single.scores(at: queries)) {
      let expected = -(query - mean) / (h * h)
      let size = (expected * expected).sum().squareRoot()
      let error = ((score - expected) * (score - expected)).sum().squareRoot()
      // 1e-12: D = μ − x is the whole score, one rounding of the division.
      #expect(error <= 1e-12 * max(size, 1 / h))
    }
    let pair = [SIMD2(-0.5, 0.25), SIMD2(0.75, -0.1)]
    let two = GaussianKDE(points: pair, bandwidth: h)
    let pairQueries = queries + [(pair[0] + pair[1]) / 2]
    for (query, score) in zip(pairQueries, two.scores(at: pairQueries)) {
      let reference = anchoredBruteForce(points: pair, bandwidth: h, at: query).score
      let size = (reference * reference).sum().squareRoot()
      let error = ((score - reference) * (score - reference)).sum().squareRoot()
      #expect(error <= 1e-9 * max(size, 1 / h))
    }
  }

  /// On moons-10k at Scott's h over the WORKLOADS.md arrow box (the bench's case), every
  /// arrow against the brute force. Tolerance 1e-9 relative, as above.
  @Test func moonsArrows() throws {
    let points = try PointFileReader.read(path: sharedDataPath("moons-10k.csv")).points
    let h = BandwidthRule.scott.bandwidth(for: points)
    let box = PlotBox.bounding(points, padding: 3 * h)
    let arrows = box.cellCentres(columns: 60, rows: 20)
    let scores = GaussianKDE(points: points, bandwidth: h).scores(at: arrows)
    var worst = 0.0
    for index in stride(from: 0, to: arrows.count, by: 7) {
      let reference = anchoredBruteForce(points: points, bandwidth: h, at: arrows[index])
      worst = max(worst, relativeError(scores[index], reference.score))
    }
    #expect(worst <= 1e-9)
  }
}
