// What a matrix product does with each finished block of 16 outputs.

/// The step fused onto a product's result before it is stored, so that bias, activation and
/// the chain rule cost no extra pass over memory.
///
/// Every pointer addresses a row-major matrix with 128 columns, indexed like the product's
/// output; `bias` is indexed by column only.
enum TileEpilogue {
  /// output = c.
  case store(output: UnsafeMutablePointer<Float>)
  /// output = c ⊙ slope: the backward pass through a SiLU whose φ′ was kept.
  case scale(output: UnsafeMutablePointer<Float>, slope: UnsafePointer<Float>)
  /// h = c + bias; activation = φ(h), and φ′(h), φ″(h) into `slope`, `curvature` if given.
  case activate(
    bias: UnsafePointer<Float>, activation: UnsafeMutablePointer<Float>,
    slope: UnsafeMutablePointer<Float>?, curvature: UnsafeMutablePointer<Float>?)
  /// A forward tangent ḣ = c: activation = φ′ ⊙ ḣ, and φ″ ⊙ ḣ into `curvatureProduct`.
  case tangent(
    slope: UnsafePointer<Float>, curvature: UnsafePointer<Float>,
    activation: UnsafeMutablePointer<Float>, curvatureProduct: UnsafeMutablePointer<Float>)

  /// Applies the step to the 16 outputs at flat index `index` (row·128 + column).
  @inline(__always)
  func apply(_ c: SIMD16<Float>, index: Int, column: Int) {
    switch self {
    case .store(let output):
      store16(c, output + index)
    case .scale(let output, let slope):
      store16(c * load16(slope + index), output + index)
    case .activate(let bias, let activation, let slope, let curvature):
      let h = c + load16(bias + column)
      let s = SiLU.sigmoid(h)
      store16(h * s, activation + index)
      if let slope { store16(SiLU.slope(h, sigmoid: s), slope + index) }
      if let curvature { store16(SiLU.curvature(h, sigmoid: s), curvature + index) }
    case .tangent(let slope, let curvature, let activation, let curvatureProduct):
      store16(c * load16(slope + index), activation + index)
      store16(c * load16(curvature + index), curvatureProduct + index)
    }
  }
}
