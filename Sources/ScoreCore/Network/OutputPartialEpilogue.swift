// The last hidden layer with the W → 2 output layer fused in: its activations are never stored.

/// a = φ(c + bias) by `FastSiLU`, then the output layer's products with a are accumulated
/// lane-wise: for output j, partials[32·row + 16·j + l] = Σ over column blocks b of
/// a[row, 16b + l]·W[j, 16b + l], so that f_j(row) = Σₗ partials[32·row + 16·j + l] + bias_j.
///
/// The column block at 0 starts the sums; `MatrixKernels.multiply` visits it first for every
/// row, because it runs column strips in order.
struct OutputPartialEpilogue: TileEpilogue {
  /// The hidden layer's bias, `width` floats.
  let bias: UnsafePointer<Float>
  /// The output weight, row-major 2 × `width` (`6.weight` for three hidden layers).
  let outputWeights: UnsafePointer<Float>
  /// The hidden width W.
  let width: Int
  /// 32 floats per row: 16 lane sums for each of the two outputs.
  let partials: UnsafeMutablePointer<Float>

  @inline(__always)
  func apply(_ c: SIMD16<Float>, index: Int, row: Int, column: Int) {
    let a = FastSiLU.value(c + load16(bias + column))
    let sums = partials + row &* 32
    let first = load16(outputWeights + column)
    let second = load16(outputWeights + (width &+ column))
    if column == 0 {
      store16(a * first, sums)
      store16(a * second, sums + 16)
    } else {
      store16(load16(sums).addingProduct(a, first), sums)
      store16(load16(sums + 16).addingProduct(a, second), sums + 16)
    }
  }
}
