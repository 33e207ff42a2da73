// A workspace's share of one training step: inputs, forward, loss, output gradient, backward.

extension NetworkWorkspace {
  /// Σ of the per-point losses of points `start ..< start + count` of `batch`, leaving
  /// ∂(mean loss)/∂parameters of those points in `gradient`.
  ///
  /// The gradient is scaled by 1/`totalCount`, so the gradients of the parts of a batch
  /// add up to the gradient of the batch's mean loss. See `Objective` for the losses.
  func lossAndGradient(
    objective: Objective, batch: TrainingBatch, start: Int, count: Int, totalCount: Int,
    parameters: UnsafePointer<Float>, panels: WeightPanels
  ) -> Double {
    let rows = Self.paddedRows(count)
    let blocks = 1 + objective.tangentCount
    fillInput(objective: objective, batch: batch, start: start, count: count, rows: rows)
    forward(rows: rows, blocks: blocks, parameters: parameters, panels: panels)
    let loss = lossAndOutputGradient(
      objective: objective, batch: batch, start: start, count: count, rows: rows,
      scale: 1 / Float(totalCount))
    backward(rows: rows, blocks: blocks, parameters: parameters)
    return loss
  }

  /// Primal rows (x̃₁, x̃₂, log σ), tangent rows (v₁, v₂, 0) or (1, 0, 0), (0, 1, 0); zero padding.
  private func fillInput(
    objective: Objective, batch: TrainingBatch, start: Int, count: Int, rows: Int
  ) {
    let x = input.pointer
    let points = batch.points.pointer + 2 * start
    let logNoise = batch.logNoiseLevels.pointer + start
    x.update(repeating: 0, count: rows * (1 + objective.tangentCount) * 3)
    for point in 0..<count {
      x[3 &* point] = points[2 &* point]
      x[3 &* point &+ 1] = points[2 &* point &+ 1]
      x[3 &* point &+ 2] = logNoise[point]
    }
    switch objective {
    case .ncsn, .dsm, .esm:
      break
    case .ssm:
      let directions = batch.directions.pointer + 2 * start
      let block = x + 3 * rows
      for point in 0..<count {
        block[3 &* point] = directions[2 &* point]
        block[3 &* point &+ 1] = directions[2 &* point &+ 1]
      }
    case .ism:
      setTraceDirections(count: count, rows: rows)
    }
  }

  /// Σ per-point losses, and ∂(Σ loss · scale)/∂(outputs, tangent outputs) into
  /// `outputGradients` (zero on padding rows).
  private func lossAndOutputGradient(
    objective: Objective, batch: TrainingBatch, start: Int, count: Int, rows: Int, scale: Float
  ) -> Double {
    let f = UnsafePointer(outputs.pointer)
    let g = outputGradients.pointer
    let noiseLevels = batch.noiseLevels.pointer + start
    g.update(repeating: 0, count: 2 * rows * (1 + objective.tangentCount))
    var loss: Double = 0
    switch objective {
    case .ncsn, .dsm, .esm:
      let noise = batch.noise.pointer + 2 * start
      let targets = batch.targets.pointer + 2 * start
      for point in 0..<count {
        let e0: Float
        let e1: Float
        if objective == .esm {
          e0 = f[2 &* point] - noiseLevels[point] * targets[2 &* point]
          e1 = f[2 &* point &+ 1] - noiseLevels[point] * targets[2 &* point &+ 1]
        } else {
          e0 = f[2 &* point] + noise[2 &* point]
          e1 = f[2 &* point &+ 1] + noise[2 &* point &+ 1]
        }
        loss += Double(0.5 * (e0 * e0 + e1 * e1))
        g[2 &* point] = e0 * scale
        g[2 &* point &+ 1] = e1 * scale
      }
    case .ssm:
      let directions = batch.directions.pointer + 2 * start
      for point in 0..<count {
        let f0 = f[2 &* point]
        let f1 = f[2 &* point &+ 1]
        let v0 = directions[2 &* point]
        let v1 = directions[2 &* point &+ 1]
        let tangent = 2 &* (rows &+ point)
        let sigma = noiseLevels[point]
        loss += Double(0.5 * (f0 * f0 + f1 * f1) + sigma * (v0 * f[tangent] + v1 * f[tangent &+ 1]))
        g[2 &* point] = f0 * scale
        g[2 &* point &+ 1] = f1 * scale
        g[tangent] = sigma * v0 * scale
        g[tangent &+ 1] = sigma * v1 * scale
      }
    case .ism:
      for point in 0..<count {
        let f0 = f[2 &* point]
        let f1 = f[2 &* point &+ 1]
        let (first, second) = Self.traceOutputIndices(point: point, rows: rows)
        let sigma = noiseLevels[point]
        loss += Double(0.5 * (f0 * f0 + f1 * f1) + sigma * (f[first] + f[second]))
        g[2 &* point] = f0 * scale
        g[2 &* point &+ 1] = f1 * scale
        g[first] = sigma * scale
        g[second] = sigma * scale
      }
    }
    return loss
  }
}
