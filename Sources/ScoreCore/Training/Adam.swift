// The Adam optimiser over one flat parameter buffer, step for step as torch.optim.Adam.

import Foundation

/// Adam (Kingma & Ba 2015) with PyTorch's bias correction, over a flat `[Float]` buffer.
///
/// At step t with gradient g:
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
/// θ ← θ − (lr/(1 − β₁ᵗ))·m / (√v/√(1 − β₂ᵗ) + ε),
/// exactly the order of operations of `torch.optim.Adam` (no weight decay, no AMSGrad).
/// Moments start at zero. Runs sixteen lanes at a time; allocates nothing per step.
public struct Adam: Sendable, Equatable {
  /// The step size lr; may be changed between steps.
  public var learningRate: Float
  /// The first-moment decay β₁.
  public let beta1: Double
  /// The second-moment decay β₂.
  public let beta2: Double
  /// The denominator's ε.
  public let epsilon: Float
  /// Steps taken so far (t after the last step).
  public private(set) var stepCount = 0
  /// m, one per parameter.
  public private(set) var firstMoment: [Float]
  /// v, one per parameter.
  public private(set) var secondMoment: [Float]

  /// An optimiser for `parameterCount` parameters with zero moments.
  ///
  /// - Parameters:
  ///   - learningRate: lr, positive.
  ///   - beta1, beta2: decays in [0, 1); PyTorch's defaults 0.9 and 0.999. Like PyTorch,
  ///     each step uses Float(β) and Float(1 − β) with 1 − β formed in Double.
  ///   - epsilon: PyTorch's default 1e-8.
  public init(
    parameterCount: Int, learningRate: Float = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Float = 1e-8
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    firstMoment = [Float](repeating: 0, count: parameterCount)
    secondMoment = [Float](repeating: 0, count: parameterCount)
  }

  /// One Adam step on `parameters` with `gradient` (both `firstMoment.count` long).
  public mutating func update(_ parameters: inout [Float], gradient: [Float]) {
    precondition(parameters.count == firstMoment.count && gradient.count == firstMoment.count)
    gradient.withUnsafeBufferPointer { g in
      parameters.withUnsafeMutableBufferPointer { p in
        update(p.baseAddress!, gradient: g.baseAddress!)
      }
    }
  }

  /// One Adam step on `firstMoment.count` parameters at `parameters` with `gradient`.
  mutating func update(_ parameters: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>) {
    stepCount += 1
    let t = Double(stepCount)
    let correction1 = 1 - pow(beta1, t)
    let correction2 = 1 - pow(beta2, t)
    let stepSize = Float(Double(learningRate) / correction1)
    let correction2Root = Float(correction2.squareRoot())
    let b1 = Float(beta1)
    let b2 = Float(beta2)
    let eps = epsilon
    let c1 = Float(1 - beta1)
    let c2 = Float(1 - beta2)
    let count = firstMoment.count
    firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      secondMoment.withUnsafeMutableBufferPointer { vBuffer in
        let m = mBuffer.baseAddress!
        let v = vBuffer.baseAddress!
        var index = 0
        while index &+ 16 <= count {
          let g = load16(gradient + index)
          let mi = load16(m + index) * b1 + c1 * g
          let vi = load16(v + index) * b2 + c2 * (g * g)
          store16(mi, m + index)
          store16(vi, v + index)
          let denominator = squareRoot16(vi) / correction2Root + eps
          store16(load16(parameters + index) - stepSize * mi / denominator, parameters + index)
          index &+= 16
        }
        while index < count {
          let g = gradient[index]
          let mi = m[index] * b1 + c1 * g
          let vi = v[index] * b2 + c2 * (g * g)
          m[index] = mi
          v[index] = vi
          parameters[index] -= stepSize * mi / (vi.squareRoot() / correction2Root + eps)
          index &+= 1
        }
      }
    }
  }
}
