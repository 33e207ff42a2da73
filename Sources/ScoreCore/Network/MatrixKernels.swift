// The register-blocked SIMD matrix product behind every hidden layer.

/// C = A·B for C with `width` columns (a multiple of `columnBlock`), in tiles of six rows whose shape fits the vector
/// registers of the instruction set the build targets (see `TileRow`), with four-row tiles
/// for the rows a multiple of 12 leaves.
///
/// A's element (m, k) is read at `a[m·rowStride + k·depthStride]`, so the same kernel
/// multiplies activations by a transposed weight (rowStride `width`, depthStride 1) and forms
/// weight gradients from transposed output gradients (rowStride 1, depthStride `width`). B is
/// row-major with `width` columns, and so is C. Each k step of a tile loads one row of B's strip, broadcasts
/// one element of A per row and issues a fused multiply-add per accumulator; the result goes
/// through a `TileEpilogue`. Every output is the same k-ordered chain of fused multiply-adds
/// whatever the tile shape, so all shapes give identical results. `rows` must be a multiple
/// of 8.
///
/// Columns are visited in strips of 64 (the last one narrower when `width` is not a multiple
/// of 64), so the strip of B in use (32 KB for 128 rows) stays in the level-1 cache; within a strip every row sees its column blocks in increasing order, the
/// block at column 0 first.
enum MatrixKernels {
  /// The widths the kernels multiply are multiples of this: one tile row of the target's
  /// shape, 64 columns with AVX-512 and 16 otherwise.
  static let columnBlock = TargetTileRow.columns

  /// The columns of B visited before moving on to the next strip.
  static let stripWidth = 64

  /// C = A·B through `epilogue` in the target's tile shape; see the type's documentation.
  @inline(never)
  static func multiply<Epilogue: TileEpilogue>(
    rows: Int, width: Int, depth: Int, a: UnsafePointer<Float>, rowStride: Int, depthStride: Int,
    b: UnsafePointer<Float>, epilogue: Epilogue
  ) {
    multiply(
      TargetTileRow.self, rows: rows, width: width, depth: depth, a: a, rowStride: rowStride,
      depthStride: depthStride, b: b, epilogue: epilogue)
  }

  /// C = A·B through `epilogue` in tiles of `Row`s.
  @inline(__always)
  static func multiply<Row: TileRow, Epilogue: TileEpilogue>(
    _: Row.Type, rows: Int, width: Int, depth: Int, a: UnsafePointer<Float>, rowStride: Int,
    depthStride: Int, b: UnsafePointer<Float>, epilogue: Epilogue
  ) {
    precondition(rows % 8 == 0, "rows must be a multiple of 8")
    precondition(width > 0 && width % Row.columns == 0, "width must be a multiple of the tile's columns")
    let sixRowTiles = rows - rows % 12
    var strip = 0
    while strip < width {
      let stripEnd = min(strip &+ stripWidth, width)
      var row = 0
      while row < sixRowTiles {
        var column = strip
        while column < stripEnd {
          sixRows(
            Row.self, row: row, column: column, width: width, depth: depth, a: a, rowStride: rowStride,
            depthStride: depthStride, b: b, epilogue: epilogue)
          column &+= Row.columns
        }
        row &+= 6
      }
      while row < rows {
        var column = strip
        while column < stripEnd {
          fourRows(
            Row.self, row: row, column: column, width: width, depth: depth, a: a, rowStride: rowStride,
            depthStride: depthStride, b: b, epilogue: epilogue)
          column &+= Row.columns
        }
        row &+= 4
      }
      strip &+= stripWidth
    }
  }

  /// Rows `row` ..< `row` + 6, columns `column` ..< `column` + `Row.columns`.
  @inline(__always)
  static func sixRows<Row: TileRow, Epilogue: TileEpilogue>(
    _: Row.Type, row: Int, column: Int, width: Int, depth: Int, a: UnsafePointer<Float>, rowStride: Int,
    depthStride: Int, b: UnsafePointer<Float>, epilogue: Epilogue
  ) {
    var r0 = Row()
    var r1 = Row()
    var r2 = Row()
    var r3 = Row()
    var r4 = Row()
    var r5 = Row()
    let s1 = rowStride
    let s2 = rowStride &* 2
    let s3 = rowStride &* 3
    let s4 = rowStride &* 4
    let s5 = rowStride &* 5
    var ap = a + row &* rowStride
    var bp = b + column
    var k = 0
    while k < depth {
      let strip = Row.load(bp)
      r0.add(ap[0], strip)
      r1.add(ap[s1], strip)
      r2.add(ap[s2], strip)
      r3.add(ap[s3], strip)
      r4.add(ap[s4], strip)
      r5.add(ap[s5], strip)
      ap += depthStride
      bp += width
      k &+= 1
    }
    let index = row &* width &+ column
    r0.apply(epilogue, index: index, row: row, column: column)
    r1.apply(epilogue, index: index &+ width, row: row &+ 1, column: column)
    r2.apply(epilogue, index: index &+ 2 &* width, row: row &+ 2, column: column)
    r3.apply(epilogue, index: index &+ 3 &* width, row: row &+ 3, column: column)
    r4.apply(epilogue, index: index &+ 4 &* width, row: row &+ 4, column: column)
    r5.apply(epilogue, index: index &+ 5 &* width, row: row &+ 5, column: column)
  }

  /// Rows `row` ..< `row` + 4, columns `column` ..< `column` + `Row.columns`.
  @inline(__always)
  static func fourRows<Row: TileRow, Epilogue: TileEpilogue>(
    _: Row.Type, row: Int, column: Int, width: Int, depth: Int, a: UnsafePointer<Float>, rowStride: Int,
    depthStride: Int, b: UnsafePointer<Float>, epilogue: Epilogue
  ) {
    var r0 = Row()
    var r1 = Row()
    var r2 = Row()
    var r3 = Row()
    let s1 = rowStride
    let s2 = rowStride &* 2
    let s3 = rowStride &* 3
    var ap = a + row &* rowStride
    var bp = b + column
    var k = 0
    while k < depth {
      let strip = Row.load(bp)
      r0.add(ap[0], strip)
      r1.add(ap[s1], strip)
      r2.add(ap[s2], strip)
      r3.add(ap[s3], strip)
      ap += depthStride
      bp += width
      k &+= 1
    }
    let index = row &* width &+ column
    r0.apply(epilogue, index: index, row: row, column: column)
    r1.apply(epilogue, index: index &+ width, row: row &+ 1, column: column)
    r2.apply(epilogue, index: index &+ 2 &* width, row: row &+ 2, column: column)
    r3.apply(epilogue, index: index &+ 3 &* width, row: row &+ 3, column: column)
  }
}
