// A hook that lets tests check the tiled matrix product against a plain sum.

/// The tile shapes of `MatrixKernels`, each of which any build can run.
package enum MatrixTileShape: CaseIterable, Sendable {
  /// Six rows of 16 columns: the AVX2 and NEON shape.
  case sixteenColumns
  /// Six rows of 64 columns: the AVX-512 shape.
  case sixtyFourColumns
}

extension MatrixTileShape {
  /// The columns of one tile row: the widths a product in this shape takes are its multiples.
  package var columns: Int {
    switch self {
    case .sixteenColumns: SixteenColumnRow.columns
    case .sixtyFourColumns: SixtyFourColumnRow.columns
    }
  }
}

/// C = A·B (rows × `width`) in tiles of `shape`, with A read at `a[m·rowStride + k·depthStride]`
/// and B row-major `depth` × `width`.
///
/// - Precondition: `rows` is a multiple of 8, `width` one of `shape.columns`, and the arrays
///   are large enough.
package func tiledMatrixProduct(
  rows: Int, width: Int, depth: Int, a: [Float], rowStride: Int, depthStride: Int, b: [Float],
  shape: MatrixTileShape
) -> [Float] {
  precondition(rows % 8 == 0 && width % shape.columns == 0 && b.count >= depth * width)
  precondition(a.count > (rows - 1) * rowStride + (depth - 1) * depthStride)
  var c = [Float](repeating: .nan, count: rows * width)
  a.withUnsafeBufferPointer { a in
    b.withUnsafeBufferPointer { b in
      c.withUnsafeMutableBufferPointer { c in
        let epilogue = StoreEpilogue(output: c.baseAddress!)
        switch shape {
        case .sixteenColumns:
          MatrixKernels.multiply(
            SixteenColumnRow.self, rows: rows, width: width, depth: depth, a: a.baseAddress!,
            rowStride: rowStride, depthStride: depthStride, b: b.baseAddress!, epilogue: epilogue)
        case .sixtyFourColumns:
          MatrixKernels.multiply(
            SixtyFourColumnRow.self, rows: rows, width: width, depth: depth, a: a.baseAddress!,
            rowStride: rowStride, depthStride: depthStride, b: b.baseAddress!, epilogue: epilogue)
        }
      }
    }
  }
  return c
}
