// What a matrix product does with each finished block of 16 outputs.

/// The step fused onto a product's result before it is stored, so that bias, activation and
/// the chain rule cost no extra pass over memory.
///
/// Each conforming type is a separate specialisation of `MatrixKernels.multiply`, so the
/// step is inlined into the kernel. Every pointer addresses a row-major matrix as wide as the
/// product, indexed like the product's output; a bias is indexed by column only.
protocol TileEpilogue {
  /// Applies the step to the 16 outputs at flat index `index` (row·width + column).
  func apply(_ c: SIMD16<Float>, index: Int, row: Int, column: Int)
}

/// output = c.
struct StoreEpilogue: TileEpilogue {
  let output: UnsafeMutablePointer<Float>

  @inline(__always)
  func apply(_ c: SIMD16<Float>, index: Int, row: Int, column: Int) {
    store16(c, output + index)
  }
}

/// output = c ⊙ slope: the backward pass through a SiLU whose φ′ was kept.
struct ScaleEpilogue: TileEpilogue {
  let output: UnsafeMutablePointer<Float>
  let slope: UnsafePointer<Float>

  @inline(__always)
  func apply(_ c: SIMD16<Float>, index: Int, row: Int, column: Int) {
    store16(c * load16(slope + index), output + index)
  }
}

/// h = c + bias; activation = φ(h), φ′(h) into `slope`, and φ″(h) into `curvature` if given.
struct ActivationEpilogue: TileEpilogue {
  let bias: UnsafePointer<Float>
  let activation: UnsafeMutablePointer<Float>
  let slope: UnsafeMutablePointer<Float>
  let curvature: UnsafeMutablePointer<Float>?

  @inline(__always)
  func apply(_ c: SIMD16<Float>, index: Int, row: Int, column: Int) {
    let h = c + load16(bias + column)
    let s = SiLU.sigmoid(h)
    store16(h * s, activation + index)
    store16(SiLU.slope(h, sigmoid: s), slope + index)
    if let curvature { store16(SiLU.curvature(h, sigmoid: s), curvature + index) }
  }
}

/// A forward tangent ḣ = c: activation = φ′ ⊙ ḣ, and φ″ ⊙ ḣ into `curvatureProduct`.
struct TangentEpilogue: TileEpilogue {
  let slope: UnsafePointer<Float>
  let curvature: UnsafePointer<Float>
  let activation: UnsafeMutablePointer<Float>
  let curvatureProduct: UnsafeMutablePointer<Float>

  @inline(__always)
  func apply(_ c: SIMD16<Float>, index: Int, row: Int, column: Int) {
    store16(c * load16(slope + index), activation + index)
    store16(c * load16(curvature + index), curvatureProduct + index)
  }
}
