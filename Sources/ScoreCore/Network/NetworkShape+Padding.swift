// The shape the matrix kernels run: hidden widths padded with zero units to whole column blocks.

extension NetworkShape {
  /// This shape with its width rounded up to a multiple of `MatrixKernels.columnBlock`.
  ///
  /// The kernels run every network at this width, with the extra units' weights (in and out)
  /// and biases zero. Such a unit has h = 0 and a = SiLU(0) = 0 on every row, tangent rows
  /// included (ḣ = 0 when its incoming weights are 0), so it adds nothing to any output; the
  /// adjoint it receives is a sum of products with its zero outgoing weights, so the gradients
  /// of its incoming weights and bias are exactly 0, and the gradient of every weight leaving
  /// it is a sum of products with its zero activations, also exactly 0. Adam turns a zero
  /// gradient into a zero step (its moments stay 0), so training keeps the padding zero. A
  /// 128-wide network is its own padded shape and takes no copy at all.
  var padded: NetworkShape {
    let block = MatrixKernels.columnBlock
    return NetworkShape(uncheckedWidth: (hiddenWidth + block - 1) / block * block, layers: hiddenLayers)
  }

  /// Whether `padded` differs from this shape, so that parameters must be copied between them.
  var needsPadding: Bool { padded != self }

  /// Copies `parameters` (this shape's layout) into `destination` (`padded`'s layout, which it
  /// fills entirely: zero outside the copied tensors).
  func pad(_ parameters: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>) {
    let target = padded
    destination.update(repeating: 0, count: target.parameterCount)
    for (tensor, paddedTensor) in zip(tensors, target.tensors) {
      let (rows, columns) = Self.matrixSize(tensor)
      let paddedColumns = Self.matrixSize(paddedTensor).columns
      for row in 0..<rows {
        (destination + paddedTensor.offset + row * paddedColumns).update(
          from: parameters + tensor.offset + row * columns, count: columns)
      }
    }
  }

  /// Copies this shape's tensors out of `paddedParameters` (`padded`'s layout) into `destination`.
  func unpad(_ paddedParameters: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>) {
    for (tensor, paddedTensor) in zip(tensors, padded.tensors) {
      let (rows, columns) = Self.matrixSize(tensor)
      let paddedColumns = Self.matrixSize(paddedTensor).columns
      for row in 0..<rows {
        (destination + tensor.offset + row * columns).update(
          from: paddedParameters + paddedTensor.offset + row * paddedColumns, count: columns)
      }
    }
  }

  /// `parameters` in `padded`'s layout.
  func paddedParameters(_ parameters: [Float]) -> [Float] {
    var result = [Float](repeating: 0, count: padded.parameterCount)
    parameters.withUnsafeBufferPointer { source in
      result.withUnsafeMutableBufferPointer { pad(source.baseAddress!, into: $0.baseAddress!) }
    }
    return result
  }

  /// A bias as a matrix of one column, a weight as itself.
  private static func matrixSize(_ tensor: ScoreNetwork.Tensor) -> (rows: Int, columns: Int) {
    (tensor.shape[0], tensor.shape.count == 2 ? tensor.shape[1] : 1)
  }
}
