// The sliced Wasserstein-2 distance between two 2-D point sets, the `quality` workload's second metric.

import Foundation

/// Sliced Wasserstein-2 distance, WORKLOADS.md "Exact definitions".
///
/// SW₂(X, Y) = √( (1/K) Σₖ W₂²(tₖ·X, tₖ·Y) ), tₖ = (cos θₖ, sin θₖ), θₖ = πk/K,
/// k = 0 … K−1 (K = 256 by default), where W₂² of two 1-D empirical distributions is exact:
/// W₂²(a, b) = ∫₀¹ (F_a⁻¹(u) − F_b⁻¹(u))² du with the empirical quantile functions
/// F_a⁻¹(u) = a₍ᵢ₎ for u ∈ ((i−1)/n, i/n] (a₍ᵢ₎ the i-th smallest). Both are piecewise
/// constant, so the integral is a finite sum over the merged breakpoints i/n and j/m. For
/// equal sizes this is the mean of (a₍ᵢ₎ − b₍ᵢ₎)² (sort and pair).
///
/// Projections, sorting and sums are in `Double`. Cost O(K·(n log n + m log m)); the
/// projection buffers are allocated once per call.
public enum SlicedWasserstein {
  /// K in the reference definition.
  public static let referenceDirectionCount = 256

  /// SW₂ between interleaved point sets `x` and `y` (both non-empty).
  ///
  /// - Parameter directions: K ≥ 1, the number of equally spaced directions in [0, π).
  public static func between(
    _ x: [Float], _ y: [Float], directions: Int = referenceDirectionCount
  ) -> Double {
    precondition(directions >= 1, "sliced Wasserstein needs at least one direction")
    let first = PointColumns(x)
    let second = PointColumns(y)
    precondition(first.count > 0 && second.count > 0, "sliced Wasserstein needs non-empty sets")
    var projectedFirst = [Double](repeating: 0, count: first.count)
    var projectedSecond = [Double](repeating: 0, count: second.count)
    var total = 0.0
    for k in 0..<directions {
      let angle = Double.pi * Double(k) / Double(directions)
      let direction = SIMD2(cos(angle), sin(angle))
      project(first, along: direction, into: &projectedFirst)
      project(second, along: direction, into: &projectedSecond)
      projectedFirst.sort()
      projectedSecond.sort()
      total += squaredDistanceOfSorted(projectedFirst, projectedSecond)
    }
    return (total / Double(directions)).squareRoot()
  }

  /// The exact W₂² between two 1-D empirical distributions (both non-empty, any order).
  ///
  /// ∫₀¹ (F_a⁻¹(u) − F_b⁻¹(u))² du; see the type's notes.
  public static func squaredWasserstein1D(_ a: [Double], _ b: [Double]) -> Double {
    precondition(!a.isEmpty && !b.isEmpty, "W2 needs non-empty samples")
    return squaredDistanceOfSorted(a.sorted(), b.sorted())
  }

  /// ∫₀¹ (F_a⁻¹ − F_b⁻¹)² for sorted samples.
  ///
  /// The breakpoints i/n and j/m are compared as the integers i·m and j·n, so the pieces
  /// and their lengths are exact.
  static func squaredDistanceOfSorted(_ a: [Double], _ b: [Double]) -> Double {
    let n = a.count
    let m = b.count
    if n == m {
      var sum = 0.0
      for i in 0..<n {
        let d = a[i] - b[i]
        sum = sum.addingProduct(d, d)
      }
      return sum / Double(n)
    }
    var sum = 0.0
    var position = 0
    var i = 0
    var j = 0
    while i < n && j < m {
      let endA = (i + 1) * m
      let endB = (j + 1) * n
      let end = min(endA, endB)
      let d = a[i] - b[j]
      sum += Double(end - position) * d * d
      position = end
      if endA == end { i += 1 }
      if endB == end { j += 1 }
    }
    return sum / (Double(n) * Double(m))
  }

  /// tₖ·pᵢ for every point.
  static func project(_ points: PointColumns, along t: SIMD2<Double>, into out: inout [Double]) {
    points.xs.withUnsafeBufferPointer { xs in
      points.ys.withUnsafeBufferPointer { ys in
        out.withUnsafeMutableBufferPointer { o in
          for i in 0..<o.count { o[i] = (xs[i] * t.x).addingProduct(ys[i], t.y) }
        }
      }
    }
  }
}
