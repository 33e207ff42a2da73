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
    return values.map { $0 * normaliser }
  }

  /// The cells whose centres lie within `reach` of `centre`, or nil if none.
  private func cellRange(centre: Double, reach: Double, origin: Double, step: Double, count: Int)
    -> Range<Int>?
  {
    let first = max(0, Int(((centre - reach - origin) / step - 0.5).rounded(.up)))
    let last = min(count - 1, Int(((centre + reach - origin) / step - 0.5).rounded(.down)))
    return first <= last ? first..<(last + 1) : nil
  }
}
