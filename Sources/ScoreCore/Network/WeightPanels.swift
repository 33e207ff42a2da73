// Transposed copies of the weights that the forward products stream row by row.

/// Wᵀ ([in][out]) for the first three layers, refreshed from the flat parameters.
///
/// The forward product H = A·Wᵀ reads Wᵀ one row (128 contiguous outputs) per step of its
/// depth loop; the backward products read W itself from the parameters.
final class WeightPanels {
  /// 0.weightᵀ, 3 × 128.
  let input = AlignedFloatBuffer(count: ScoreNetwork.inputWidth * ScoreNetwork.hiddenWidth)
  /// 2.weightᵀ, 128 × 128.
  let firstHidden = AlignedFloatBuffer(count: ScoreNetwork.hiddenWidth * ScoreNetwork.hiddenWidth)
  /// 4.weightᵀ, 128 × 128.
  let secondHidden = AlignedFloatBuffer(
    count: ScoreNetwork.hiddenWidth * ScoreNetwork.hiddenWidth)

  /// Copies the transposed weights out of `parameters` (in `ScoreNetwork.tensors` layout).
  func update(from parameters: UnsafePointer<Float>) {
    Self.transpose(
      parameters + ScoreNetwork.inputWeightOffset, rows: ScoreNetwork.hiddenWidth,
      columns: ScoreNetwork.inputWidth, into: input.pointer)
    Self.transpose(
      parameters + ScoreNetwork.firstHiddenWeightOffset, rows: ScoreNetwork.hiddenWidth,
      columns: ScoreNetwork.hiddenWidth, into: firstHidden.pointer)
    Self.transpose(
      parameters + ScoreNetwork.secondHiddenWeightOffset, rows: ScoreNetwork.hiddenWidth,
      columns: ScoreNetwork.hiddenWidth, into: secondHidden.pointer)
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
