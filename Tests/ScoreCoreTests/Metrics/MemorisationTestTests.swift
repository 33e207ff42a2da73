// The memorisation test and its two-nearest search against brute force in Double and hand cases.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct MemorisationTestTests {
  /// The two smallest distances from `query` to `points` by trying every point, in Double.
  static func bruteForce(_ query: SIMD2<Double>, _ points: [SIMD2<Double>]) -> (Double, Double) {
    var squared = points.map { point -> Double in
      let dx = point.x - query.x
      let dy = point.y - query.y
      return dx * dx + dy * dy
    }
    squared.sort()
    let first = squared.first ?? .infinity
    let second = squared.count > 1 ? squared[1] : .infinity
    return (first.squareRoot(), second.squareRoot())
  }

  /// `count` points: uniform in [−2, 2]², or clustered: a few centres, many points snapped to
  /// a 0.05 grid so that ties and exact duplicates are common.
  static func points(count: Int, clustered: Bool, seed: UInt64) -> [SIMD2<Double>] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
      if !clustered { return SIMD2(4 * rng.nextUniform() - 2, 4 * rng.nextUniform() - 2) }
      let centre = Double(rng.next(upperBound: UInt64(4))) - 1.5
      let point = SIMD2(centre + 0.1 * rng.nextNormal(), 0.1 * rng.nextNormal())
      return rng.nextUniform() < 0.5 ? (point / 0.05).rounded(.toNearestOrEven) * 0.05 : point
    }
  }

  /// The tree's two distances equal brute force exactly (both compute √(dx² + dy²) in Double,
  /// and the set of distances does not depend on the order points are visited), for sizes
  /// around the leaf size, uniform and clustered sets with duplicates; queries include
  /// training points themselves, points between clusters and far outside.
  @Test(arguments: [(1, false), (2, false), (9, true), (17, false), (100, true), (1_000, false), (3_000, true)])
  func twoNearestEqualsBruteForce(count: Int, clustered: Bool) {
    let training = Self.points(count: count, clustered: clustered, seed: UInt64(count))
    let search = TwoNearestSearch(points: training)
    var queries = Self.points(count: 300, clustered: clustered, seed: UInt64(count) + 1000)
    queries += training.prefix(50)
    queries += [SIMD2(40, -30), SIMD2(0, 0), SIMD2(-1e6, 1e6)]
    for query in queries {
      let tree = search.distances(to: query)
      let exact = Self.bruteForce(query, training)
      #expect(tree.nearest == exact.0 && tree.second == exact.1, "query \(query): \(tree) vs \(exact)")
    }
  }

  /// The memorised count equals a brute-force count of d₁ < d₂/3 over every pair, on sets where
  /// many samples lie near training points (perturbed copies) and many do not.
  @Test(arguments: [(2, false), (50, true), (500, false), (2_000, true)])
  func memorisedCountEqualsBruteForce(count: Int, clustered: Bool) {
    let training = Self.points(count: count, clustered: clustered, seed: 7 + UInt64(count))
    var rng = SeededGenerator(seed: 99)
    var samples = Self.points(count: 400, clustered: clustered, seed: 8 + UInt64(count))
    samples += (0..<400).map { index in
      training[index % training.count] + SIMD2(rng.nextNormal(), rng.nextNormal()) * 0.01
    }
    let test = MemorisationTest(trainingPoints: training)
    let expected = samples.filter { sample in
      let (nearest, second) = Self.bruteForce(sample, training)
      return second.isFinite && nearest < second / 3
    }.count
    #expect(test.memorisedCount(samples) == expected)
    #expect(expected > 0 && expected < samples.count, "the sets mix memorised and new samples")
    #expect(test.memorisedFraction(samples) == Double(expected) / Double(samples.count))
  }

  @Test func handCases() {
    let training: [SIMD2<Double>] = [SIMD2(0, 0), SIMD2(3, 0), SIMD2(0, 4)]
    let test = MemorisationTest(trainingPoints: training)
    // On a training point: d₁ = 0 < d₂/3 = 1.
    #expect(test.isMemorised(SIMD2(0, 0)))
    // d₁ = 0.9, d₂ = 2.1: 0.9 < 0.7 fails.
    #expect(!test.isMemorised(SIMD2(0.9, 0)))
    // d₁ = 0.5, d₂ = 2.5: 0.5 < 0.8333.
    #expect(test.isMemorised(SIMD2(0.5, 0)))
    // Exactly on the boundary, d₁ = 0.75, d₂ = 2.25: 0.75 < 0.75 is false.
    #expect(!test.isMemorised(SIMD2(0.75, 0)))
    // Halfway between two points: d₁ = d₂.
    #expect(!test.isMemorised(SIMD2(1.5, 0)))
    #expect(!test.isMemorised(SIMD2(.nan, 0)))
    #expect(!test.isMemorised(SIMD2(.infinity, 0)))
    #expect(test.memorisedFraction([]) == 0)
    #expect(test.memorisedFraction([SIMD2(0, 0), SIMD2(1.5, 0)]) == 0.5)
  }

  /// A duplicated training point gives d₁ = d₂ = 0 at itself: not memorised (0 < 0 is false).
  @Test func duplicatedTrainingPointIsNotMemorised() {
    let test = MemorisationTest(trainingPoints: [SIMD2(1, 1), SIMD2(1, 1), SIMD2(5, 5)])
    #expect(test.search.distances(to: SIMD2(1, 1)) == (0, 0))
    #expect(!test.isMemorised(SIMD2(1, 1)))
    #expect(test.isMemorised(SIMD2(5, 5)))
  }

  /// With fewer than two training points there is no d₂: nothing is memorised.
  @Test func fewerThanTwoTrainingPointsMemoriseNothing() {
    #expect(TwoNearestSearch(points: []).distances(to: SIMD2(0, 0)) == (.infinity, .infinity))
    let one = MemorisationTest(trainingPoints: [SIMD2(2, 3)])
    #expect(one.search.distances(to: SIMD2(2, 3)) == (0, .infinity))
    #expect(!one.isMemorised(SIMD2(2, 3)))
    #expect(MemorisationTest(trainingPoints: []).memorisedCount([SIMD2(0, 0)]) == 0)
  }
}
