// Hooks that let tests see a trainer's drawn batch and its gradient without an Adam step.

extension Trainer {
  /// The batch's mean loss and its gradient without an Adam step (the batch is drawn as
  /// `step` would, advancing the generator).
  package mutating func drawBatchGradient(on data: [Float]) -> (loss: Float, gradient: [Float]) {
    let scratch = preparedScratch()
    drawBatch(from: data, into: scratch.batch)
    let parameters = network.shape.needsPadding ? paddedParameters : network.parameters
    let loss = parameters.withUnsafeBufferPointer { parameters in
      scratch.lossAndGradient(objective: objective, parameters: parameters.baseAddress!)
    }
    return (Float(loss), scratch.unpaddedGradient(of: network.shape))
  }
}

extension Trainer {
  /// The next batch as `step` would draw it (advancing the generator), without a step: the
  /// perturbed points x̃, each point's σ and the network's log σ input, and the noise z and
  /// projections v (zero unless `ssm`), all interleaved as in `ScoreNetwork.lossAndGradient(objective:…)`.
  package mutating func drawnBatch(on data: [Float]) -> (
    points: [Float], noiseLevels: [Float], logNoiseLevels: [Float], noise: [Float], directions: [Float]
  ) {
    let scratch = preparedScratch()
    let batch = scratch.batch
    drawBatch(from: data, into: batch)
    func copy(_ buffer: AlignedFloatBuffer, _ count: Int) -> [Float] {
      Array(UnsafeBufferPointer(start: buffer.pointer, count: count))
    }
    let count = batch.count
    return (
      copy(batch.points, 2 * count), copy(batch.noiseLevels, count), copy(batch.logNoiseLevels, count),
      copy(batch.noise, 2 * count),
      objective == .ssm ? copy(batch.directions, 2 * count) : [Float](repeating: 0, count: 2 * count)
    )
  }
}

extension Trainer {
  /// The padded shape the kernels run, the parameters Adam updates in its layout, and the
  /// gradient of the last step in that layout: what the padding's zeros can be checked on.
  package var paddedParametersAndLastGradient: (shape: NetworkShape, parameters: [Float], gradient: [Float]) {
    let parameters = network.shape.needsPadding ? paddedParameters : network.parameters
    let gradient = Array(UnsafeBufferPointer(start: scratch.workspace.gradient.pointer, count: parameters.count))
    return (network.shape.padded, parameters, gradient)
  }
}
