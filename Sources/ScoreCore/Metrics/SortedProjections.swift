// Sorted 1-D projections of a point set along a sequence of nearby directions.

/// The projections tᵢ·p of a point set, kept sorted as the direction t turns.
///
/// Consecutive directions of the sliced Wasserstein sum differ by π/K, so the sorted order
/// of one direction is nearly the sorted order of the next: only pairs whose connecting
/// line is within π/K of perpendicular to t swap (about 1/K of all pairs for spread-out
/// data). The projections are therefore recomputed in the previous order and finished by
/// insertion sort, which costs O(n + swaps). If the swaps exceed the cost of a full sort
/// (2·n·log₂n moves: the first direction, or collinear points lining up), the rest is sorted
/// from scratch, so the worst case stays O(n log n).
struct SortedProjections {
  let points: PointColumns
  /// The point indices in the current sorted order.
  var order: [Int32]
  /// The projections in the current sorted order, ascending.
  var values: [Double]
  /// (value, index) pairs for the full sort.
  var pairs: [(value: Double, index: Int32)]

  init(_ points: PointColumns) {
    self.points = points
    order = (0..<points.count).map(Int32.init)
    values = [Double](repeating: 0, count: points.count)
    pairs = [(value: Double, index: Int32)](repeating: (0, 0), count: points.count)
  }

  /// Projects every point onto `t` and sorts the projections ascending into `values`.
  mutating func project(along t: SIMD2<Double>) {
    let n = points.count
    points.xs.withUnsafeBufferPointer { xs in
      points.ys.withUnsafeBufferPointer { ys in
        order.withUnsafeBufferPointer { order in
          values.withUnsafeMutableBufferPointer { values in
            for i in 0..<n {
              let p = Int(order[i])
              values[i] = (xs[p] * t.x).addingProduct(ys[p], t.y)
            }
          }
        }
      }
    }
    if !insertionSort(budget: 2 * n * max(1, Int.bitWidth - n.leadingZeroBitCount)) {
      fullSort()
    }
  }

  /// Insertion sort of `values` carrying `order`; false when more than `budget` moves were
  /// needed (the arrays are then a partly sorted permutation, still consistent).
  mutating func insertionSort(budget: Int) -> Bool {
    let n = values.count
    var moves = 0
    return values.withUnsafeMutableBufferPointer { values in
      order.withUnsafeMutableBufferPointer { order in
        var i = 1
        while i < n {
          let value = values[i]
          let index = order[i]
          var j = i
          while j > 0 && values[j &- 1] > value {
            values[j] = values[j &- 1]
            order[j] = order[j &- 1]
            j &-= 1
          }
          values[j] = value
          order[j] = index
          moves &+= i &- j
          if moves > budget { return false }
          i &+= 1
        }
        return true
      }
    }
  }

  /// Sorts `values` and `order` together from scratch.
  mutating func fullSort() {
    for i in 0..<values.count { pairs[i] = (values[i], order[i]) }
    pairs.sort { $0.value < $1.value }
    for i in 0..<values.count {
      values[i] = pairs[i].value
      order[i] = pairs[i].index
    }
  }
}
