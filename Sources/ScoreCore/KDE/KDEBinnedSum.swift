// The binned KDE grid sum: Lagrange binning onto a fine grid, then two banded passes.

extension KDEGridPlan {
  /// Bins the kept points onto a fine grid, then sums the kernel factors along one axis for
  /// every cell of that axis and along the other for every cell.
  ///
  /// The fine grid's rows (cubic stencil, spacing s·h) run along the axis u summed first, its
  /// lanes (septic stencil, spacing 2s·h) along the other axis v; it spans the kept points
  /// with the nodes their stencils need. The first pass costs (v nodes) × (u cells) ×
  /// (u band), the second cells × (v band) either way, so u is the axis that makes the first
  /// product smaller.
  func evaluateBinned(kde: GaussianKDE) -> [Double] {
    binnedSums(kde: kde, moments: false)[0]
  }

  /// The binned density and, for `moments`, the first moments
  /// Gₓ = (1/N) Σᵢ ((xᵢ − X)/h)·K_h(x − xᵢ) and G_y likewise, from one binning: the same fine
  /// grid summed with the moment factors on one axis (`KDEKernelBands`).
  /// - Returns: [p̃] or [p̃, G̃ₓ, G̃_y], each in cell order.
  func binnedSums(kde: GaussianKDE, moments: Bool) -> [[Double]] {
    let h = bandwidth
    let step = SIMD2(spacing, KDEGridErrorBound.laneSpacingRatio * spacing) * h
    let count = kde.points.count
    return kde.xs.withUnsafeBufferPointer { xBuffer in
      kde.ys.withUnsafeBufferPointer { yBuffer in
        let xs = xBuffer.baseAddress!
        let ys = yBuffer.baseAddress!
        guard let extent = keptExtent(xs: xs, ys: ys, count: count) else {
          return Array(
            repeating: [Double](repeating: 0, count: columns * rows), count: moments ? 3 : 1)
        }
        // The first and number of nodes along x and y for either stencil: cubic nodes start
        // one below the points and end two above, septic ones three and four (at least one
        // stencil's worth, should rounding shrink the span of a single point).
        let cubicOrigin = extent.low - step.x
        let cubicNodes = pointwiseMax(
          SIMD2<Int>(((extent.high - cubicOrigin) / step.x).rounded(.down)) &+ 3,
          SIMD2(repeating: 4))
        let septicOrigin = extent.low - 3 * step.y
        let septicNodes = pointwiseMax(
          SIMD2<Int>(((extent.high - septicOrigin) / step.y).rounded(.down)) &+ 5,
          SIMD2(repeating: 8))
        let lanes = (septicNodes &+ 31) & ~31
        let yFirst = lanes.x * rows <= lanes.y * columns
        // The normaliser 1/(2πh²N) rides on the second pass's factors.
        let normaliser = 1 / (2 * Double.pi * h * h * Double(count))
        let reach = cutoff * h
        func xBands(moment: Bool) -> KDEKernelBands {
          KDEKernelBands(
            cellOrigin: box.xMin, cellSize: cellSize.x, cellCount: columns,
            nodeOrigin: yFirst ? septicOrigin.x : cubicOrigin.x, step: yFirst ? step.y : step.x,
            nodeCount: yFirst ? septicNodes.x : cubicNodes.x, reach: reach, bandwidth: h,
            scale: yFirst ? normaliser : 1, moment: moment)
        }
        func yBands(moment: Bool) -> KDEKernelBands {
          KDEKernelBands(
            cellOrigin: box.yMin, cellSize: cellSize.y, cellCount: rows,
            nodeOrigin: yFirst ? cubicOrigin.y : septicOrigin.y, step: yFirst ? step.x : step.y,
            nodeCount: yFirst ? cubicNodes.y : septicNodes.y, reach: reach, bandwidth: h,
            scale: yFirst ? 1 : normaliser, moment: moment)
        }
        let binning =
          yFirst
          ? KDEGridBinning(
            us: ys, vs: xs, count: count, low: reversed(keptLow), high: reversed(keptHigh),
            origin: SIMD2(cubicOrigin.y, septicOrigin.x), step: step,
            nodeCount: SIMD2(cubicNodes.y, septicNodes.x))
          : KDEGridBinning(
            us: xs, vs: ys, count: count, low: keptLow, high: keptHigh,
            origin: SIMD2(cubicOrigin.x, septicOrigin.y), step: step,
            nodeCount: SIMD2(cubicNodes.x, septicNodes.y))
        let plain = (x: xBands(moment: false), y: yBands(moment: false))
        var sums = [(x: plain.x, y: plain.y)]
        if moments {
          sums.append((xBands(moment: true), plain.y))
          sums.append((plain.x, yBands(moment: true)))
        }
        return sums.map { bands in
          [Double](unsafeUninitializedCapacity: columns * rows) { values, initialized in
            if yFirst {
              separableSum(
                grid: binning, uBands: bands.y, uCells: rows, vBands: bands.x, vCells: columns,
                uIsY: true, into: values.baseAddress!)
            } else {
              separableSum(
                grid: binning, uBands: bands.x, uCells: columns, vBands: bands.y, vCells: rows,
                uIsY: false, into: values.baseAddress!)
            }
            initialized = columns * rows
          }
        }
      }
    }
  }

  /// The smallest box holding every point inside [keptLow, keptHigh], or nil if none is.
  private func keptExtent(xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, count: Int)
    -> (low: SIMD2<Double>, high: SIMD2<Double>)?
  {
    var lowX = SIMD8<Double>(repeating: .infinity)
    var lowY = SIMD8<Double>(repeating: .infinity)
    var highX = SIMD8<Double>(repeating: -.infinity)
    var highY = SIMD8<Double>(repeating: -.infinity)
    let vectorEnd = count & ~7
    var i = 0
    while i < vectorEnd {
      let x = UnsafeRawPointer(xs + i).loadUnaligned(as: SIMD8<Double>.self)
      let y = UnsafeRawPointer(ys + i).loadUnaligned(as: SIMD8<Double>.self)
      let kept = (x .>= keptLow.x) .& (x .<= keptHigh.x) .& (y .>= keptLow.y) .& (y .<= keptHigh.y)
      lowX.replace(with: x, where: kept .& (x .< lowX))
      lowY.replace(with: y, where: kept .& (y .< lowY))
      highX.replace(with: x, where: kept .& (x .> highX))
      highY.replace(with: y, where: kept .& (y .> highY))
      i &+= 8
    }
    var low = SIMD2(lowX.min(), lowY.min())
    var high = SIMD2(highX.max(), highY.max())
    while i < count {
      let x = xs[i]
      let y = ys[i]
      i &+= 1
      guard x >= keptLow.x, x <= keptHigh.x, y >= keptLow.y, y <= keptHigh.y else { continue }
      low = SIMD2(min(low.x, x), min(low.y, y))
      high = SIMD2(max(high.x, x), max(high.y, y))
    }
    return low.x <= high.x ? (low, high) : nil
  }

  /// The grid sum in the axes u (reduced first) and v into `values`: cell (u, v) at
  /// u·vCells + v when u is y (`uIsY`), else at v·uCells + u.
  ///
  /// Takes the u cells of the binned points `grid` 32 at a time: the first pass sums
  /// the u bands of the fine grid into partial[v node][u cell] (32 u cells wide, so it stays in
  /// cache), the second sums the v bands of that into those u cells of `values`.
  private func separableSum(
    grid: KDEGridBinning, uBands: KDEKernelBands, uCells: Int, vBands: KDEKernelBands,
    vCells: Int, uIsY: Bool, into values: UnsafeMutablePointer<Double>
  ) {
    let partial = UnsafeMutablePointer<Double>.allocate(capacity: grid.stride * 32)
    partial.initialize(repeating: 0, count: grid.stride * 32)
    let tile = KDEBandTile()
    defer {
      partial.deallocate()
      tile.deallocate()
    }
    grid.weights.withUnsafeBufferPointer { weights in
      uBands.factors.withUnsafeBufferPointer { uFactors in
        vBands.factors.withUnsafeBufferPointer { vFactors in
          for firstCell in Swift.stride(from: 0, to: uCells, by: 32) {
            let blockCells = min(32, uCells - firstCell)
            let firstGroup = firstCell / 4
            for firstNode in Swift.stride(from: 0, to: grid.stride, by: 32) {
              for group in firstGroup..<(firstCell + blockCells + 3) / 4 {
                tile.sum(
                  factors: uFactors.baseAddress!, band: uBands.groups[group],
                  source: weights.baseAddress! + firstNode, stride: grid.stride)
                tile.store(
                  into: partial + (firstNode &* 32 &+ 4 &* (group &- firstGroup)),
                  outputStride: 32, cells: 4, lanes: 32, transposed: true)
              }
            }
            for group in vBands.groups.indices {
              tile.sum(
                factors: vFactors.baseAddress!, band: vBands.groups[group], source: partial,
                stride: 32)
              let cells = min(4, vCells - 4 * group)
              if uIsY {
                tile.store(
                  into: values + (firstCell &* vCells &+ 4 &* group), outputStride: vCells,
                  cells: cells, lanes: blockCells, transposed: true)
              } else {
                tile.store(
                  into: values + (4 &* group &* uCells &+ firstCell), outputStride: uCells,
                  cells: cells, lanes: blockCells, transposed: false)
              }
            }
          }
        }
      }
    }
  }
}

/// (y, x) for (x, y).
private func reversed<Scalar: SIMDScalar>(_ pair: SIMD2<Scalar>) -> SIMD2<Scalar> {
  SIMD2(pair.y, pair.x)
}
