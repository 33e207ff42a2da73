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
    var r0 = WideRow()
    var r1 = WideRow()
    var r2 = WideRow()
    var r3 = WideRow()
    var r4 = WideRow()
    var r5 = WideRow()
    let s1 = rowStride
    let s2 = rowStride &* 2
    let s3 = rowStride &* 3
    let s4 = rowStride &* 4
    let s5 = rowStride &* 5
    var ap = a + row &* rowStride
    var bp = b + column
    var k = 0
    while k < depth {
      let b0 = load16(bp)
      let b1 = load16(bp + 16)
      let b2 = load16(bp + 32)
      let b3 = load16(bp + 48)
      r0.add(ap[0], b0, b1, b2, b3)
      r1.add(ap[s1], b0, b1, b2, b3)
      r2.add(ap[s2], b0, b1, b2, b3)
      r3.add(ap[s3], b0, b1, b2, b3)
      r4.add(ap[s4], b0, b1, b2, b3)
      r5.add(ap[s5], b0, b1, b2, b3)
      ap += depthStride
      bp += width
      k &+= 1
    }
    let index = row &* width &+ column
    r0.apply(epilogue, index: index, column: column)
    r1.apply(epilogue, index: index &+ width, column: column)
    r2.apply(epilogue, index: index &+ 2 &* width, column: column)
    r3.apply(epilogue, index: index &+ 3 &* width, column: column)
    r4.apply(epilogue, index: index &+ 4 &* width, column: column)
    r5.apply(epilogue, index: index &+ 5 &* width, column: column)
  }

  /// Rows `row` ..< `row` + 8, columns `column` ..< `column` + 32.
  @inline(__always)
  static func tile<Epilogue: TileEpilogue>(
    row: Int, column: Int, depth: Int, a: UnsafePointer<Float>, rowStride: Int,
    depthStride: Int, b: UnsafePointer<Float>, epilogue: Epilogue
  ) {
    var r0 = NarrowRow()
    var r1 = NarrowRow()
    var r2 = NarrowRow()
    var r3 = NarrowRow()
    var r4 = NarrowRow()
    var r5 = NarrowRow()
    var r6 = NarrowRow()
    var r7 = NarrowRow()
    let s1 = rowStride
    let s2 = rowStride &* 2
    let s3 = rowStride &* 3
    let s4 = rowStride &* 4
    let s5 = rowStride &* 5
    let s6 = rowStride &* 6
    let s7 = rowStride &* 7
    var ap = a + row &* rowStride
    var bp = b + column
    var k = 0
    while k < depth {
      let b0 = load16(bp)
      let b1 = load16(bp + 16)
      r0.add(ap[0], b0, b1)
      r1.add(ap[s1], b0, b1)
      r2.add(ap[s2], b0, b1)
      r3.add(ap[s3], b0, b1)
      r4.add(ap[s4], b0, b1)
      r5.add(ap[s5], b0, b1)
      r6.add(ap[s6], b0, b1)
      r7.add(ap[s7], b0, b1)
      ap += depthStride
      bp += width
      k &+= 1
    }
    let index = row &* width &+ column
    r0.apply(epilogue, index: index, column: column)
    r1.apply(epilogue, index: index &+ width, column: column)
    r2.apply(epilogue, index: index &+ 2 &* width, column: column)
    r3.apply(epilogue, index: index &+ 3 &* width, column: column)
    r4.apply(epilogue, index: index &+ 4 &* width, column: column)
    r5.apply(epilogue, index: index &+ 5 &* width, column: column)
    r6.apply(epilogue, index: index &+ 6 &* width, column: column)
    r7.apply(epilogue, index: index &+ 7 &* width, column: column)
  }
}

/// One row of a 6 × 64 tile: four accumulators of 16 columns, kept in registers.
private struct WideRow {
  var c0 = SIMD16<Float>(), c1 = SIMD16<Float>(), c2 = SIMD16<Float>(), c3 = SIMD16<Float>()

  /// c += a·(b0, b1, b2, b3): one element of A times a row of the B strip.
  @inline(__always)
  mutating func add(
    _ a: Float, _ b0: SIMD16<Float>, _ b1: SIMD16<Float>, _ b2: SIMD16<Float>,
    _ b3: SIMD16<Float>
  ) {
    let av = SIMD16<Float>(repeating: a)
    c0 = c0.addingProduct(av, b0)
    c1 = c1.addingProduct(av, b1)
    c2 = c2.addingProduct(av, b2)
    c3 = c3.addingProduct(av, b3)
  }

  /// The row's four blocks through `epilogue`, left to right from flat `index`.
  @inline(__always)
  func apply<Epilogue: TileEpilogue>(_ epilogue: Epilogue, index: Int, column: Int) {
    epilogue.apply(c0, index: index, column: column)
    epilogue.apply(c1, index: index &+ 16, column: column &+ 16)
    epilogue.apply(c2, index: index &+ 32, column: column &+ 32)
    epilogue.apply(c3, index: index &+ 48, column: column &+ 48)
  }
}

/// One row of an 8 × 32 tile: two accumulators of 16 columns, kept in registers.
private struct NarrowRow {
  var c0 = SIMD16<Float>(), c1 = SIMD16<Float>()

  /// c += a·(b0, b1).
  @inline(__always)
  mutating func add(_ a: Float, _ b0: SIMD16<Float>, _ b1: SIMD16<Float>) {
    let av = SIMD16<Float>(repeating: a)
    c0 = c0.addingProduct(av, b0)
    c1 = c1.addingProduct(av, b1)
  }

  /// The row's two blocks through `epilogue`, left to right from flat `index`.
  @inline(__always)
  func apply<Epilogue: TileEpilogue>(_ epilogue: Epilogue, index: Int, column: Int) {
    epilogue.apply(c0, index: index, column: column)
    epilogue.apply(c1, index: index &+ 16, column: column &+ 16)
  }
}
