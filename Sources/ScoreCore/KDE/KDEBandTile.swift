// The inner step of the separable grid sum: four cells' banded sums over 32 lanes.

/// A 4 × 32 block of banded sums, tile[32m + r] = Σₖ factor(m, k)·source[k·stride + r], for the
/// four cells m of one group of `KDEKernelBands` and 32 consecutive lanes r of a matrix whose
/// rows are nodes.
///
/// Both passes of the separable sum are made of these blocks: sixteen vectors of eight stay in
/// registers, so each load of the source feeds four multiply-adds. A block is stored either
/// transposed (lanes down, cells across: what the next pass reads as node rows) or as it is.
struct KDEBandTile {
  /// The 128 sums, cell by cell.
  let sums = UnsafeMutablePointer<Double>.allocate(capacity: 128)

  func deallocate() {
    sums.deallocate()
  }

  /// Sums the band `band` of `factors` over the rows of `source` (the band's nodes, `stride`
  /// Doubles apart, from `source` + band.start·stride): 32 lanes from `source`.
  @inline(__always)
  func sum(
    factors: UnsafePointer<SIMD4<Double>>, band: (start: Int, count: Int, offset: Int),
    source: UnsafePointer<Double>, stride: Int
  ) {
    sumFourBands(
      factors: factors + band.offset, count: band.count, source: source + band.start &* stride,
      stride: stride, into: sums)
  }

  /// Stores the first `cells` cells and `lanes` lanes of the sums: at
  /// output[r·outputStride + m] when `transposed`, else at output[m·outputStride + r].
  ///
  /// Kept out of line: inlined, the compiler folds the transpose into the multiply-add loop
  /// and runs that loop on transposed four-wide vectors instead.
  @inline(never)
  func store(
    into output: UnsafeMutablePointer<Double>, outputStride: Int, cells: Int, lanes: Int,
    transposed: Bool
  ) {
    if transposed {
      for lane in 0..<lanes {
        let target = output + lane &* outputStride
        if cells == 4 {
          UnsafeMutableRawPointer(target).storeBytes(
            of: SIMD4(sums[lane], sums[32 &+ lane], sums[64 &+ lane], sums[96 &+ lane]),
            as: SIMD4<Double>.self)
        } else {
          for cell in 0..<cells { target[cell] = sums[32 &* cell &+ lane] }
        }
      }
    } else {
      for cell in 0..<cells {
        (output + cell &* outputStride).update(from: sums + 32 &* cell, count: lanes)
      }
    }
  }
}

/// For the four cells m of a group and 32 lanes r: tile[32m + r] = Σₖ factors[k][m]·
/// source[k·stride + r].
@inline(__always)
private func sumFourBands(
  factors: UnsafePointer<SIMD4<Double>>, count: Int, source: UnsafePointer<Double>,
  stride: Int, into tile: UnsafeMutablePointer<Double>
) {
  var a0 = SIMD8<Double>()
  var a1 = SIMD8<Double>()
  var a2 = SIMD8<Double>()
  var a3 = SIMD8<Double>()
  var b0 = SIMD8<Double>()
  var b1 = SIMD8<Double>()
  var b2 = SIMD8<Double>()
  var b3 = SIMD8<Double>()
  var c0 = SIMD8<Double>()
  var c1 = SIMD8<Double>()
  var c2 = SIMD8<Double>()
  var c3 = SIMD8<Double>()
  var d0 = SIMD8<Double>()
  var d1 = SIMD8<Double>()
  var d2 = SIMD8<Double>()
  var d3 = SIMD8<Double>()
  var row = UnsafeRawPointer(source)
  let rowBytes = stride &* MemoryLayout<Double>.stride
  for k in 0..<count {
    let factor = factors[k]
    let r0 = row.loadUnaligned(as: SIMD8<Double>.self)
    let r1 = row.loadUnaligned(fromByteOffset: 64, as: SIMD8<Double>.self)
    let r2 = row.loadUnaligned(fromByteOffset: 128, as: SIMD8<Double>.self)
    let r3 = row.loadUnaligned(fromByteOffset: 192, as: SIMD8<Double>.self)
    let fa = SIMD8<Double>(repeating: factor.x)
    let fb = SIMD8<Double>(repeating: factor.y)
    let fc = SIMD8<Double>(repeating: factor.z)
    let fd = SIMD8<Double>(repeating: factor.w)
    a0 = a0.addingProduct(r0, fa)
    a1 = a1.addingProduct(r1, fa)
    a2 = a2.addingProduct(r2, fa)
    a3 = a3.addingProduct(r3, fa)
    b0 = b0.addingProduct(r0, fb)
    b1 = b1.addingProduct(r1, fb)
    b2 = b2.addingProduct(r2, fb)
    b3 = b3.addingProduct(r3, fb)
    c0 = c0.addingProduct(r0, fc)
    c1 = c1.addingProduct(r1, fc)
    c2 = c2.addingProduct(r2, fc)
    c3 = c3.addingProduct(r3, fc)
    d0 = d0.addingProduct(r0, fd)
    d1 = d1.addingProduct(r1, fd)
    d2 = d2.addingProduct(r2, fd)
    d3 = d3.addingProduct(r3, fd)
    row += rowBytes
  }
  let target = UnsafeMutableRawPointer(tile)
  storeRow(a0, a1, a2, a3, at: target)
  storeRow(b0, b1, b2, b3, at: target + 256)
  storeRow(c0, c1, c2, c3, at: target + 512)
  storeRow(d0, d1, d2, d3, at: target + 768)
}

/// Stores 32 Doubles held in four vectors at `target`.
@inline(__always)
private func storeRow(
  _ v0: SIMD8<Double>, _ v1: SIMD8<Double>, _ v2: SIMD8<Double>, _ v3: SIMD8<Double>,
  at target: UnsafeMutableRawPointer
) {
  target.storeBytes(of: v0, as: SIMD8<Double>.self)
  target.storeBytes(of: v1, toByteOffset: 64, as: SIMD8<Double>.self)
  target.storeBytes(of: v2, toByteOffset: 128, as: SIMD8<Double>.self)
  target.storeBytes(of: v3, toByteOffset: 192, as: SIMD8<Double>.self)
}
