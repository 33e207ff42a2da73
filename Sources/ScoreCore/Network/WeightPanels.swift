// Transposed copies of the weights that the forward products stream row by row.

/// Wᵀ ([in][out]) for every layer but the output layer, refreshed from the flat parameters.
///
/// The forward product H = A·Wᵀ reads Wᵀ one row (`width` contiguous outputs) per step of its
/// depth loop; the backward products read W itself from the parameters.
final class WeightPanels {
  /// The shape the panels are laid out for (a padded shape, see `NetworkShape.padded`).
  let shape: NetworkShape
  /// 0.weightᵀ, 3 × W.
  let input: AlignedFloatBuffer
  /// The hidden-to-hidden weights transposed, W × W each: 2.weightᵀ, 4.weightᵀ, …, one fewer
  /// than the hidden layers.
  let hidden: [AlignedFloatBuffer]

  /// Panels for a network of `shape`, to be filled by `update(from:)`.
  init(shape: NetworkShape) {
    self.shape = shape
    let width = shape.hiddenWidth
    input = AlignedFloatBuffer(count: NetworkShape.inputWidth * width)
    hidden = (1..<shape.hiddenLayers).map { _ in AlignedFloatBuffer(count: width * width) }
  }

  /// Copies the transposed weights out of `parameters` (in `shape.tensors` layout).
  func update(from parameters: UnsafePointer<Float>) {
    let width = shape.hiddenWidth
    Self.transpose(
      parameters + shape.weightOffset(layer: 0), rows: width, columns: NetworkShape.inputWidth,
      into: input.pointer)
    for (index, panel) in hidden.enumerated() {
      Self.transpose(
        parameters + shape.weightOffset(layer: index + 1), rows: width, columns: width, into: panel.pointer)
    }
  }

  /// destination[j·rows + i] = source[i·columns + j], in 8 × 8 blocks when both fit.
  private static func transpose(
    _ source: UnsafePointer<Float>, rows: Int, columns: Int,
    into destination: UnsafeMutablePointer<Float>
  ) {
    guard rows % 8 == 0, columns % 8 == 0 else {
      for i in 0..<rows {
        for j in 0..<columns { destination[j &* rows &+ i] = source[i &* columns &+ j] }
      }
      return
    }
    var i0 = 0
    while i0 < rows {
      var j0 = 0
      while j0 < columns {
        for i in i0..<(i0 &+ 8) {
          for j in j0..<(j0 &+ 8) { destination[j &* rows &+ i] = source[i &* columns &+ j] }
        }
        j0 &+= 8
      }
      i0 &+= 8
    }
  }
}
