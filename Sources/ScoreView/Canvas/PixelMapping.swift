// The map from data coordinates (y up) to the sub-cell pixels of a canvas (y down), and back.

import ScoreCore

/// Sends data points in a `PlotBox` to the pixels of a `pixelWidth` × `pixelHeight` grid.
///
/// px = ⌊(x − xMin) / (xMax − xMin) · pixelWidth⌋, py = ⌊(yMax − y) / (yMax − yMin) ·
/// pixelHeight⌋: data y grows upwards, pixel rows grow downwards, so yMax is row 0. The box
/// is closed: points on its right or bottom edge land in the last column or row. Points
/// outside the box, non-finite coordinates, an empty grid or a box of zero or negative
/// (or non-finite) width or height map to nothing. `dataPoint(column:row:)` goes back from
/// a pixel to its centre in data units.
public struct PixelMapping: Sendable, Equatable {
  /// The data region the grid covers.
  public var box: PlotBox
  /// Pixels across.
  public var pixelWidth: Int
  /// Pixels down.
  public var pixelHeight: Int

  public init(box: PlotBox, pixelWidth: Int, pixelHeight: Int) {
    self.box = box
    self.pixelWidth = pixelWidth
    self.pixelHeight = pixelHeight
  }

  /// The pixel (column, row) that contains `point`, or nil when none does.
  public func pixel(for point: SIMD2<Double>) -> (x: Int, y: Int)? {
    guard isUsable, point.x >= box.xMin, point.x <= box.xMax,
      point.y >= box.yMin, point.y <= box.yMax
    else { return nil }
    let u = (point.x - box.xMin) / box.width * Double(pixelWidth)
    let v = (box.yMax - point.y) / box.height * Double(pixelHeight)
    return (min(pixelWidth - 1, Int(u)), min(pixelHeight - 1, Int(v)))
  }

  /// The centre of pixel (column, row) in data units, or nil when the grid has no such pixel
  /// or the mapping sends nothing anywhere.
  ///
  /// x = xMin + (column + ½) · (xMax − xMin) / pixelWidth, y = yMax − (row + ½) · (yMax − yMin) /
  /// pixelHeight: the inverse of `pixel(for:)`, which sends the result back to (column, row).
  public func dataPoint(column: Int, row: Int) -> SIMD2<Double>? {
    guard isUsable, (0..<pixelWidth).contains(column), (0..<pixelHeight).contains(row)
    else { return nil }
    let x = box.xMin + (Double(column) + 0.5) / Double(pixelWidth) * box.width
    let y = box.yMax - (Double(row) + 0.5) / Double(pixelHeight) * box.height
    return SIMD2(x, y)
  }

  /// Whether the grid has pixels and the box a positive, finite width and height.
  private var isUsable: Bool {
    pixelWidth > 0 && pixelHeight > 0 && box.width > 0 && box.height > 0 && box.width.isFinite
      && box.height.isFinite
  }
}
