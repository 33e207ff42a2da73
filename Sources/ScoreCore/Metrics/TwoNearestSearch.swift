// The two nearest of a fixed set of 2-D points to any query, by a k-d tree.

/// Distances from a query to its nearest and second-nearest point of a fixed set, the
/// memorisation test's search (MATH.md §7).
///
/// A 2-D k-d tree (Bentley 1975): the points are reordered so that every range [lo, hi) of
/// more than `leafSize` points is split at its middle index by the coordinate of the wider
/// side of its bounding box, the lower half no greater and the upper half (from the middle
/// point on) no smaller on that axis than the split value, the middle point's coordinate,
/// which is kept (splitting the upper half moves that point within it). A query descends to the near half first and visits the
/// far half only when the splitting line is closer than the second-best distance so far.
/// Building is O(N log N) (quickselect at each level); a query is O(log N) for points
/// spread in the plane, so M queries cost O((N + M) log N) in all. Distances are Euclidean,
/// in Double, computed exactly as a brute-force loop would compute them
/// (√(dx² + dy²) with dx, dy the coordinate differences).
///
/// Points are counted with multiplicity: two training points at the same place are two
/// neighbours, both at the same distance. Missing neighbours (fewer than two points) are at
/// infinity; a query with a NaN or infinite coordinate gets infinity for both.
///
/// ```
/// let search = TwoNearestSearch(points: training)
/// let (nearest, second) = search.distances(to: SIMD2(0.5, -0.2))
/// ```
public struct TwoNearestSearch: Sendable {
  /// Ranges at most this long are scanned point by point.
  static let leafSize = 8

  /// The x and y coordinates in tree order.
  private let xs: [Double]
  private let ys: [Double]
  /// For the range whose middle index is i, whether it splits on y (`true`) or x.
  private let splitsOnY: [Bool]
  /// For the range whose middle index is i, the coordinate it splits at.
  private let splitValues: [Double]

  /// The number of points searched.
  public var count: Int { xs.count }

  /// A search over `points`.
  ///
  /// - Precondition: every coordinate is finite.
  public init(points: [SIMD2<Double>]) {
    precondition(points.allSatisfy { $0.x.isFinite && $0.y.isFinite }, "the points must be finite")
    var order = Array(points.indices)
    var axes = [Bool](repeating: false, count: points.count)
    var splits = [Double](repeating: 0, count: points.count)
    points.withUnsafeBufferPointer { source in
      order.withUnsafeMutableBufferPointer { indices in
        Self.build(source, indices, 0, points.count, &axes, &splits)
      }
    }
    xs = order.map { points[$0].x }
    ys = order.map { points[$0].y }
    splitsOnY = axes
    splitValues = splits
  }

  /// Splits [lo, hi) of `indices` at its middle on the wider axis and recurses on both halves.
  private static func build(
    _ points: UnsafeBufferPointer<SIMD2<Double>>, _ indices: UnsafeMutableBufferPointer<Int>,
    _ lo: Int, _ hi: Int, _ axes: inout [Bool], _ splits: inout [Double]
  ) {
    guard hi - lo > leafSize else { return }
    var low = points[indices[lo]]
    var high = low
    for index in lo..<hi {
      let point = points[indices[index]]
      low = pointwiseMin(low, point)
      high = pointwiseMax(high, point)
    }
    let onY = high.y - low.y > high.x - low.x
    let middle = (lo + hi) / 2
    axes[middle] = onY
    select(points, indices, lo, hi, middle, onY)
    let split = points[indices[middle]]
    splits[middle] = onY ? split.y : split.x
    build(points, indices, lo, middle, &axes, &splits)
    build(points, indices, middle, hi, &axes, &splits)
  }

  /// Reorders [lo, hi) so that position `k` holds the point that sorting by the axis would put
  /// there, those before it no greater and those after it no smaller (Hoare's quickselect,
  /// median-of-three pivots).
  private static func select(
    _ points: UnsafeBufferPointer<SIMD2<Double>>, _ indices: UnsafeMutableBufferPointer<Int>,
    _ lo: Int, _ hi: Int, _ k: Int, _ onY: Bool
  ) {
    func key(_ position: Int) -> Double {
      let point = points[indices[position]]
      return onY ? point.y : point.x
    }
    var left = lo
    var right = hi - 1
    while right > left {
      let middle = left + (right - left) / 2
      if key(middle) < key(left) { indices.swapAt(middle, left) }
      if key(right) < key(left) { indices.swapAt(right, left) }
      if key(right) < key(middle) { indices.swapAt(right, middle) }
      let pivot = key(middle)
      var i = left
      var j = right
      while i <= j {
        while key(i) < pivot { i += 1 }
        while key(j) > pivot { j -= 1 }
        if i <= j {
          indices.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      // Now [left, j] ≤ pivot, [i, right] ≥ pivot and anything between equals it.
      if k <= j {
        right = j
      } else if k >= i {
        left = i
      } else {
        return
      }
    }
  }

  /// The distances from `query` to its nearest and second-nearest point (infinity where
  /// there is no such point, or the query is not finite).
  public func distances(to query: SIMD2<Double>) -> (nearest: Double, second: Double) {
    guard query.x.isFinite && query.y.isFinite else { return (.infinity, .infinity) }
    var best = (Double.infinity, Double.infinity)
    xs.withUnsafeBufferPointer { x in
      ys.withUnsafeBufferPointer { y in
        splitsOnY.withUnsafeBufferPointer { axes in
          splitValues.withUnsafeBufferPointer { splits in
            Self.search(x, y, axes, splits, 0, x.count, query, &best)
          }
        }
      }
    }
    return (best.0.squareRoot(), best.1.squareRoot())
  }

  /// Updates the two smallest squared distances `best` with the points of [lo, hi).
  private static func search(
    _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ axes: UnsafeBufferPointer<Bool>,
    _ splits: UnsafeBufferPointer<Double>, _ lo: Int, _ hi: Int, _ query: SIMD2<Double>,
    _ best: inout (Double, Double)
  ) {
    if hi - lo <= leafSize {
      for index in lo..<hi {
        let dx = x[index] - query.x
        let dy = y[index] - query.y
        let squared = dx * dx + dy * dy
        if squared < best.0 {
          best = (squared, best.0)
        } else if squared < best.1 {
          best.1 = squared
        }
      }
      return
    }
    let middle = (lo + hi) / 2
    let offset = (axes[middle] ? query.y : query.x) - splits[middle]
    if offset < 0 {
      search(x, y, axes, splits, lo, middle, query, &best)
      if offset * offset < best.1 { search(x, y, axes, splits, middle, hi, query, &best) }
    } else {
      search(x, y, axes, splits, middle, hi, query, &best)
      if offset * offset < best.1 { search(x, y, axes, splits, lo, middle, query, &best) }
    }
  }
}
