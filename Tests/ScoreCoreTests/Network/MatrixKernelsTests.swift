// The tiled matrix product against a sum in Double, in every tile shape and mix of tile heights.

import ScoreCore
import Testing

@Suite struct MatrixKernelsTests {
  /// Row counts that use only six-row tiles (24, 48), only four-row tiles (8), or both
  /// (16 = 12 + 4, 32 = 24 + 8, 40 = 36 + 4, 256 = 252 + 4), in each tile shape (so the
  /// AVX-512 shape is checked on an AVX2 build and the other way round) and in both layouts
  /// the network uses: activations times a transposed weight (rowStride 128, depthStride 1,
  /// depth 128) and transposed output gradients times activations (rowStride 1, depthStride
  /// = rows, depth 256). Every entry is within the classical bound depth·u·Σₖ|aₘₖ bₖₙ|
  /// (u = 2⁻²⁴) of the Double sum.
  @Test(arguments: MatrixTileShape.allCases, [8, 16, 24, 32, 40, 48, 256])
  func productMatchesDoubleSum(shape: MatrixTileShape, rows: Int) {
    var rng = SeededGenerator(seed: UInt64(rows))
    let width = 128
    for (depth, rowStride, depthStride) in [(128, 128, 1), (256, 1, rows)] {
      let a = (0..<(rows * depth)).map { _ in Float(rng.nextNormal()) }
      let b = (0..<(depth * width)).map { _ in Float(rng.nextNormal()) }
      let c = tiledMatrixProduct(
        rows: rows, depth: depth, a: a, rowStride: rowStride, depthStride: depthStride, b: b,
        shape: shape)
      #expect(c.allSatisfy { $0.isFinite }, "\(shape), rows \(rows), depth \(depth): every entry written")
      var worst = 0.0
      for m in 0..<rows {
        for n in 0..<width {
          var sum = 0.0
          var magnitude = 0.0
          for k in 0..<depth {
            let term = Double(a[m * rowStride + k * depthStride]) * Double(b[k * width + n])
            sum += term
            magnitude += abs(term)
          }
          let bound = Double(depth) * 0x1p-24 * magnitude
          worst = max(worst, abs(Double(c[m * width + n]) - sum) / bound)
        }
      }
      #expect(worst <= 1, "\(shape), rows \(rows), depth \(depth): error \(worst) of the bound")
    }
  }
}
