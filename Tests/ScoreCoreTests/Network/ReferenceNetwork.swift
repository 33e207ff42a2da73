// An independent plain-Double forward pass of the NCSN network, with forward tangents and losses.

import Foundation
import ScoreCore

/// The network of WORKLOADS.md written as straightforward Double loops over the flat
/// PyTorch-layout parameters, used as the truth that the Float kernels are checked against.
struct ReferenceNetwork {
  var parameters: [Double]

  init(_ network: ScoreNetwork) { parameters = network.parameters.map(Double.init) }
  init(parameters: [Double]) { self.parameters = parameters }

  /// f(x, log σ) and, for each direction v, the tangent J_f·v = d/dε f(x + εv, log σ).
  func evaluate(
    x: Double, y: Double, noiseLevel: Double, directions: [(Double, Double)] = []
  ) -> (f: [Double], tangents: [[Double]]) {
    let p = parameters
    var a = [Double](repeating: 0, count: 128)
    var tangentActivations = [[Double]](
      repeating: [Double](repeating: 0, count: 128), count: directions.count)
    for o in 0..<128 {
      let h = p[384 + o] + p[3 * o] * x + p[3 * o + 1] * y + p[3 * o + 2] * log(noiseLevel)
      let s = 1 / (1 + exp(-h))
      a[o] = h * s
      for (t, v) in directions.enumerated() {
        tangentActivations[t][o] = (s + h * s * (1 - s)) * (p[3 * o] * v.0 + p[3 * o + 1] * v.1)
      }
    }
    for (weightOffset, biasOffset) in [(512, 16_896), (17_024, 33_408)] {
      var next = [Double](repeating: 0, count: 128)
      var nextTangents = tangentActivations
      for o in 0..<128 {
        var h = p[biasOffset + o]
        for i in 0..<128 { h += p[weightOffset + 128 * o + i] * a[i] }
        let s = 1 / (1 + exp(-h))
        next[o] = h * s
        for t in directions.indices {
          var tangent = 0.0
          for i in 0..<128 { tangent += p[weightOffset + 128 * o + i] * tangentActivations[t][i] }
          nextTangents[t][o] = (s + h * s * (1 - s)) * tangent
        }
      }
      a = next
      tangentActivations = nextTangents
    }
    var f = [p[33_792], p[33_793]]
    var tangents = [[Double]](repeating: [0, 0], count: directions.count)
    for j in 0..<2 {
      for i in 0..<128 {
        f[j] += p[33_536 + 128 * j + i] * a[i]
        for t in directions.indices {
          tangents[t][j] += p[33_536 + 128 * j + i] * tangentActivations[t][i]
        }
      }
    }
    return (f, tangents)
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
