// An independent plain-Double forward pass of the NCSN network, with forward tangents and losses.

import Foundation
import ScoreCore

/// The network of WORKLOADS.md, of any width and depth, written as straightforward Double
/// loops over the flat PyTorch-layout parameters, used as the truth that the Float kernels are
/// checked against. Offsets are computed here from the layer sizes, not taken from the code.
struct ReferenceNetwork {
  var width: Int
  var layers: Int
  var parameters: [Double]

  init(_ network: ScoreNetwork) {
    width = network.shape.hiddenWidth
    layers = network.shape.hiddenLayers
    parameters = network.parameters.map(Double.init)
  }

  init(width: Int = 128, layers: Int = 3, parameters: [Double]) {
    self.width = width
    self.layers = layers
    self.parameters = parameters
  }

  /// f(x, log σ) and, for each direction v, the tangent J_f·v = d/dε f(x + εv, log σ).
  func evaluate(
    x: Double, y: Double, noiseLevel: Double, directions: [(Double, Double)] = []
  ) -> (f: [Double], tangents: [[Double]]) {
    let p = parameters
    var inputs = [x, y, log(noiseLevel)]
    var tangentInputs = directions.map { [$0.0, $0.1, 0] }
    var offset = 0
    for layer in 0...layers {
      let fanIn = inputs.count
      let fanOut = layer == layers ? 2 : width
      let biasOffset = offset + fanIn * fanOut
      var outputs = [Double](repeating: 0, count: fanOut)
      var tangentOutputs = [[Double]](repeating: outputs, count: directions.count)
      for o in 0..<fanOut {
        var h = p[biasOffset + o]
        for i in 0..<fanIn { h += p[offset + fanIn * o + i] * inputs[i] }
        var tangents = [Double](repeating: 0, count: directions.count)
        for t in directions.indices {
          for i in 0..<fanIn { tangents[t] += p[offset + fanIn * o + i] * tangentInputs[t][i] }
        }
        if layer == layers {
          outputs[o] = h
          for t in directions.indices { tangentOutputs[t][o] = tangents[t] }
        } else {
          let s = 1 / (1 + exp(-h))
          outputs[o] = h * s
          for t in directions.indices { tangentOutputs[t][o] = (s + h * s * (1 - s)) * tangents[t] }
        }
      }
      offset = biasOffset + fanOut
      inputs = outputs
      tangentInputs = tangentOutputs
    }
    precondition(offset == p.count, "the parameters do not fit \(width) × \(layers)")
    return (inputs, tangentInputs)
  }

  /// The mean loss of `batch` under `objective`, as `Objective`'s table defines it.
  func loss(_ objective: Objective, batch: ReferenceBatch) -> Double {
    var total = 0.0
    for n in 0..<batch.count {
      let sigma = Double(batch.noiseLevels[n])
      let x = Double(batch.points[2 * n])
      let y = Double(batch.points[2 * n + 1])
      let pair = { (array: [Float]) in (Double(array[2 * n]), Double(array[2 * n + 1])) }
      switch objective {
      case .ncsn, .dsm:
        let f = evaluate(x: x, y: y, noiseLevel: sigma).f
        let z = pair(batch.noise)
        total += 0.5 * ((f[0] + z.0) * (f[0] + z.0) + (f[1] + z.1) * (f[1] + z.1))
      case .esm:
        let f = evaluate(x: x, y: y, noiseLevel: sigma).f
        let t = pair(batch.targets)
        total +=
          0.5 * ((f[0] - sigma * t.0) * (f[0] - sigma * t.0) + (f[1] - sigma * t.1) * (f[1] - sigma * t.1))
      case .ssm:
        let v = pair(batch.directions)
        let (f, tangents) = evaluate(x: x, y: y, noiseLevel: sigma, directions: [v])
        total += 0.5 * (f[0] * f[0] + f[1] * f[1]) + sigma * (v.0 * tangents[0][0] + v.1 * tangents[0][1])
      case .ism:
        let (f, tangents) = evaluate(x: x, y: y, noiseLevel: sigma, directions: [(1, 0), (0, 1)])
        total += 0.5 * (f[0] * f[0] + f[1] * f[1]) + sigma * (tangents[0][0] + tangents[1][1])
      }
    }
    return total / Double(batch.count)
  }
}

/// A hand-made batch: perturbed points, levels, noise, projections and target scores.
struct ReferenceBatch {
  var points: [Float]
  var noiseLevels: [Float]
  var noise: [Float]
  var directions: [Float]
  var targets: [Float]
  var count: Int { noiseLevels.count }

  /// `count` points x̃ = x + σz with x ~ N(0, I), σ from `levels`, Gaussian targets.
  ///
  /// The targets are the closed-form score of N(0, I) convolved with N(0, σ²I),
  /// t = −x̃/(1 + σ²).
  init(count: Int, levels: [Float], seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    noiseLevels = (0..<count).map { _ in levels[Int(rng.next(upperBound: UInt64(levels.count)))] }
    noise = (0..<(2 * count)).map { _ in Float(rng.nextNormal()) }
    directions = (0..<(2 * count)).map { _ in Float(rng.nextNormal()) }
    var points = [Float](repeating: 0, count: 2 * count)
    var targets = points
    for n in 0..<count {
      for axis in 0..<2 {
        let perturbed = Float(rng.nextNormal()) + noiseLevels[n] * noise[2 * n + axis]
        points[2 * n + axis] = perturbed
        targets[2 * n + axis] = -perturbed / (1 + noiseLevels[n] * noiseLevels[n])
      }
    }
    self.points = points
    self.targets = targets
  }
}
