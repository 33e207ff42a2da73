// An exponential moving average of the network's parameters, the weights that are sampled from.

/// θ̄ ← d·θ̄ + (1 − d)·θ after every step, θ̄ starting at the first parameters it sees.
///
/// Score networks trained with Adam at a constant learning rate keep moving around the
/// optimum by the size of the last steps; their average over the last ~1/(1 − d) steps lies
/// closer to it, which is why score-based models are sampled from such an average (Song &
/// Ermon 2020, "Improved techniques for training score-based generative models", d = 0.999).
///
/// With `warmUp`, update n (counting from 0) uses dₙ = min(d, (1 + n)/(10 + n)) instead of
/// d, so the starting parameters are forgotten within the first few dozen updates rather
/// than over ~1/(1 − d) of them: what a live picture of a fresh network needs.
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
  /// d, in [0, 1): the weight the average keeps at each update (at most, with `warmUp`).
  public let decay: Float
  /// Whether early updates keep less than `decay` (see the type's description).
  public let warmUp: Bool
  /// θ̄, the averaged parameters.
  public private(set) var parameters: [Float]
  /// Updates so far.
  public private(set) var updateCount = 0

  /// An average starting at `parameters`.
  ///
  /// - Precondition: 0 ≤ `decay` < 1.
  public init(decay: Float, parameters: [Float], warmUp: Bool = false) {
    precondition(decay >= 0 && decay < 1, "the decay must lie in [0, 1)")
    self.decay = decay
    self.warmUp = warmUp
    self.parameters = parameters
  }

  /// The weight update number `updateCount` keeps: d, or min(d, (1 + n)/(10 + n)).
  public var currentDecay: Float {
    guard warmUp else { return decay }
    let n = Float(updateCount)
    return min(decay, (1 + n) / (10 + n))
  }

  /// θ̄ ← d·θ̄ + (1 − d)·θ for `current` = θ, as long as `parameters`.
  public mutating func update(with current: [Float]) {
    precondition(current.count == parameters.count, "parameter counts differ")
    let keep = currentDecay
    let take = 1 - keep
    updateCount += 1
    guard !parameters.isEmpty else { return }
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
