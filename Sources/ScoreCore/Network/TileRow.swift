// One row of a matrix tile held in registers, in the shape each instruction set fits.

/// The accumulators for one row of a tile of C: `columns` consecutive outputs, a multiple of
/// 16 that divides `MatrixKernels.stripWidth`, kept in vector registers across the k loop.
///
/// A six-row tile holds six rows, one strip of B and one broadcast element of A at a time, so
/// `columns` is chosen to fill the register file without spilling.
protocol TileRow {
  /// One row of B's strip, `columns` wide.
  associatedtype Strip

  /// The number of columns of C the row holds.
  static var columns: Int { get }

  /// A row of zeros.
  init()

  /// The `columns` elements of B from `b`.
  static func load(_ b: UnsafePointer<Float>) -> Strip

  /// c += a·strip: one element of A times a row of the B strip.
  mutating func add(_ a: Float, _ strip: Strip)

  /// The row's 16-column blocks through `epilogue`, left to right from flat `index`.
  func apply<Epilogue: TileEpilogue>(_ epilogue: Epilogue, index: Int, row: Int, column: Int)
}

#if SCOREVIZ_AVX512 && !arch(arm64)
  /// AVX-512 has 32 registers of 16 floats: a 6 × 64 tile takes 24 accumulators, 4 for the
  /// strip of B and 1 for the broadcast, ten loads per 24 fused multiply-adds.
  typealias TargetTileRow = SixtyFourColumnRow
#else
  /// AVX2 has 16 registers of 8 floats and NEON 32 of 4: a 6 × 16 tile takes 12 AVX2
  /// registers for accumulators, 2 for B and 1 for the broadcast (15 of 16; eight loads per
  /// 12 fused multiply-adds), or 24 + 4 + 1 of NEON's 32 (ten loads per 24).
  typealias TargetTileRow = SixteenColumnRow
#endif

/// One row of 64 columns: four SIMD16 accumulators.
struct SixtyFourColumnRow: TileRow {
  /// Four blocks of 16 elements of B.
  struct Strip {
    let b0: SIMD16<Float>, b1: SIMD16<Float>, b2: SIMD16<Float>, b3: SIMD16<Float>
  }

  static var columns: Int { 64 }

  var c0 = SIMD16<Float>(), c1 = SIMD16<Float>(), c2 = SIMD16<Float>(), c3 = SIMD16<Float>()

  @inline(__always)
  static func load(_ b: UnsafePointer<Float>) -> Strip {
    Strip(b0: load16(b), b1: load16(b + 16), b2: load16(b + 32), b3: load16(b + 48))
  }

  @inline(__always)
  mutating func add(_ a: Float, _ strip: Strip) {
    let av = SIMD16<Float>(repeating: a)
    c0 = c0.addingProduct(av, strip.b0)
    c1 = c1.addingProduct(av, strip.b1)
    c2 = c2.addingProduct(av, strip.b2)
    c3 = c3.addingProduct(av, strip.b3)
  }

  @inline(__always)
  func apply<Epilogue: TileEpilogue>(_ epilogue: Epilogue, index: Int, row: Int, column: Int) {
    epilogue.apply(c0, index: index, row: row, column: column)
    epilogue.apply(c1, index: index &+ 16, row: row, column: column &+ 16)
    epilogue.apply(c2, index: index &+ 32, row: row, column: column &+ 32)
    epilogue.apply(c3, index: index &+ 48, row: row, column: column &+ 48)
  }
}

/// One row of 16 columns: one SIMD16 accumulator, which the compiler keeps as two AVX2 or
/// four NEON registers.
struct SixteenColumnRow: TileRow {
  static var columns: Int { 16 }

  var c = SIMD16<Float>()

  @inline(__always)
  static func load(_ b: UnsafePointer<Float>) -> SIMD16<Float> { load16(b) }

  @inline(__always)
  mutating func add(_ a: Float, _ strip: SIMD16<Float>) {
    c = c.addingProduct(SIMD16<Float>(repeating: a), strip)
  }

  @inline(__always)
  func apply<Epilogue: TileEpilogue>(_ epilogue: Epilogue, index: Int, row: Int, column: Int) {
    epilogue.apply(c, index: index, row: row, column: column)
  }
}
