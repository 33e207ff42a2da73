// Hooks that let tests run the network's internal passes on hand-made batches.

import Foundation

extension ScoreNetwork {
  /// Outputs f_θ(x, log σ) and forward tangents J_f·vₜ for each point and direction set.
  ///
  /// `points`, each of `directions` and both results are interleaved; `noiseLevels` has one
  /// σ per point. `directions` holds one or two sets; returns f and one tangent array per set.
  package func outputsAndTangents(
    points: [Float], noiseLevels: [Float], directions: [[Float]]
  ) -> (outputs: [Float], tangents: [[Float]]) {
    let count = noiseLevels.count
    precondition(points.count == 2 * count && (1...2).contains(directions.count))
    let blocks = 1 + directions.count
    let workspace = NetworkWorkspace(shape: shape.padded, capacity: count, maximumBlocks: blocks)
    let panels = WeightPanels(shape: shape.padded)
    let rows = NetworkWorkspace.paddedRows(count)
    let input = workspace.input.pointer
    for point in 0..<count {
      input[3 * point] = points[2 * point]
      input[3 * point + 1] = points[2 * point + 1]
      input[3 * point + 2] = Float(log(Double(noiseLevels[point])))
      for (set, direction) in directions.enumerated() {
        let row = (set + 1) * rows + point
        input[3 * row] = direction[2 * point]
        input[3 * row + 1] = direction[2 * point + 1]
      }
    }
    shape.paddedParameters(parameters).withUnsafeBufferPointer { buffer in
      panels.update(from: buffer.baseAddress!)
      workspace.forward(
        rows: rows, blocks: blocks, parameters: buffer.baseAddress!,
        panels: panels)
    }
    let outputs = workspace.outputs.pointer
    let f = (0..<(2 * count)).map { outputs[$0] }
    let tangents = (1..<blocks).map { block in
      (0..<(2 * count)).map { outputs[2 * block * rows + $0] }
    }
    return (f, tangents)
  }

  /// The mean `objective` loss of a hand-made batch and its gradient, in `tensors` layout.
  ///
  /// `points` are the perturbed points x̃, `noise` the z with x̃ = x + σz (`ncsn`, `dsm`),
  /// `directions` the projections (`ssm`), `targets` the target scores (`esm`); all
  /// interleaved, one σ per point in `noiseLevels`. `threadCount` 2 splits the batch as
  /// `Trainer` does.
  package func lossAndGradient(
    objective: Objective, points: [Float], noiseLevels: [Float], noise: [Float],
    directions: [Float], targets: [Float], threadCount: Int = 1
  ) -> (loss: Float, gradient: [Float]) {
    let count = noiseLevels.count
    let scratch = TrainerScratch(shape: shape.padded, batchSize: count, threadCount: threadCount)
    let batch = scratch.batch
    batch.count = count
    for point in 0..<count {
      batch.noiseLevels.pointer[point] = noiseLevels[point]
      batch.logNoiseLevels.pointer[point] = Float(log(Double(noiseLevels[point])))
      for axis in 0..<2 {
        batch.points.pointer[2 * point + axis] = points[2 * point + axis]
        batch.noise.pointer[2 * point + axis] = noise[2 * point + axis]
        batch.directions.pointer[2 * point + axis] = directions[2 * point + axis]
        batch.targets.pointer[2 * point + axis] = targets[2 * point + axis]
      }
    }
    let loss = shape.paddedParameters(parameters).withUnsafeBufferPointer { buffer in
      scratch.lossAndGradient(objective: objective, parameters: buffer.baseAddress!)
    }
    return (Float(loss), scratch.unpaddedGradient(of: shape))
  }
}
