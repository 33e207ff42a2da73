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
/// Projections, sorting and sums are in `Double`. Cost O(K·(n log n + m log m)) at worst;
/// for spread-out data each direction re-sorts the previous order in about O(n + n²/K)
/// (see `SortedProjections`). The buffers are allocated once per call.
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
    var first = SortedProjections(PointColumns(x))
    var second = SortedProjections(PointColumns(y))
    precondition(
      first.points.count > 0 && second.points.count > 0, "sliced Wasserstein needs non-empty sets")
    var total = 0.0
    for k in 0..<directions {
      let angle = Double.pi * Double(k) / Double(directions)
      let direction = SIMD2(cos(angle), sin(angle))
      first.project(along: direction)
      second.project(along: direction)
      total += squaredDistanceOfSorted(first.values, second.values)
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
}
