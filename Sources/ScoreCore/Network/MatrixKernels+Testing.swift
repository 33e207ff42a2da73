// A hook that lets tests check the tiled matrix product against a plain sum.

/// C = A·B (rows × 128) as every layer computes it, with A read at
/// `a[m·rowStride + k·depthStride]` and B row-major `depth` × 128.
///
/// - Precondition: `rows` is a multiple of 8 and the arrays are large enough.
package func tiledMatrixProduct(
  rows: Int, depth: Int, a: [Float], rowStride: Int, depthStride: Int, b: [Float]
) -> [Float] {
  precondition(rows % 8 == 0 && b.count >= depth * MatrixKernels.width)
  precondition(a.count > (rows - 1) * rowStride + (depth - 1) * depthStride)
  var c = [Float](repeating: .nan, count: rows * MatrixKernels.width)
  a.withUnsafeBufferPointer { a in
    b.withUnsafeBufferPointer { b in
      c.withUnsafeMutableBufferPointer { c in
        MatrixKernels.multiply(
          rows: rows, depth: depth, a: a.baseAddress!, rowStride: rowStride,
          depthStride: depthStride, b: b.baseAddress!,
          epilogue: StoreEpilogue(output: c.baseAddress!))
      }
    }
  }
  return c
}
