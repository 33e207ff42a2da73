// How a KDE density grid is evaluated: the plan (binned or direct, spacing, cutoff) and both sums.

import Foundation

/// How one grid evaluation is done: binned or direct, fine spacing and cutoff.
struct KDEGridPlan {
  let box: PlotBox
  let columns: Int
  let rows: Int
  let bandwidth: Double
  /// Cell width and height.
  let cellSize: SIMD2<Double>
  /// The kernel cutoff c in units of h.
  let cutoff: Double
  /// The fine grid's spacing in units of h when binned, 0 for the direct sum.
  let spacing: Double
  /// Whether the binned evaluation is used.
  let isBinned: Bool
  /// Corners of the box grown by cutoff·h: only points inside count.
  let keptLow: SIMD2<Double>
  let keptHigh: SIMD2<Double>

  /// Fine rows summed together along x: four vectors of eight held in registers.
  static let blockLength = 32

  /// Fine grids above this many nodes are not used (64 MB of Doubles).
  static let maximumFineNodes = 8_000_000

  init(
    kde: GaussianKDE, box: PlotBox, columns: Int, rows: Int, logConcentration: Double,
    target: Double
  ) {
    self.box = box
    self.columns = columns
    self.rows = rows
    bandwidth = kde.bandwidth
    let h = kde.bandwidth
    cellSize = SIMD2(box.width / Double(columns), box.height / Double(rows))
    let directCutoff = KDEGridErrorBound.cutoff(
      logConcentration: logConcentration, lebesgue: 1, target: target)
    let band = SIMD2(repeating: 2 * directCutoff * h) / cellSize + 2
    let cellsPerPoint = min(band.x, Double(columns)) * min(band.y, Double(rows))
    let directCost = Double(kde.points.count) * (cellsPerPoint + 4 * (band.x + band.y))
    // Beyond ρ = e⁷⁰⁰ no cell is within 37·h of a point and the direct sum is the cheap one;
    // the spacing search would only walk a long way out.
    if logConcentration <= 700 {
      let binnedSpacing = KDEGridErrorBound.spacing(
        logConcentration: logConcentration, target: 0.8 * target)
      let binnedCutoff = KDEGridErrorBound.cutoff(
        logConcentration: logConcentration, lebesgue: KDEGridErrorBound.cubicLebesgueConstant2D,
        target: 0.2 * target)
      let low = SIMD2(box.xMin, box.yMin) - binnedCutoff * h
      let high = SIMD2(box.xMax, box.yMax) + binnedCutoff * h
      let fineExtent = (high - low) / (binnedSpacing * h) + 4
      let fineNodes = fineExtent.x * fineExtent.y
      let fineBand = pointwiseMin(
        SIMD2(repeating: 2 * binnedCutoff / binnedSpacing + 1), fineExtent)
      let binningCost = 16 * Double(kde.points.count) + fineNodes
      let alongXCost = Double(columns) * fineBand.x * fineExtent.y
      let alongYCost = Double(columns * rows) * fineBand.y
      if fineNodes <= Double(Self.maximumFineNodes)
        && binningCost + alongXCost + alongYCost < directCost
      {
        isBinned = true
        cutoff = binnedCutoff
        spacing = binnedSpacing
        keptLow = low
        keptHigh = high
        return
      }
    }
    isBinned = false
    cutoff = directCutoff
    spacing = 0
    keptLow = SIMD2(box.xMin, box.yMin) - directCutoff * h
    keptHigh = SIMD2(box.xMax, box.yMax) + directCutoff * h
  }

  /// The centre of cell `index` (row-major from the bottom).
  func cellCentre(index: Int) -> SIMD2<Double> {
    let row = index / columns
    let column = index % columns
    return SIMD2(
      box.xMin + (Double(column) + 0.5) * cellSize.x, box.yMin + (Double(row) + 0.5) * cellSize.y)
  }

  /// The relative error bound of this plan for the concentration e^`logConcentration`.
  func errorBound(logConcentration: Double) -> Double {
    let rounding = 1e-13
    if isBinned {
      return KDEGridErrorBound.interpolation(spacing: spacing, logConcentration: logConcentration)
        + KDEGridErrorBound.truncation(
          cutoff: cutoff, logConcentration: logConcentration,
          lebesgue: KDEGridErrorBound.cubicLebesgueConstant2D) + rounding
    }
    return KDEGridErrorBound.truncation(
      cutoff: cutoff, logConcentration: logConcentration, lebesgue: 1) + rounding
  }

  /// The densities at the cell centres.
  func evaluate(kde: GaussianKDE) -> [Double] {
    isBinned ? evaluateBinned(kde: kde) : evaluateDirect(kde: kde)
  }

  /// Every point adds the outer product of its column and row kernel factors.
  private func evaluateDirect(kde: GaussianKDE) -> [Double] {
    let h = bandwidth
    var values = [Double](repeating: 0, count: columns * rows)
    var columnFactors = [Double](repeating: 0, count: columns)
    var rowFactors = [Double](repeating: 0, count: rows)
    let reach = cutoff * h
    values.withUnsafeMutableBufferPointer { output in
      columnFactors.withUnsafeMutableBufferPointer { fx in
        rowFactors.withUnsafeMutableBufferPointer { fy in
          for point in kde.points {
            guard
              let columnRange = cellRange(
                centre: point.x, reach: reach, origin: box.xMin, step: cellSize.x, count: columns),
              let rowRange = cellRange(
                centre: point.y, reach: reach, origin: box.yMin, step: cellSize.y, count: rows)
            else { continue }
            gaussianRun(
              from: box.xMin + (Double(columnRange.lowerBound) + 0.5) * cellSize.x - point.x,
              step: cellSize.x, count: columnRange.count, bandwidth: h,
              into: fx.baseAddress! + columnRange.lowerBound)
            gaussianRun(
              from: box.yMin + (Double(rowRange.lowerBound) + 0.5) * cellSize.y - point.y,
              step: cellSize.y, count: rowRange.count, bandwidth: h,
              into: fy.baseAddress! + rowRange.lowerBound)
            for row in rowRange {
              let factor = fy[row]
              let line = output.baseAddress! + row &* columns
              for column in columnRange {
                line[column] = line[column].addingProduct(factor, fx[column])
              }
            }
          }
        }
      }
    }
    let normaliser = 1 / (2 * Double.pi * h * h * Double(kde.points.count))
    return values.map { $0 * normaliser }
  }

  /// Cubic binning onto the fine grid, then the separable sum along x and along y.
  private func evaluateBinned(kde: GaussianKDE) -> [Double] {
    let h = bandwidth
    let delta = spacing * h
    // The fine grid covers the kept points that exist, with one node below and two above.
    var low = keptHigh
    var high = keptLow
    var anyKept = false
    for p in kde.points where all(p .>= keptLow) && all(p .<= keptHigh) {
      low = pointwiseMin(low, p)
      high = pointwiseMax(high, p)
      anyKept = true
    }
    guard anyKept else { return [Double](repeating: 0, count: columns * rows) }
    let origin = low - delta
    let nodeCountX = Int(((high.x - origin.x) / delta).rounded(.down)) + 3
    let nodeCountY = Int(((high.y - origin.y) / delta).rounded(.down)) + 3
    // Rows of fine y-nodes are padded so that blocks of 32 may run past the last node.
    let rowStride = (nodeCountY + 7) & ~7 + Self.blockLength
    var weights = [Double](repeating: 0, count: nodeCountX * rowStride)
    weights.withUnsafeMutableBufferPointer { w in
      let base = w.baseAddress!
      for p in kde.points where all(p .>= keptLow) && all(p .<= keptHigh) {
        let u = (p - origin) / delta
        // Clamped against rounding at the two ends; t then leaves [0, 1] by an ulp or so.
        let cornerX = min(max(Int(u.x.rounded(.down)), 1), nodeCountX - 3)
        let cornerY = min(max(Int(u.y.rounded(.down)), 1), nodeCountY - 3)
        let wx = cubicLagrangeWeights(u.x - Double(cornerX))
        let wy = cubicLagrangeWeights(u.y - Double(cornerY))
        var cell = base + ((cornerX &- 1) &* rowStride &+ (cornerY &- 1))
        for a in 0..<4 {
          let raw = UnsafeMutableRawPointer(cell)
          let old = raw.loadUnaligned(as: SIMD4<Double>.self)
          raw.storeBytes(of: old.addingProduct(wx[a], wy), as: SIMD4<Double>.self)
          cell += rowStride
        }
      }
    }
    let reach = cutoff * h
    // Along x: for each column, the band of fine columns within reach and their kernel values.
    let columnBands = (0..<columns).map { column in
      kernelBand(
        at: box.xMin + (Double(column) + 0.5) * cellSize.x, reach: reach, origin: origin.x,
        step: delta, count: nodeCountX)
    }
    let rowBands = (0..<rows).map { row in
      kernelBand(
        at: box.yMin + (Double(row) + 0.5) * cellSize.y, reach: reach, origin: origin.y,
        step: delta, count: nodeCountY)
    }
    // Only fine rows that some output row reaches are summed along x.
    var firstFineRow = nodeCountY
    var endFineRow = 0
    for band in rowBands where !band.values.isEmpty {
      firstFineRow = min(firstFineRow, band.start)
      endFineRow = max(endFineRow, band.start + band.values.count)
    }
    guard firstFineRow < endFineRow else { return [Double](repeating: 0, count: columns * rows) }
    let usedRows = endFineRow - firstFineRow
    let blockCount = (usedRows + Self.blockLength - 1) / Self.blockLength
    let partialStride = blockCount * Self.blockLength
    var partial = [Double](repeating: 0, count: columns * partialStride)
    weights.withUnsafeBufferPointer { w in
      partial.withUnsafeMutableBufferPointer { t in
        // Block by block of fine rows, so that the block's slice of every fine column stays
        // in cache while all output columns sum it.
        for block in 0..<blockCount {
          let blockStart = firstFineRow &+ block &* Self.blockLength
          for column in 0..<columns {
            let band = columnBands[column]
            band.values.withUnsafeBufferPointer { kernel in
              sumBlock(
                kernel: kernel.baseAddress!, count: kernel.count,
                source: w.baseAddress! + (band.start &* rowStride &+ blockStart),
                stride: rowStride,
                into: t.baseAddress! + (column &* partialStride &+ block &* Self.blockLength))
            }
          }
        }
      }
    }
    var values = [Double](repeating: 0, count: columns * rows)
    let normaliser = 1 / (2 * Double.pi * h * h * Double(kde.points.count))
    partial.withUnsafeBufferPointer { t in
      values.withUnsafeMutableBufferPointer { output in
        for row in 0..<rows {
          let band = rowBands[row]
          guard !band.values.isEmpty else { continue }
          band.values.withUnsafeBufferPointer { kernel in
            for column in 0..<columns {
              let source = t.baseAddress! + (column &* partialStride &+ (band.start &- firstFineRow))
              output[row &* columns &+ column] =
                dot(kernel.baseAddress!, source, count: kernel.count) * normaliser
            }
          }
        }
      }
    }
    return values
  }

  /// The cells whose centres lie within `reach` of `centre`, or nil if none.
  private func cellRange(centre: Double, reach: Double, origin: Double, step: Double, count: Int)
    -> Range<Int>?
  {
    let first = max(0, Int(((centre - reach - origin) / step - 0.5).rounded(.up)))
    let last = min(count - 1, Int(((centre + reach - origin) / step - 0.5).rounded(.down)))
    return first <= last ? first..<(last + 1) : nil
  }

  /// The fine nodes within `reach` of `position` and φ (without its 1/(√(2π)h)) at each.
  private func kernelBand(at position: Double, reach: Double, origin: Double, step: Double,
                          count: Int) -> (start: Int, values: [Double])
  {
    let first = max(0, Int(((position - reach - origin) / step).rounded(.up)))
    let last = min(count - 1, Int(((position + reach - origin) / step).rounded(.down)))
    guard first <= last else { return (0, []) }
    var values = [Double](repeating: 0, count: last - first + 1)
    values.withUnsafeMutableBufferPointer { buffer in
      gaussianRun(
        from: origin + Double(first) * step - position, step: step, count: buffer.count,
        bandwidth: bandwidth, into: buffer.baseAddress!)
    }
    return (first, values)
  }
}

/// The weights L₋₁, L₀, L₁, L₂ of cubic Lagrange interpolation at t ∈ [0, 1] through the
/// nodes −1, 0, 1, 2: they sum to 1 and reproduce polynomials up to degree 3.
@inline(__always)
private func cubicLagrangeWeights(_ t: Double) -> SIMD4<Double> {
  let tPlus = t + 1
  let tMinus = t - 1
  let tMinus2 = t - 2
  return SIMD4(
    -t * tMinus * tMinus2 / 6, tPlus * tMinus * tMinus2 / 2,
    -tPlus * t * tMinus2 / 2, tPlus * t * tMinus / 6)
}

/// exp(−(u₀ + k·step)²/(2h²)) for k = 0..<count into `output`.
///
/// Computed outward from the k nearest to u = 0 with g_{k+1} = g_k·r_k, r_{k+1} = r_k·q,
/// q = exp(−step²/h²): three exponentials per run and a relative error growing by about two
/// ulps per step. Going outward every ratio is ≤ 1, so nothing overflows, and values that
/// underflow stay 0 as they should.
private func gaussianRun(
  from u0: Double, step: Double, count: Int, bandwidth h: Double,
  into output: UnsafeMutablePointer<Double>
) {
  let inverseTwoVariance = 1 / (2 * h * h)
  let peak = min(max(Int((-u0 / step).rounded()), 0), count - 1)
  let uPeak = u0 + Double(peak) * step
  output[peak] = exp(-uPeak * uPeak * inverseTwoVariance)
  let q = exp(-2 * step * step * inverseTwoVariance)
  var ratio = exp(-(2 * uPeak * step + step * step) * inverseTwoVariance)
  var k = peak
  while k + 1 < count {
    output[k + 1] = output[k] * ratio
    ratio *= q
    k += 1
  }
  ratio = exp(-(-2 * uPeak * step + step * step) * inverseTwoVariance)
  k = peak
  while k > 0 {
    output[k - 1] = output[k] * ratio
    ratio *= q
    k -= 1
  }
}

/// output[0..<32] = Σₖ kernel[k]·source[k·stride ..< k·stride + 32], in four registers.
@inline(__always)
private func sumBlock(
  kernel: UnsafePointer<Double>, count: Int, source: UnsafePointer<Double>, stride: Int,
  into output: UnsafeMutablePointer<Double>
) {
  var sum0 = SIMD8<Double>()
  var sum1 = SIMD8<Double>()
  var sum2 = SIMD8<Double>()
  var sum3 = SIMD8<Double>()
  var row = UnsafeRawPointer(source)
  let rowBytes = stride &* MemoryLayout<Double>.stride
  for k in 0..<count {
    let factor = SIMD8<Double>(repeating: kernel[k])
    sum0 = sum0.addingProduct(row.loadUnaligned(as: SIMD8<Double>.self), factor)
    sum1 = sum1.addingProduct(row.loadUnaligned(fromByteOffset: 64, as: SIMD8<Double>.self), factor)
    sum2 = sum2.addingProduct(row.loadUnaligned(fromByteOffset: 128, as: SIMD8<Double>.self), factor)
    sum3 = sum3.addingProduct(row.loadUnaligned(fromByteOffset: 192, as: SIMD8<Double>.self), factor)
    row += rowBytes
  }
  let target = UnsafeMutableRawPointer(output)
  target.storeBytes(of: sum0, as: SIMD8<Double>.self)
  target.storeBytes(of: sum1, toByteOffset: 64, as: SIMD8<Double>.self)
  target.storeBytes(of: sum2, toByteOffset: 128, as: SIMD8<Double>.self)
  target.storeBytes(of: sum3, toByteOffset: 192, as: SIMD8<Double>.self)
}

/// Σ a[i]·b[i] for `count` Doubles.
@inline(__always)
private func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
  var sum0 = SIMD8<Double>()
  var sum1 = SIMD8<Double>()
  var i = 0
  while i &+ 16 <= count {
    sum0 = sum0.addingProduct(
      UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Double>.self),
      UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Double>.self))
    sum1 = sum1.addingProduct(
      UnsafeRawPointer(a + i + 8).loadUnaligned(as: SIMD8<Double>.self),
      UnsafeRawPointer(b + i + 8).loadUnaligned(as: SIMD8<Double>.self))
    i &+= 16
  }
  let total = sum0 + sum1
  var result = (total.lowHalf + total.highHalf).sum()
  while i < count {
    result = result.addingProduct(a[i], b[i])
    i &+= 1
  }
  return result
}
