// An axis-aligned box in data coordinates and the cell-centre tilings laid over it.

/// The rectangle [xMin, xMax] × [yMin, yMax] that a grid, a heat map or an arrow field covers.
public struct PlotBox: Sendable, Equatable, Codable {
  public var xMin: Double
  public var xMax: Double
  public var yMin: Double
  public var yMax: Double

  public init(xMin: Double, xMax: Double, yMin: Double, yMax: Double) {
    self.xMin = xMin
    self.xMax = xMax
    self.yMin = yMin
    self.yMax = yMax
  }

  /// The bounding box of `points`, grown by `padding` on every side.
  ///
  /// WORKLOADS.md's box is `bounding(points, padding: 3 * h)`. An empty set gives the unit box.
  public static func bounding(_ points: [SIMD2<Double>], padding: Double = 0) -> PlotBox {
    guard let first = points.first else { return PlotBox(xMin: -1, xMax: 1, yMin: -1, yMax: 1) }
    var lo = first
    var hi = first
    for p in points {
      lo = pointwiseMin(lo, p)
      hi = pointwiseMax(hi, p)
    }
    return PlotBox(
      xMin: lo.x - padding, xMax: hi.x + padding, yMin: lo.y - padding, yMax: hi.y + padding)
  }

  /// This box grown by `padding` on every side.
  public func padded(by padding: Double) -> PlotBox {
    PlotBox(xMin: xMin - padding, xMax: xMax + padding, yMin: yMin - padding, yMax: yMax + padding)
  }

  public var width: Double { xMax - xMin }
  public var height: Double { yMax - yMin }

  /// The centres of a `columns` × `rows` tiling, row by row from the bottom (yMin) up,
  /// each row left to right: x_j = xMin + (j + ½)·width/columns, likewise y.
  public func cellCentres(columns: Int, rows: Int) -> [SIMD2<Double>] {
    var centres: [SIMD2<Double>] = []
    centres.reserveCapacity(columns * rows)
    let dx = width / Double(columns)
    let dy = height / Double(rows)
    for i in 0..<rows {
      for j in 0..<columns {
        centres.append(SIMD2(xMin + (Double(j) + 0.5) * dx, yMin + (Double(i) + 0.5) * dy))
      }
    }
    return centres
  }
}
