// A score field evaluated at an array of points, for callers that hold points as SIMD2<Double>.

extension BatchScoreFunction {
  /// s(xᵢ, σ) at each of `points`, in the function's own coordinates.
  ///
  /// Points are rounded to `Float` for the call and the scores widened back; allocates the
  /// input and output arrays (use `evaluateScores` to reuse memory).
  public mutating func scores(at points: [SIMD2<Double>], noiseLevel: Float) -> [SIMD2<Double>] {
    guard !points.isEmpty else { return [] }
    var inputs = [Float](repeating: 0, count: 2 * points.count)
    for (k, point) in points.enumerated() {
      inputs[2 * k] = Float(point.x)
      inputs[2 * k + 1] = Float(point.y)
    }
    var outputs = [Float](repeating: 0, count: inputs.count)
    inputs.withUnsafeBufferPointer { input in
      outputs.withUnsafeMutableBufferPointer { output in
        evaluateScores(
          at: input.baseAddress!, count: points.count, noiseLevel: noiseLevel,
          into: output.baseAddress!)
      }
    }
    return (0..<points.count).map { SIMD2(Double(outputs[2 * $0]), Double(outputs[2 * $0 + 1])) }
  }
}
