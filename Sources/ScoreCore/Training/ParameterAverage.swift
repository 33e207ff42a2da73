// An exponential moving average of the network's parameters, the weights that are sampled from.

/// θ̄ ← d·θ̄ + (1 − d)·θ after every step, θ̄ starting at the first parameters it sees.
///
/// Score networks trained with Adam at a constant learning rate keep moving around the
/// optimum by the size of the last steps; their average over the last ~1/(1 − d) steps lies
/// closer to it, which is why score-based models are sampled from such an average (Song &
/// Ermon 2020, "Improved techniques for training score-based generative models", d = 0.999).
/// Allocates only in `init`; an update is one fused multiply-add per parameter.
///
/// ```
/// var average = ParameterAverage(decay: 0.999, parameters: trainer.network.parameters)
/// for _ in 0..<steps {
///   _ = trainer.step(on: data)
///   average.update(with: trainer.network.parameters)
/// }
/// let sampled = try ScoreNetwork(parameters: average.parameters)
/// ```
public struct ParameterAverage: Sendable, Equatable {
  /// d, in [0, 1): the weight the average keeps at each update.
  public let decay: Float
  /// θ̄, the averaged parameters.
  public private(set) var parameters: [Float]

  /// An average starting at `parameters`.
  ///
  /// - Precondition: 0 ≤ `decay` < 1.
  public init(decay: Float, parameters: [Float]) {
    precondition(decay >= 0 && decay < 1, "the decay must lie in [0, 1)")
    self.decay = decay
    self.parameters = parameters
  }

  /// θ̄ ← d·θ̄ + (1 − d)·θ for `current` = θ, as long as `parameters`.
  public mutating func update(with current: [Float]) {
    precondition(current.count == parameters.count, "parameter counts differ")
    guard !parameters.isEmpty else { return }
    let keep = decay
    let take = 1 - decay
    current.withUnsafeBufferPointer { sourceBuffer in
      parameters.withUnsafeMutableBufferPointer { averageBuffer in
        let source = sourceBuffer.baseAddress!
        let average = averageBuffer.baseAddress!
        let count = averageBuffer.count
        var index = 0
        while index + 16 <= count {
          store16(load16(average + index) * keep + load16(source + index) * take, average + index)
          index += 16
        }
        while index < count {
          average[index] = average[index] * keep + source[index] * take
          index += 1
        }
      }
    }
  }
}
