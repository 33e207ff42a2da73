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
    kde.xs.withUnsafeBufferPointer { xs in
      kde.ys.withUnsafeBufferPointer { ys in
        for i in 0..<xs.count {
          let x = xs[i]
          let y = ys[i]
          guard x >= keptLow.x, x <= keptHigh.x, y >= keptLow.y, y <= keptHigh.y else { continue }
          low = SIMD2(min(low.x, x), min(low.y, y))
          high = SIMD2(max(high.x, x), max(high.y, y))
          anyKept = true
        }
      }
    }
    guard anyKept else { return [Double](repeating: 0, count: columns * rows) }
    let origin = low - delta
    let nodeCountX = Int(((high.x - origin.x) / delta).rounded(.down)) + 3
    let nodeCountY = Int(((high.y - origin.y) / delta).rounded(.down)) + 3
    // Rows of fine y-nodes are padded so that blocks of 32 may run past the last node.
    let rowStride = (nodeCountY + 7) & ~7 + Self.blockLength
    var weights = [Double](repeating: 0, count: nodeCountX * rowStride)
    let inverseDelta = 1 / delta
    kde.xs.withUnsafeBufferPointer { xs in
      kde.ys.withUnsafeBufferPointer { ys in
        weights.withUnsafeMutableBufferPointer { w in
          for i in 0..<xs.count {
            let x = xs[i]
            let y = ys[i]
            guard x >= keptLow.x, x <= keptHigh.x, y >= keptLow.y, y <= keptHigh.y else {
              continue
            }
            let ux = (x - origin.x) * inverseDelta
            let uy = (y - origin.y) * inverseDelta
            // Clamped against rounding at the two ends; t then leaves [0, 1] by an ulp or so.
            let cornerX = min(max(Int(ux), 1), nodeCountX &- 3)
            let cornerY = min(max(Int(uy), 1), nodeCountY &- 3)
            let wx = cubicLagrangeWeights(ux - Double(cornerX))
            let wy = cubicLagrangeWeights(uy - Double(cornerY))
            let first = UnsafeMutableRawPointer(
              w.baseAddress! + ((cornerX &- 1) &* rowStride &+ (cornerY &- 1)))
            let rowBytes = rowStride &* MemoryLayout<Double>.stride
            addScaled(wy, by: wx.x, at: first)
            addScaled(wy, by: wx.y, at: first + rowBytes)
            addScaled(wy, by: wx.z, at: first + 2 &* rowBytes)
            addScaled(wy, by: wx.w, at: first + 3 &* rowBytes)
          }
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
    // Four output columns at a time share every load of the fine grid. Their kernel values
    // are interleaved over the union of their bands, 0 outside a column's own band.
    let groupCount = (columns + 3) / 4
    let groups = (0..<groupCount).map { group -> (start: Int, coefficients: [SIMD4<Double>]) in
      let members = (4 * group..<min(4 * group + 4, columns)).filter {
        !columnBands[$0].values.isEmpty
      }
      guard let start = members.map({ columnBands[$0].start }).min(),
        let end = members.map({ columnBands[$0].start + columnBands[$0].values.count }).max()
      else { return (0, []) }
      var coefficients = [SIMD4<Double>](repeating: .zero, count: end - start)
      for column in members {
        let band = columnBands[column]
        for (offset, value) in band.values.enumerated() {
          coefficients[band.start - start + offset][column - 4 * group] = value
        }
      }
      return (start, coefficients)
    }
    var partial = [Double](repeating: 0, count: 4 * groupCount * partialStride)
    weights.withUnsafeBufferPointer { w in
      partial.withUnsafeMutableBufferPointer { t in
        // Block by block of fine rows, so that the block's slice of the fine grid stays in
        // cache while all output columns sum it.
        for block in 0..<blockCount {
          let blockStart = firstFineRow &+ block &* Self.blockLength
          for group in groups.indices where !groups[group].coefficients.isEmpty {
            groups[group].coefficients.withUnsafeBufferPointer { coefficients in
              sumBlock(
                coefficients: coefficients.baseAddress!, count: coefficients.count,
                source: w.baseAddress! + (groups[group].start &* rowStride &+ blockStart),
                stride: rowStride,
                into: t.baseAddress! + (4 &* group &* partialStride &+ block &* Self.blockLength),
                outputStride: partialStride)
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
            for group in 0..<groupCount {
              let sums = dotFour(
                kernel.baseAddress!, count: kernel.count,
                t.baseAddress! + (4 &* group &* partialStride &+ (band.start &- firstFineRow)),
                stride: partialStride)
              for member in 0..<min(4, columns &- 4 &* group) {
                output[row &* columns &+ 4 &* group &+ member] = sums[member] * normaliser
              }
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
  private func kernelBand(
    at position: Double, reach: Double, origin: Double, step: Double,
    count: Int
  ) -> (start: Int, values: [Double]) {
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

/// Adds weight·values to the four Doubles at `target`.
@inline(__always)
private func addScaled(
  _ values: SIMD4<Double>, by weight: Double, at target: UnsafeMutableRawPointer
) {
  let old = target.loadUnaligned(as: SIMD4<Double>.self)
  target.storeBytes(of: old.addingProduct(weight, values), as: SIMD4<Double>.self)
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

/// For four output columns m: output[m·outputStride + r] = Σₖ coefficients[k][m]·
/// source[k·stride + r], r < 32; sixteen vectors of eight held in registers, so each load of
/// the source feeds four multiply-adds.
@inline(__always)
private func sumBlock(
  coefficients: UnsafePointer<SIMD4<Double>>, count: Int, source: UnsafePointer<Double>,
  stride: Int, into output: UnsafeMutablePointer<Double>, outputStride: Int
) {
  var a0 = SIMD8<Double>()
  var a1 = SIMD8<Double>()
  var a2 = SIMD8<Double>()
  var a3 = SIMD8<Double>()
  var b0 = SIMD8<Double>()
  var b1 = SIMD8<Double>()
  var b2 = SIMD8<Double>()
  var b3 = SIMD8<Double>()
  var c0 = SIMD8<Double>()
  var c1 = SIMD8<Double>()
  var c2 = SIMD8<Double>()
  var c3 = SIMD8<Double>()
  var d0 = SIMD8<Double>()
  var d1 = SIMD8<Double>()
  var d2 = SIMD8<Double>()
  var d3 = SIMD8<Double>()
  var row = UnsafeRawPointer(source)
  let rowBytes = stride &* MemoryLayout<Double>.stride
  for k in 0..<count {
    let coefficient = coefficients[k]
    let r0 = row.loadUnaligned(as: SIMD8<Double>.self)
    let r1 = row.loadUnaligned(fromByteOffset: 64, as: SIMD8<Double>.self)
    let r2 = row.loadUnaligned(fromByteOffset: 128, as: SIMD8<Double>.self)
    let r3 = row.loadUnaligned(fromByteOffset: 192, as: SIMD8<Double>.self)
    let ca = SIMD8<Double>(repeating: coefficient.x)
    let cb = SIMD8<Double>(repeating: coefficient.y)
    let cc = SIMD8<Double>(repeating: coefficient.z)
    let cd = SIMD8<Double>(repeating: coefficient.w)
    a0 = a0.addingProduct(r0, ca)
    a1 = a1.addingProduct(r1, ca)
    a2 = a2.addingProduct(r2, ca)
    a3 = a3.addingProduct(r3, ca)
    b0 = b0.addingProduct(r0, cb)
    b1 = b1.addingProduct(r1, cb)
    b2 = b2.addingProduct(r2, cb)
    b3 = b3.addingProduct(r3, cb)
    c0 = c0.addingProduct(r0, cc)
    c1 = c1.addingProduct(r1, cc)
    c2 = c2.addingProduct(r2, cc)
    c3 = c3.addingProduct(r3, cc)
    d0 = d0.addingProduct(r0, cd)
    d1 = d1.addingProduct(r1, cd)
    d2 = d2.addingProduct(r2, cd)
    d3 = d3.addingProduct(r3, cd)
    row += rowBytes
  }
  let outputBytes = outputStride &* MemoryLayout<Double>.stride
  let target = UnsafeMutableRawPointer(output)
  storeRow(a0, a1, a2, a3, at: target)
  storeRow(b0, b1, b2, b3, at: target + outputBytes)
  storeRow(c0, c1, c2, c3, at: target + 2 &* outputBytes)
  storeRow(d0, d1, d2, d3, at: target + 3 &* outputBytes)
}

/// Stores 32 Doubles held in four vectors at `target`.
@inline(__always)
private func storeRow(
  _ v0: SIMD8<Double>, _ v1: SIMD8<Double>, _ v2: SIMD8<Double>, _ v3: SIMD8<Double>,
  at target: UnsafeMutableRawPointer
) {
  target.storeBytes(of: v0, as: SIMD8<Double>.self)
  target.storeBytes(of: v1, toByteOffset: 64, as: SIMD8<Double>.self)
  target.storeBytes(of: v2, toByteOffset: 128, as: SIMD8<Double>.self)
  target.storeBytes(of: v3, toByteOffset: 192, as: SIMD8<Double>.self)
}

/// Σᵢ kernel[i]·columns[m·stride + i] for the four columns m = 0…3, sharing the kernel loads.
@inline(__always)
private func dotFour(
  _ kernel: UnsafePointer<Double>, count: Int, _ columns: UnsafePointer<Double>, stride: Int
) -> SIMD4<Double> {
  var s0 = SIMD8<Double>()
  var s1 = SIMD8<Double>()
  var s2 = SIMD8<Double>()
  var s3 = SIMD8<Double>()
  let c0 = UnsafeRawPointer(columns)
  let c1 = UnsafeRawPointer(columns + stride)
  let c2 = UnsafeRawPointer(columns + 2 &* stride)
  let c3 = UnsafeRawPointer(columns + 3 &* stride)
  var i = 0
  while i &+ 8 <= count {
    let k = UnsafeRawPointer(kernel + i).loadUnaligned(as: SIMD8<Double>.self)
    let offset = i &* MemoryLayout<Double>.stride
    s0 = s0.addingProduct(k, c0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self))
    s1 = s1.addingProduct(k, c1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self))
    s2 = s2.addingProduct(k, c2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self))
    s3 = s3.addingProduct(k, c3.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self))
    i &+= 8
  }
  var result = SIMD4(
    (s0.lowHalf + s0.highHalf).sum(), (s1.lowHalf + s1.highHalf).sum(),
    (s2.lowHalf + s2.highHalf).sum(), (s3.lowHalf + s3.highHalf).sum())
  while i < count {
    let k = kernel[i]
    result = result.addingProduct(
      SIMD4(columns[i], columns[stride &+ i], columns[2 &* stride &+ i], columns[3 &* stride &+ i]),
      k)
    i &+= 1
  }
  return result
}
