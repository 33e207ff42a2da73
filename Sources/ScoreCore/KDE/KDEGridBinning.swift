// Lagrange binning of KDE points: each point's unit mass spread over 4 × 8 fine nodes.

/// A fine grid of nodes and the points binned onto it.
///
/// Node (i, j) is `weights[i·stride + j]`, at (origin.u + i·δᵤ, origin.v + j·δᵥ): rows along
/// the first axis u, lanes along the second axis v. A point at t ∈ [0, 1) past row node i gives
/// rows i − 1 … i + 2 the cubic Lagrange weights, and at t past lane node j gives lanes
/// j − 3 … j + 4 the septic ones; each set sums to 1 and reproduces polynomials up to its
/// degree. With w = t(t − 1), the weights are, node by node,
/// cubic: (A(2 − t), B(t − 1), −B·t, A(t + 1)), A = w/6, B = (w − 2)/2;
/// septic: (A(4 − t), B(t − 3), C(2 − t), D(t − 1), −D·t, C(t + 1), −B(t + 2), A(t + 3)),
/// A = w(w − 2)(w − 6)/5040, B = w(w − 2)(w − 12)/720, C = w(w − 6)(w − 12)/240,
/// D = (w − 2)(w − 6)(w − 12)/144.
struct KDEGridBinning {
  /// The weights of the nodes, one row of `stride` Doubles per row node.
  let weights: [Double]
  /// Doubles per row: the lane nodes rounded up to a multiple of 32 for the banded passes.
  let stride: Int

  /// Bins the `count` points (`us[i]`, `vs[i]`) that lie in [`low`, `high`] onto
  /// `nodeCount` nodes along each axis, spaced `step` from `origin`; every kept point must lie
  /// at least one row node and three lane nodes above the first node and two row nodes and
  /// four lane nodes below the last.
  init(
    us: UnsafePointer<Double>, vs: UnsafePointer<Double>, count: Int,
    low: SIMD2<Double>, high: SIMD2<Double>, origin: SIMD2<Double>, step: SIMD2<Double>,
    nodeCount: SIMD2<Int>
  ) {
    let stride = (nodeCount.y + 31) & ~31
    var weights = [Double](repeating: 0, count: nodeCount.x * stride)
    let block = BinningBlock(
      low: low, high: high, origin: origin, scale: 1 / step,
      lastCorner: SIMD2(Double(nodeCount.x - 3), Double(nodeCount.y - 5)), stride: stride)
    defer { block.deallocate() }
    weights.withUnsafeMutableBufferPointer { buffer in
      let grid = buffer.baseAddress!
      // Each block is prepared while the one before is added, so that the scratch stores
      // have left the store buffer when the scalar loads of `add` read them.
      var slot = 0
      var i = 0
      while i < count {
        var u = SIMD8<Double>()
        var v = SIMD8<Double>()
        var present = SIMDMask<SIMD8<Int64>>(repeating: true)
        if i &+ 8 <= count {
          u = UnsafeRawPointer(us + i).loadUnaligned(as: SIMD8<Double>.self)
          v = UnsafeRawPointer(vs + i).loadUnaligned(as: SIMD8<Double>.self)
        } else {
          for lane in 0..<8 {
            present[lane] = i &+ lane < count
            if present[lane] {
              u[lane] = us[i &+ lane]
              v[lane] = vs[i &+ lane]
            }
          }
        }
        block.prepare(u: u, v: v, present: present, slot: slot)
        if i > 0 { block.add(slot: 1 &- slot, into: grid) }
        slot = 1 &- slot
        i &+= 8
      }
      if count > 0 { block.add(slot: 1 &- slot, into: grid) }
    }
    self.weights = weights
    self.stride = stride
  }
}

/// Eight points at a time: their node offsets and weights computed lane-parallel into a small
/// scratch area, then added to the grid point by point.
///
/// A point outside [`low`, `high`] (or a missing lane) is moved to the first node and gets row
/// weights 0, so every lane adds, the dropped ones nothing.
private struct BinningBlock {
  let low: SIMD2<Double>
  let high: SIMD2<Double>
  let origin: SIMD2<Double>
  /// 1/δ along each axis.
  let scale: SIMD2<Double>
  /// The largest corner node along each axis.
  let lastCorner: SIMD2<Double>
  let stride: Int
  /// Two slots of eight points: the offset of each point's first node in the grid.
  let offsets = UnsafeMutablePointer<Int64>.allocate(capacity: 16)
  /// Two slots of eight points: the four row weights, then the lane coefficients A, B, C,
  /// D and t (eight lanes each).
  let scratch = UnsafeMutablePointer<SIMD8<Double>>.allocate(capacity: 18)

  func deallocate() {
    offsets.deallocate()
    scratch.deallocate()
  }

  /// Fills scratch slot `slot` for the points (`u`, `v`) of the lanes that are `present`.
  @inline(__always)
  func prepare(
    u: SIMD8<Double>, v: SIMD8<Double>, present: SIMDMask<SIMD8<Int64>>, slot: Int
  ) {
    let offsets = self.offsets + 8 &* slot
    let scratch = self.scratch + 9 &* slot
    let kept = present .& (u .>= low.x) .& (u .<= high.x) .& (v .>= low.y) .& (v .<= high.y)
    var uKept = u
    var vKept = v
    uKept.replace(with: origin.x, where: .!kept)
    vKept.replace(with: origin.y, where: .!kept)
    let (uCorner, ut) = Self.split(
      (uKept - origin.x) * scale.x, first: 1, last: lastCorner.x)
    let (vCorner, vt) = Self.split(
      (vKept - origin.y) * scale.y, first: 3, last: lastCorner.y)
    offsets.withMemoryRebound(to: SIMD8<Int64>.self, capacity: 1) {
      $0.pointee = (uCorner &- 1) &* Int64(stride) &+ (vCorner &- 3)
    }
    let w = ut * ut - ut
    var a = w * (1.0 / 6)
    var b = (w - 2) * 0.5
    a.replace(with: 0, where: .!kept)
    b.replace(with: 0, where: .!kept)
    scratch[0] = a * (2 - ut)
    scratch[1] = b * (ut - 1)
    scratch[2] = -b * ut
    scratch[3] = a * (ut + 1)
    let x = vt * vt - vt
    scratch[4] = x * (x - 2) * (x - 6) * (1.0 / 5040)
    scratch[5] = x * (x - 2) * (x - 12) * (1.0 / 720)
    scratch[6] = x * (x - 6) * (x - 12) * (1.0 / 240)
    scratch[7] = (x - 2) * (x - 6) * (x - 12) * (1.0 / 144)
    scratch[8] = vt
  }

  /// Adds the weights of the points prepared in slot `slot` to the grid at `grid`.
  @inline(__always)
  func add(slot: Int, into grid: UnsafeMutablePointer<Double>) {
    let offsets = self.offsets + 8 &* slot
    let scratch = self.scratch + 9 &* slot
    let rowBytes = stride &* MemoryLayout<Double>.stride
    let values = UnsafeRawPointer(scratch).assumingMemoryBound(to: Double.self)
    for lane in 0..<8 {
      let a = values[32 &+ lane]
      let b = values[40 &+ lane]
      let c = values[48 &+ lane]
      let d = values[56 &+ lane]
      let t = values[64 &+ lane]
      let laneWeights =
        SIMD8(a, b, c, d, d, c, b, a)
        * SIMD8<Double>(4, -3, 2, -1, 0, 1, -2, 3).addingProduct(
          SIMD8(repeating: t), SIMD8(-1, 1, -1, 1, -1, 1, -1, 1))
      let first = UnsafeMutableRawPointer(grid + Int(truncatingIfNeeded: offsets[lane]))
      addScaled(laneWeights, by: values[lane], at: first)
      addScaled(laneWeights, by: values[8 &+ lane], at: first + rowBytes)
      addScaled(laneWeights, by: values[16 &+ lane], at: first + 2 &* rowBytes)
      addScaled(laneWeights, by: values[24 &+ lane], at: first + 3 &* rowBytes)
    }
  }

  /// The corner node ⌊x⌋, clamped to [`first`, `last`], as an integer, and t = x − corner.
  @inline(__always)
  private static func split(_ x: SIMD8<Double>, first: Double, last: Double)
    -> (SIMD8<Int64>, SIMD8<Double>)
  {
    var corner = x.rounded(.down)
    corner.replace(with: first, where: corner .< first)
    corner.replace(with: last, where: corner .> last)
    // Adding 2⁵² puts the integer in the low bits of the significand.
    let shifter = SIMD8<Double>(repeating: 4_503_599_627_370_496)
    let bits = unsafeBitCast(corner + shifter, to: SIMD8<Int64>.self)
    return (bits &- Int64(bitPattern: shifter[0].bitPattern), x - corner)
  }
}

/// Adds weight·values to the eight Doubles at `target`.
@inline(__always)
private func addScaled(
  _ values: SIMD8<Double>, by weight: Double, at target: UnsafeMutableRawPointer
) {
  let old = target.loadUnaligned(as: SIMD8<Double>.self)
  target.storeBytes(of: old.addingProduct(weight, values), as: SIMD8<Double>.self)
}
