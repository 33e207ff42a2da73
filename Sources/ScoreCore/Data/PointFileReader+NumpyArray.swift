// Reading points from numpy's .npy files: float32 or float64, either byte order, C or Fortran order.

extension PointFileReader {
  /// Reads points from an NPY array of shape (N, k), k ≥ 2.
  ///
  /// Nothing is allocated before the shape is checked: N·k·(element size) must not
  /// overflow and must fit in the bytes that follow the header, and N must be at most
  /// `pointLimit`.
  ///
  /// Columns are chosen by index only (an NPY array has no column names); the default is
  /// columns 0 and 1. Element (i, j) is at i·k + j in C order and at j·N + i in Fortran
  /// order. float32 values are widened exactly. Bytes after the array are ignored, as numpy
  /// does. A NaN is a missing value and ±∞ an infinite one (see `read(path:columns:dropMissing:)`);
  /// their errors name the element's 0-based numpy index `[row, column]` since the file has
  /// no lines.
  static func readNumpyArray(
    _ bytes: UnsafeBufferPointer<UInt8>, file: String, columns: [ColumnSelector]?, dropMissing: Bool,
    coordinateLimit: Double, pointLimit: Int
  ) throws -> PointFileContents {
    let header = try NumpyHeader.parse(bytes, file: file)
    let shapeText = PythonLiteral.tuple(header.shape.map { .integer($0) }).shownRepresentation
    guard header.shape.count <= 2 else {
      throw DatasetError(
        .data, file: file, message: "header: shape \(shapeText) has \(header.shape.count) dimensions, expected (N, 2)")
    }
    guard header.shape.count == 2, header.shape[1] >= 2 else {
      throw DatasetError(.data, file: file, message: "header: shape \(shapeText) needs 2 columns")
    }
    let rows = header.shape[0]
    let width = header.shape[1]
    guard rows <= pointLimit else {
      throw DatasetError(.data, file: file, message: "shape \(shapeText): \(tooManyPointsMessage(limit: pointLimit))")
    }
    let (rowBytes, rowOverflow) = width.multipliedReportingOverflow(by: header.elementType.size)
    let (totalBytes, totalOverflow) = rows.multipliedReportingOverflow(by: rowBytes)
    let overflow = rowOverflow || totalOverflow
    let expectedBytes = totalBytes
    let found = bytes.count - header.dataOffset
    guard !overflow, found >= expectedBytes else {
      throw DatasetError(
        .data, file: file,
        message:
          "truncated data: expected \(overflow ? "more than \(Int.max)" : String(expectedBytes)) bytes for shape \(shapeText), found \(found)"
      )
    }
    let chosen: [Int]
    if let columns {
      chosen = try columns.map { selector in
        switch selector {
        case .index(let index) where index >= 0 && index < width:
          return index
        case .index(let index):
          throw DatasetError(
            .usage, file: file,
            message: "column index \(index) is out of range: the array has \(width) columns (0 to \(width - 1))")
        case .name(let name):
          throw DatasetError(
            .usage, file: file,
            message: "column '\(name)' is chosen by name but an NPY array has no column names; choose columns by index")
        }
      }
    } else {
      guard width == 2 else {
        throw DatasetError(
          .usage, file: file,
          message: "shape \(shapeText) has \(width) columns (indices 0 to \(width - 1)); choose two with --columns")
      }
      chosen = [0, 1]
    }

    let data = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[header.dataOffset...])
    let rowStride = header.isFortranOrder ? 1 : width
    let columnStride = header.isFortranOrder ? rows : 1
    let xStart = chosen[0] * columnStride
    let yStart = chosen[1] * columnStride
    var points = [SIMD2<Double>](repeating: .zero, count: rows)
    points.withUnsafeMutableBufferPointer { out in
      switch (header.elementType, header.isBigEndian) {
      case (.float64, let bigEndian):
        for i in 0..<rows {
          let x = data.loadUnaligned(fromByteOffset: (xStart &+ i &* rowStride) &* 8, as: UInt64.self)
          let y = data.loadUnaligned(fromByteOffset: (yStart &+ i &* rowStride) &* 8, as: UInt64.self)
          out[i] = SIMD2(
            Double(bitPattern: bigEndian ? UInt64(bigEndian: x) : UInt64(littleEndian: x)),
            Double(bitPattern: bigEndian ? UInt64(bigEndian: y) : UInt64(littleEndian: y)))
        }
      case (.float32, let bigEndian):
        for i in 0..<rows {
          let x = data.loadUnaligned(fromByteOffset: (xStart &+ i &* rowStride) &* 4, as: UInt32.self)
          let y = data.loadUnaligned(fromByteOffset: (yStart &+ i &* rowStride) &* 4, as: UInt32.self)
          out[i] = SIMD2(
            Double(Float(bitPattern: bigEndian ? UInt32(bigEndian: x) : UInt32(littleEndian: x))),
            Double(Float(bitPattern: bigEndian ? UInt32(bigEndian: y) : UInt32(littleEndian: y))))
        }
      }
    }

    var droppedRows = 0
    if let firstBad = points.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite) }) {
      guard dropMissing else {
        let point = points[firstBad]
        let (column, value) = point.x.isFinite ? (chosen[1], point.y) : (chosen[0], point.x)
        let kind = value.isNaN ? "missing value" : "infinite value"
        throw DatasetError(
          .data, file: file, message: "\(kind) '\(value)' at index [\(firstBad), \(column)]")
      }
      let before = points.count
      points.removeAll { !($0.x.isFinite && $0.y.isFinite) }
      droppedRows = before - points.count
    }
    if let large = points.firstIndex(where: { max(abs($0.x), abs($0.y)) > coordinateLimit }) {
      let point = points[large]
      let (column, value) = abs(point.x) > coordinateLimit ? (chosen[0], point.x) : (chosen[1], point.y)
      throw DatasetError(
        .data, file: file,
        message: "\(tooLargeMessage("\(value)", limit: coordinateLimit)) at index [\(large), \(column)]")
    }
    return PointFileContents(points: points, droppedRows: droppedRows, format: .npy, header: nil, columnIndices: chosen)
  }
}
