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
    checkProduct(shape: shape, rows: rows, width: 128)
  }

  /// Widths other than 128 in each shape: whole strips of 64, a narrower last strip (48, 80 and
  /// 208 in 16-column tiles, 192 = 3 strips in 64-column ones), and one tile row alone.
  @Test(arguments: [
    (MatrixTileShape.sixteenColumns, 16), (.sixteenColumns, 48), (.sixteenColumns, 80), (.sixteenColumns, 208),
    (.sixtyFourColumns, 64), (.sixtyFourColumns, 192),
  ])
  func productMatchesDoubleSumAtOtherWidths(shape: MatrixTileShape, width: Int) {
    #expect(width % shape.columns == 0)
    checkProduct(shape: shape, rows: 40, width: width)
  }

  /// The product in the network's two layouts, depth = `width` and depth = 256, against Double.
  func checkProduct(shape: MatrixTileShape, rows: Int, width: Int) {
    var rng = SeededGenerator(seed: UInt64(rows * 1000 + width))
    for (depth, rowStride, depthStride) in [(width, width, 1), (256, 1, rows)] {
      let a = (0..<(rows * depth)).map { _ in Float(rng.nextNormal()) }
      let b = (0..<(depth * width)).map { _ in Float(rng.nextNormal()) }
      let c = tiledMatrixProduct(
        rows: rows, width: width, depth: depth, a: a, rowStride: rowStride, depthStride: depthStride, b: b,
        shape: shape)
      #expect(c.allSatisfy { $0.isFinite }, "\(shape), rows \(rows), width \(width), depth \(depth): all written")
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
      #expect(worst <= 1, "\(shape), rows \(rows), width \(width), depth \(depth): error \(worst) of the bound")
    }
  }
}
