// The forward-only hidden-layer step: bias and SiLU, nothing kept for a backward pass.

/// h = c + bias; activation = φ(h) by `FastSiLU`.
struct FastActivationEpilogue: TileEpilogue {
  let bias: UnsafePointer<Float>
  let activation: UnsafeMutablePointer<Float>

  @inline(__always)
  func apply(_ c: SIMD16<Float>, index: Int, row: Int, column: Int) {
    store16(FastSiLU.value(c + load16(bias + column)), activation + index)
  }
}
