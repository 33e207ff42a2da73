// A KDE's points sorted into square cells, so that an exact sum visits only the cells that matter.

import Foundation

/// The points of a Gaussian KDE sorted into square cells of side about h/2, for exact
/// log-sum-exp sums that skip the points too far away to change them.
///
/// **Anchored sums.** For a query x let p* be the point nearest to it, D = p* − x and, for every
/// point, eᵢ = xᵢ − p*, so dᵢ = xᵢ − x = eᵢ + D and
/// uᵢ = ‖dᵢ‖² − ‖D‖² = eᵢ·(eᵢ + 2D) = (xᵢ − p*)·(xᵢ − (2x − p*)) ≥ 0.
/// With κ = 1/(2h²), wᵢ = exp(−κuᵢ) (the nearest point's term is exactly 1),
/// S = Σ wᵢ and E = Σ wᵢeᵢ:
/// log p_h(x) = log S − κ‖D‖² − log N − log(2πh²) and ∇log p_h(x) = (D + E/S)/h².
/// uᵢ is computed without the cancellation of ‖dᵢ‖² − ‖D‖², so 10⁵ units from the data the
/// exponents keep ~10⁻⁹ absolute accuracy instead of ~10⁻⁶·κ.
///
/// **Which points are visited.** First p*: rings of cells around the query's cell (clamped
/// into the grid) until the nearest point found is no farther than every unvisited cell's box.
/// Then the rows of cells in order of their distance from x, each row's cells within the
/// reach R, R² = ‖D‖² + (L − ln max(S, 1))/κ with L = ln N + 56 ln 2 and S the sum so far:
/// the cells of one row that a disc reaches are contiguous, and so are their points, so each
/// row is one run of vector loads. (The code works in coordinates scaled by √(κ·log₂ e), where
/// wᵢ = 2^(−uᵢ) and the logarithms are base 2, and takes ⌊log₂ S⌋ for log₂ S.)
///
/// **Error bound.** A point that is skipped lies in a cell farther than the reach at the time,
/// so uᵢ > (L − ln max(S_t, 1))/κ and wᵢ < e^(−L)·max(S_t, 1) ≤ 2⁻⁵⁶·S/N, where S ≥ S_t and
/// S ≥ 1 (the nearest point's term is 1) are final sums. The at most N skipped terms add less
/// than 2⁻⁵⁶·S ≈ 1.4·10⁻¹⁷·S: the density's relative error from skipping is below 1.4·10⁻¹⁷.
/// For the score, ‖dᵢ‖·exp(−κ(‖dᵢ‖² − ‖D‖²)) decreases in ‖dᵢ‖ beyond h and, as S ≤ N, every
/// skipped point is farther than h·√(2·56 ln 2) > 8h, so the skipped Σ wᵢdᵢ is below 2⁻⁵⁶·S·R and the
/// score moves by at most 2⁻⁵⁶·(R/h² + ‖∇log p_h‖), R the largest reach (≈ ‖D‖ + 10h): relative
/// to the score that is ≤ 10⁻⁶ unless ‖∇log p_h‖ < 1.4·10⁻¹¹·R/h², where the rounding of the
/// sums themselves (≈ 10⁻¹⁶·R/h² per term) is already larger. So the skipped mass is below
/// the Double rounding of the sums and the result is exact to rounding (bench: ≤ 2·10⁻¹³
/// against a plain Double reference at all 1,200 arrows). Rounding the box distances moves R²
/// by ~10⁻¹⁶·R², which changes L by less than 10⁻⁴ even 10⁵ units away.
///
/// **Cost.** O(N) to build (a counting sort); per query, the points within R of x (at Scott's
/// h about 10h, a third to a half of moons-10k and -100k for the arrow box) plus the rings
/// up to the nearest point. A query far outside the data may scan many cells for its nearest
/// point (cheap passes without exponentials) but sums only the thin lens of points within R.
struct KDESpatialGrid {
  /// Coordinates are stored times this σ = √(log₂e/(2h²)), so that the weight of a point is
  /// 2^(−uᵢ) with uᵢ in scaled units: one multiplication less per point.
  let scale: Double
  /// The lower-left corner of cell (0, 0), scaled.
  let origin: SIMD2<Double>
  /// The side of a cell, scaled: h/2 unless that would make more than 4N + 16 cells.
  let cellSize: Double
  /// Cells across and up.
  let columns: Int
  let rows: Int
  /// Scaled coordinates sorted by cell, cells row by row from the bottom, each row left to
  /// right, followed by eight zeros so that the last vector load of a run may pass its end.
  let xs: [Double]
  let ys: [Double]
  /// The points of cell `row·columns + column` are at `cellStarts[cell]..<cellStarts[cell + 1]`.
  let cellStarts: [Int]
  /// log₂ N + k (k = 56 by default), the scaled L: points with uᵢ above it (less the running log₂ S) are skipped.
  let logSkipRatio: Double

  /// Cells per point at most, so that the grid's memory stays O(N) when h is tiny.
  static let maximumCellsPerPoint = 4.0

  /// A grid over the `count` ≥ 1 points at `pointXs`, `pointYs` for the bandwidth `bandwidth`.
  ///
  /// `skipExponent` k sets the skipped mass: below 2⁻ᵏ·S in total (56 by default, below the
  /// rounding of S); with a smaller k everything above holds with 2⁻ᵏ for 2⁻⁵⁶, and skipped
  /// points lie farther than h·√(2k·ln 2) (> h for k ≥ 1).
  init(
    xs pointXs: UnsafePointer<Double>, ys pointYs: UnsafePointer<Double>, count: Int,
    bandwidth: Double, skipExponent: Double = 56
  ) {
    let scale = (1.442_695_040_888_963_4 / 2).squareRoot() / bandwidth
    self.scale = scale
    var sortedXs = [Double](repeating: 0, count: count + 8)
    var sortedYs = [Double](repeating: 0, count: count + 8)
    var low = SIMD2(pointXs[0], pointYs[0]) * scale
    var high = low
    for i in 0..<count {
      let p = SIMD2(pointXs[i], pointYs[i]) * scale
      low = pointwiseMin(low, p)
      high = pointwiseMax(high, p)
    }
    let extent = high - low
    let cellLimit = Self.maximumCellsPerPoint * Double(count) + 16
    var side = bandwidth / 2 * scale
    while (extent.x / side + 1) * (extent.y / side + 1) > cellLimit { side *= 2 }
    origin = low
    cellSize = side
    let columns = Int(extent.x / side) + 1
    let rows = Int(extent.y / side) + 1
    self.columns = columns
    self.rows = rows
    logSkipRatio = log2(Double(count)) + skipExponent
    let inverseSide = 1 / side
    var cellOfPoint = [Int](repeating: 0, count: count)
    var starts = [Int](repeating: 0, count: columns * rows + 1)
    cellOfPoint.withUnsafeMutableBufferPointer { cellOf in
      starts.withUnsafeMutableBufferPointer { start in
        for i in 0..<count {
          let column = min(Int((pointXs[i] * scale - low.x) * inverseSide), columns &- 1)
          let row = min(Int((pointYs[i] * scale - low.y) * inverseSide), rows &- 1)
          let cell = row &* columns &+ column
          cellOf[i] = cell
          start[cell &+ 1] &+= 1
        }
        for cell in 0..<(columns &* rows) { start[cell &+ 1] &+= start[cell] }
      }
    }
    cellStarts = starts
    var next = starts
    next.withUnsafeMutableBufferPointer { next in
      sortedXs.withUnsafeMutableBufferPointer { sx in
        sortedYs.withUnsafeMutableBufferPointer { sy in
          for i in 0..<count {
            let cell = cellOfPoint[i]
            let slot = next[cell]
            sx[slot] = pointXs[i] * scale
            sy[slot] = pointYs[i] * scale
            next[cell] = slot &+ 1
          }
        }
      }
    }
    xs = sortedXs
    ys = sortedYs
  }

  /// The anchored sums at `query`: D = p* − x, S and E, in data units.
  func sums(at query: SIMD2<Double>)
    -> (anchorOffset: SIMD2<Double>, sum: Double, weightedOffset: SIMD2<Double>)
  {
    xs.withUnsafeBufferPointer { x in
      ys.withUnsafeBufferPointer { y in
        cellStarts.withUnsafeBufferPointer { starts in
          anchoredSums(
            xs: x.baseAddress!, ys: y.baseAddress!, starts: starts.baseAddress!,
            query: query * scale)
        }
      }
    }
  }

  /// Both passes for one query in scaled units, with every vector kernel inlined here.
  ///
  /// Rows of cells are taken in order of their distance from the query, and the reach is
  /// recomputed from the running sum before each: R² = ‖D‖² + (log₂ N + 56 − log₂ max(S, 1))
  /// in scaled units. S only grows and the final S is ≥ 1, so every point skipped at any time
  /// has weight below 2⁻⁵⁶·S_final/N.
  @inline(never)
  private func anchoredSums(
    xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, starts: UnsafePointer<Int>,
    query: SIMD2<Double>
  ) -> (anchorOffset: SIMD2<Double>, sum: Double, weightedOffset: SIMD2<Double>) {
    let nearestIndex = nearestPointIndex(xs: xs, ys: ys, starts: starts, query: query)
    let anchor = SIMD2(xs[nearestIndex], ys[nearestIndex])
    let anchorOffset = anchor - query
    let anchorDistanceSquared = (anchorOffset * anchorOffset).sum()
    let mirror = 2 * query - anchor
    let anchorX = SIMD8(repeating: anchor.x)
    let anchorY = SIMD8(repeating: anchor.y)
    let mirrorX = SIMD8(repeating: mirror.x)
    let mirrorY = SIMD8(repeating: mirror.y)
    var sum = SIMD8<Double>()
    var sumX = SIMD8<Double>()
    var sumY = SIMD8<Double>()
    var runningSum = 1.0
    let inverseSide = 1 / cellSize
    let lastColumn = Double(columns &- 1)
    let queryRow = Int(
      min(max(((query.y - origin.y) * inverseSide).rounded(.down), 0), Double(rows &- 1)))
    var below = queryRow
    var above = queryRow &+ 1
    while true {
      // The binary exponent of S is ⌊log₂ S⌋: a cheap lower bound, so the reach stays safe.
      let reachSquared = anchorDistanceSquared + logSkipRatio - Double(max(runningSum, 1).exponent)
      let belowGap = below >= 0 ? max(query.y - (origin.y + Double(below &+ 1) * cellSize), 0) : .infinity
      let aboveGap = above < rows ? max(origin.y + Double(above) * cellSize - query.y, 0) : .infinity
      let row: Int
      let gap: Double
      if belowGap <= aboveGap {
        row = below
        gap = belowGap
        below &-= 1
      } else {
        row = above
        gap = aboveGap
        above &+= 1
      }
      let halfWidthSquared = reachSquared - gap * gap
      // Both directions are past the reach (or the grid), and the reach only shrinks.
      guard halfWidthSquared >= 0 else { break }
      let halfWidth = halfWidthSquared.squareRoot()
      let first = ((query.x - halfWidth - origin.x) * inverseSide).rounded(.down)
      let last = ((query.x + halfWidth - origin.x) * inverseSide).rounded(.down)
      guard last >= 0 && first <= lastColumn else { continue }
      let rowStart = row &* columns
      let start = starts[rowStart &+ Int(max(first, 0))]
      let end = starts[rowStart &+ Int(min(last, lastColumn)) &+ 1]
      accumulateRun(
        xs: xs + start, ys: ys + start, count: end &- start, anchorX: anchorX,
        anchorY: anchorY, mirrorX: mirrorX, mirrorY: mirrorY, sum: &sum, sumX: &sumX,
        sumY: &sumY)
      runningSum = (sum.lowHalf + sum.highHalf).sum()
    }
    let weightedOffset = SIMD2(
      (sumX.lowHalf + sumX.highHalf).sum(), (sumY.lowHalf + sumY.highHalf).sum())
    return (anchorOffset / scale, runningSum, weightedOffset / scale)
  }

  /// The sorted index of the point nearest to `query` (the first found on ties).
  ///
  /// Rings of cells around the query's cell, clamped into the grid; the search stops once the
  /// nearest point so far is no farther than every cell not yet visited (which lie in at
  /// most four strips beside the visited rectangle).
  @inline(__always)
  private func nearestPointIndex(
    xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, starts: UnsafePointer<Int>,
    query: SIMD2<Double>
  ) -> Int {
    let inverseSide = 1 / cellSize
    let centreColumn = Int(
      min(max(((query.x - origin.x) * inverseSide).rounded(.down), 0), Double(columns &- 1)))
    let centreRow = Int(
      min(max(((query.y - origin.y) * inverseSide).rounded(.down), 0), Double(rows &- 1)))
    var search = NearestSearch(query: query)
    var ring = 0
    while true {
      let left = centreColumn &- ring
      let right = centreColumn &+ ring
      let bottom = centreRow &- ring
      let top = centreRow &+ ring
      let visitedLeft = max(left, 0)
      let visitedRight = min(right, columns &- 1)
      let visitedBottom = max(bottom, 0)
      let visitedTop = min(top, rows &- 1)
      if bottom >= 0 {
        search.scan(
          xs: xs, ys: ys, from: starts[bottom &* columns &+ visitedLeft],
          to: starts[bottom &* columns &+ visitedRight &+ 1])
      }
      if top < rows && ring > 0 {
        search.scan(
          xs: xs, ys: ys, from: starts[top &* columns &+ visitedLeft],
          to: starts[top &* columns &+ visitedRight &+ 1])
      }
      let innerBottom = max(bottom &+ 1, 0)
      let innerTop = min(top &- 1, rows &- 1)
      if innerBottom <= innerTop {
        for row in innerBottom...innerTop {
          if left >= 0 {
            search.scan(
              xs: xs, ys: ys, from: starts[row &* columns &+ left],
              to: starts[row &* columns &+ left &+ 1])
          }
          if right < columns {
            search.scan(
              xs: xs, ys: ys, from: starts[row &* columns &+ right],
              to: starts[row &* columns &+ right &+ 1])
          }
        }
      }
      var unvisited = Double.infinity
      if visitedLeft > 0 {
        unvisited = min(
          unvisited,
          distanceSquared(
            from: query, columns: 0, visitedLeft &- 1, rows: 0, rows &- 1))
      }
      if visitedRight < columns &- 1 {
        unvisited = min(
          unvisited,
          distanceSquared(
            from: query, columns: visitedRight &+ 1, columns &- 1, rows: 0, rows &- 1))
      }
      if visitedBottom > 0 {
        unvisited = min(
          unvisited,
          distanceSquared(
            from: query, columns: 0, columns &- 1, rows: 0, visitedBottom &- 1))
      }
      if visitedTop < rows &- 1 {
        unvisited = min(
          unvisited,
          distanceSquared(
            from: query, columns: 0, columns &- 1, rows: visitedTop &+ 1, rows &- 1))
      }
      let (best, index) = search.nearest
      if best <= unvisited { return index }
      ring &+= 1
    }
  }

  /// The squared distance from `point` to the box of the cells in columns
  /// `firstColumn...lastColumn` and rows `firstRow...lastRow`.
  @inline(__always)
  private func distanceSquared(
    from point: SIMD2<Double>, columns firstColumn: Int, _ lastColumn: Int,
    rows firstRow: Int, _ lastRow: Int
  ) -> Double {
    let low = origin + SIMD2(Double(firstColumn), Double(firstRow)) * cellSize
    let high = origin + SIMD2(Double(lastColumn &+ 1), Double(lastRow &+ 1)) * cellSize
    let dx = max(low.x - point.x, 0, point.x - high.x)
    let dy = max(low.y - point.y, 0, point.y - high.y)
    return dx * dx + dy * dy
  }
}

/// The running nearest point of a search: the best squared distance and index in each lane.
///
/// Indices are held as Doubles (exact below 2⁵³) so that every lane operation is one vector
/// instruction.
private struct NearestSearch {
  let qx: SIMD8<Double>
  let qy: SIMD8<Double>
  var best = SIMD8<Double>(repeating: .infinity)
  var bestIndex = SIMD8<Double>(repeating: 0)

  init(query: SIMD2<Double>) {
    qx = SIMD8(repeating: query.x)
    qy = SIMD8(repeating: query.y)
  }

  /// Scans the points `start..<end`; the loads may pass `end` by up to seven padded slots.
  @inline(__always)
  mutating func scan(
    xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, from start: Int, to end: Int
  ) {
    var i = start
    var index = laneNumbers + Double(start)
    let last = SIMD8<Double>(repeating: Double(end))
    while i < end {
      let dx = UnsafeRawPointer(xs + i).loadUnaligned(as: SIMD8<Double>.self) - qx
      let dy = UnsafeRawPointer(ys + i).loadUnaligned(as: SIMD8<Double>.self) - qy
      let d2 = (dx * dx).addingProduct(dy, dy)
      let better = (d2 .< best) .& (index .< last)
      best.replace(with: d2, where: better)
      bestIndex.replace(with: index, where: better)
      index += 8
      i &+= 8
    }
  }

  /// The smallest squared distance over the lanes and its index.
  var nearest: (distanceSquared: Double, index: Int) {
    var lane = 0
    for candidate in 1..<8 where best[candidate] < best[lane] { lane = candidate }
    return (best[lane], Int(bestIndex[lane]))
  }
}

/// Adds wᵢ = 2^(−uᵢ), wᵢ·eᵢ (scaled units) of the `count` points at `xs`, `ys` to the lanes
/// of `sum`, `sumX`, `sumY`, with −uᵢ = eᵢ·(m − xᵢ), eᵢ = xᵢ − anchor, m = the mirror 2x − p*.
///
/// The last load may pass the run by up to seven slots (other points or padding); those
/// lanes are zeroed.
@inline(__always)
private func accumulateRun(
  xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, count: Int,
  anchorX: SIMD8<Double>, anchorY: SIMD8<Double>, mirrorX: SIMD8<Double>,
  mirrorY: SIMD8<Double>, sum: inout SIMD8<Double>, sumX: inout SIMD8<Double>,
  sumY: inout SIMD8<Double>
) {
  let vectorEnd = count & ~7
  var i = 0
  while i < vectorEnd {
    let x = UnsafeRawPointer(xs + i).loadUnaligned(as: SIMD8<Double>.self)
    let y = UnsafeRawPointer(ys + i).loadUnaligned(as: SIMD8<Double>.self)
    let ex = x - anchorX
    let ey = y - anchorY
    let weight = negativePowerOfTwo((ex * (mirrorX - x)).addingProduct(ey, mirrorY - y))
    sum += weight
    sumX = sumX.addingProduct(weight, ex)
    sumY = sumY.addingProduct(weight, ey)
    i &+= 8
  }
  guard i < count else { return }
  let x = UnsafeRawPointer(xs + i).loadUnaligned(as: SIMD8<Double>.self)
  let y = UnsafeRawPointer(ys + i).loadUnaligned(as: SIMD8<Double>.self)
  let ex = x - anchorX
  let ey = y - anchorY
  var weight = negativePowerOfTwo((ex * (mirrorX - x)).addingProduct(ey, mirrorY - y))
  weight.replace(with: 0, where: laneNumbers .>= SIMD8(repeating: Double(count &- i)))
  sum += weight
  sumX = sumX.addingProduct(weight, ex)
  sumY = sumY.addingProduct(weight, ey)
}

/// 0, 1, …, 7: lane numbers for masking the end of a run.
private let laneNumbers = SIMD8<Double>(0, 1, 2, 3, 4, 5, 6, 7)
