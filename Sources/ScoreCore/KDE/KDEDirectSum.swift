// The direct KDE grid sum: every point adds its kernel to the cells within the cutoff.

extension KDEGridPlan {
  /// Every point adds the outer product of its column and row kernel factors.
  func evaluateDirect(kde: GaussianKDE) -> [Double] {
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
    // When h² underflows the normaliser is infinite; a cell no kernel reached stays 0.
    return values.map { $0 == 0 ? 0 : $0 * normaliser }
  }

  /// The cells whose centres lie within `reach` of `centre`, or nil if none.
  ///
  /// The ends are clamped to the grid in Double before conversion, so an infinite reach (a
  /// cutoff from a log-density that underflowed) gives every cell, and a NaN (a bandwidth
  /// whose square under- or overflows) gives none, instead of trapping.
  private func cellRange(centre: Double, reach: Double, origin: Double, step: Double, count: Int)
    -> Range<Int>?
  {
    let low = ((centre - reach - origin) / step - 0.5).rounded(.up)
    let high = ((centre + reach - origin) / step - 0.5).rounded(.down)
    let lastCell = Double(count - 1)
    // Comparisons with NaN are false, so a NaN end returns nil here.
    guard low <= high, high >= 0, low <= lastCell else { return nil }
    return Int(max(low, 0))..<(Int(min(high, lastCell)) + 1)
  }
}
