// The register-blocked SIMD matrix product behind every 128-wide layer.

/// C = A·B for C with 128 columns, in 6 × 64 tiles held in twenty-four SIMD16 accumulators,
/// with 8 × 32 tiles for the rows a multiple of 24 leaves.
///
/// A's element (m, k) is read at `a[m·rowStride + k·depthStride]`, so the same kernel
/// multiplies activations by a transposed weight (rowStride 128, depthStride 1) and forms
/// weight gradients from transposed output gradients (rowStride 1, depthStride 128). B is
/// row-major with 128 columns. Each k step of a 6 × 64 tile loads four vectors of B,
/// broadcasts six elements of A and issues twenty-four fused multiply-adds (ten loads per
/// 24 products; the 8 × 32 tile needs ten per 16); the result goes through a
/// `TileEpilogue`. `rows` must be a multiple of 8.
///
/// Columns are visited in two strips of 64, so the strip of B in use (32 KB) stays in the
/// level-1 cache; within a strip every row sees its column blocks in increasing order, the
/// block at column 0 first.
enum MatrixKernels {
  /// The number of columns of B and C.
  static let width = 128

  /// C = A·B through `epilogue`; see the type's documentation for the layouts.
  @inline(never)
  static func multiply<Epilogue: TileEpilogue>(
    rows: Int, depth: Int, a: UnsafePointer<Float>, rowStride: Int, depthStride: Int,
    b: UnsafePointer<Float>, epilogue: Epilogue
  ) {
    precondition(rows % 8 == 0, "rows must be a multiple of 8")
    let wideRows = rows - rows % 24
    var column = 0
    while column < width {
      var row = 0
      while row < wideRows {
        wideTile(
          row: row, column: column, depth: depth, a: a, rowStride: rowStride,
          depthStride: depthStride, b: b, epilogue: epilogue)
        row &+= 6
      }
      while row < rows {
        tile(
          row: row, column: column, depth: depth, a: a, rowStride: rowStride,
          depthStride: depthStride, b: b, epilogue: epilogue)
        tile(
          row: row, column: column &+ 32, depth: depth, a: a, rowStride: rowStride,
          depthStride: depthStride, b: b, epilogue: epilogue)
        row &+= 8
      }
      column &+= 64
    }
  }

  /// Rows `row` ..< `row` + 6, columns `column` ..< `column` + 64.
  @inline(__always)
  static func wideTile<Epilogue: TileEpilogue>(
    row: Int, column: Int, depth: Int, a: UnsafePointer<Float>, rowStride: Int,
    depthStride: Int, b: UnsafePointer<Float>, epilogue: Epilogue
  ) {
    var c00 = SIMD16<Float>(), c01 = SIMD16<Float>(), c02 = SIMD16<Float>()
    var c03 = SIMD16<Float>(), c10 = SIMD16<Float>(), c11 = SIMD16<Float>()
    var c12 = SIMD16<Float>(), c13 = SIMD16<Float>(), c20 = SIMD16<Float>()
    var c21 = SIMD16<Float>(), c22 = SIMD16<Float>(), c23 = SIMD16<Float>()
    var c30 = SIMD16<Float>(), c31 = SIMD16<Float>(), c32 = SIMD16<Float>()
    var c33 = SIMD16<Float>(), c40 = SIMD16<Float>(), c41 = SIMD16<Float>()
    var c42 = SIMD16<Float>(), c43 = SIMD16<Float>(), c50 = SIMD16<Float>()
    var c51 = SIMD16<Float>(), c52 = SIMD16<Float>(), c53 = SIMD16<Float>()
    let s1 = rowStride, s2 = rowStride &* 2, s3 = rowStride &* 3, s4 = rowStride &* 4
    let s5 = rowStride &* 5
    var ap = a + row &* rowStride
    var bp = b + column
    var k = 0
    while k < depth {
      let b0 = load16(bp), b1 = load16(bp + 16), b2 = load16(bp + 32), b3 = load16(bp + 48)
      var av = SIMD16<Float>(repeating: ap[0])
      c00 = c00.addingProduct(av, b0)
      c01 = c01.addingProduct(av, b1)
      c02 = c02.addingProduct(av, b2)
      c03 = c03.addingProduct(av, b3)
      av = SIMD16<Float>(repeating: ap[s1])
      c10 = c10.addingProduct(av, b0)
      c11 = c11.addingProduct(av, b1)
      c12 = c12.addingProduct(av, b2)
      c13 = c13.addingProduct(av, b3)
      av = SIMD16<Float>(repeating: ap[s2])
      c20 = c20.addingProduct(av, b0)
      c21 = c21.addingProduct(av, b1)
      c22 = c22.addingProduct(av, b2)
      c23 = c23.addingProduct(av, b3)
      av = SIMD16<Float>(repeating: ap[s3])
      c30 = c30.addingProduct(av, b0)
      c31 = c31.addingProduct(av, b1)
      c32 = c32.addingProduct(av, b2)
      c33 = c33.addingProduct(av, b3)
      av = SIMD16<Float>(repeating: ap[s4])
      c40 = c40.addingProduct(av, b0)
      c41 = c41.addingProduct(av, b1)
      c42 = c42.addingProduct(av, b2)
      c43 = c43.addingProduct(av, b3)
      av = SIMD16<Float>(repeating: ap[s5])
      c50 = c50.addingProduct(av, b0)
      c51 = c51.addingProduct(av, b1)
      c52 = c52.addingProduct(av, b2)
      c53 = c53.addingProduct(av, b3)
      ap += depthStride
      bp += width
      k &+= 1
    }
    var index = row &* width &+ column
    epilogue.apply(c00, index: index, column: column)
    epilogue.apply(c01, index: index &+ 16, column: column &+ 16)
    epilogue.apply(c02, index: index &+ 32, column: column &+ 32)
    epilogue.apply(c03, index: index &+ 48, column: column &+ 48)
    index &+= width
    epilogue.apply(c10, index: index, column: column)
    epilogue.apply(c11, index: index &+ 16, column: column &+ 16)
    epilogue.apply(c12, index: index &+ 32, column: column &+ 32)
    epilogue.apply(c13, index: index &+ 48, column: column &+ 48)
    index &+= width
    epilogue.apply(c20, index: index, column: column)
    epilogue.apply(c21, index: index &+ 16, column: column &+ 16)
    epilogue.apply(c22, index: index &+ 32, column: column &+ 32)
    epilogue.apply(c23, index: index &+ 48, column: column &+ 48)
    index &+= width
    epilogue.apply(c30, index: index, column: column)
    epilogue.apply(c31, index: index &+ 16, column: column &+ 16)
    epilogue.apply(c32, index: index &+ 32, column: column &+ 32)
    epilogue.apply(c33, index: index &+ 48, column: column &+ 48)
    index &+= width
    epilogue.apply(c40, index: index, column: column)
    epilogue.apply(c41, index: index &+ 16, column: column &+ 16)
    epilogue.apply(c42, index: index &+ 32, column: column &+ 32)
    epilogue.apply(c43, index: index &+ 48, column: column &+ 48)
    index &+= width
    epilogue.apply(c50, index: index, column: column)
    epilogue.apply(c51, index: index &+ 16, column: column &+ 16)
    epilogue.apply(c52, index: index &+ 32, column: column &+ 32)
    epilogue.apply(c53, index: index &+ 48, column: column &+ 48)
  }

  /// Rows `row` ..< `row` + 8, columns `column` ..< `column` + 32.
  @inline(__always)
  static func tile<Epilogue: TileEpilogue>(
    row: Int, column: Int, depth: Int, a: UnsafePointer<Float>, rowStride: Int,
    depthStride: Int, b: UnsafePointer<Float>, epilogue: Epilogue
  ) {
    var c00 = SIMD16<Float>(), c01 = SIMD16<Float>()
    var c10 = SIMD16<Float>(), c11 = SIMD16<Float>()
    var c20 = SIMD16<Float>(), c21 = SIMD16<Float>()
    var c30 = SIMD16<Float>(), c31 = SIMD16<Float>()
    var c40 = SIMD16<Float>(), c41 = SIMD16<Float>()
    var c50 = SIMD16<Float>(), c51 = SIMD16<Float>()
    var c60 = SIMD16<Float>(), c61 = SIMD16<Float>()
    var c70 = SIMD16<Float>(), c71 = SIMD16<Float>()
    let s1 = rowStride, s2 = rowStride &* 2, s3 = rowStride &* 3, s4 = rowStride &* 4
    let s5 = rowStride &* 5, s6 = rowStride &* 6, s7 = rowStride &* 7
    var ap = a + row &* rowStride
    var bp = b + column
    var k = 0
    while k < depth {
      let b0 = load16(bp)
      let b1 = load16(bp + 16)
      var av = SIMD16<Float>(repeating: ap[0])
      c00 = c00.addingProduct(av, b0)
      c01 = c01.addingProduct(av, b1)
      av = SIMD16<Float>(repeating: ap[s1])
      c10 = c10.addingProduct(av, b0)
      c11 = c11.addingProduct(av, b1)
      av = SIMD16<Float>(repeating: ap[s2])
      c20 = c20.addingProduct(av, b0)
      c21 = c21.addingProduct(av, b1)
      av = SIMD16<Float>(repeating: ap[s3])
      c30 = c30.addingProduct(av, b0)
      c31 = c31.addingProduct(av, b1)
      av = SIMD16<Float>(repeating: ap[s4])
      c40 = c40.addingProduct(av, b0)
      c41 = c41.addingProduct(av, b1)
      av = SIMD16<Float>(repeating: ap[s5])
      c50 = c50.addingProduct(av, b0)
      c51 = c51.addingProduct(av, b1)
      av = SIMD16<Float>(repeating: ap[s6])
      c60 = c60.addingProduct(av, b0)
      c61 = c61.addingProduct(av, b1)
      av = SIMD16<Float>(repeating: ap[s7])
      c70 = c70.addingProduct(av, b0)
      c71 = c71.addingProduct(av, b1)
      ap += depthStride
      bp += width
      k &+= 1
    }
    var index = row &* width &+ column
    epilogue.apply(c00, index: index, column: column)
    epilogue.apply(c01, index: index &+ 16, column: column &+ 16)
    index &+= width
    epilogue.apply(c10, index: index, column: column)
    epilogue.apply(c11, index: index &+ 16, column: column &+ 16)
    index &+= width
    epilogue.apply(c20, index: index, column: column)
    epilogue.apply(c21, index: index &+ 16, column: column &+ 16)
    index &+= width
    epilogue.apply(c30, index: index, column: column)
    epilogue.apply(c31, index: index &+ 16, column: column &+ 16)
    index &+= width
    epilogue.apply(c40, index: index, column: column)
    epilogue.apply(c41, index: index &+ 16, column: column &+ 16)
    index &+= width
    epilogue.apply(c50, index: index, column: column)
    epilogue.apply(c51, index: index &+ 16, column: column &+ 16)
    index &+= width
    epilogue.apply(c60, index: index, column: column)
    epilogue.apply(c61, index: index &+ 16, column: column &+ 16)
    index &+= width
    epilogue.apply(c70, index: index, column: column)
    epilogue.apply(c71, index: index &+ 16, column: column &+ 16)
  }
}
