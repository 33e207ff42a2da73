// A hook that lets tests measure the evaluator's SiLU against the exact function.

extension ScoreNetworkEvaluator {
  /// φ(h) = h/(1 + e^(−h)) for each value, exactly as the forward pass computes it.
  package static func fastSiLU(_ values: [Float]) -> [Float] {
    var result = [Float](repeating: 0, count: values.count)
    var start = 0
    while start < values.count {
      var lanes = SIMD16<Float>()
      let filled = min(16, values.count - start)
      for lane in 0..<filled { lanes[lane] = values[start + lane] }
      let activations = FastSiLU.value(lanes)
      for lane in 0..<filled { result[start + lane] = activations[lane] }
      start += 16
    }
    return result
  }
}
