// A hook that lets tests compare gradients of one and two threads on the same drawn batch.

extension Trainer {
  /// The batch's mean loss and its gradient without an Adam step (the batch is drawn as
  /// `step` would, advancing the generator).
  package mutating func drawBatchGradient(on data: [Float]) -> (loss: Float, gradient: [Float]) {
    let scratch = preparedScratch()
    drawBatch(from: data, into: scratch.batch)
    let loss = network.parameters.withUnsafeBufferPointer { parameters in
      scratch.lossAndGradient(objective: objective, parameters: parameters.baseAddress!)
    }
    let gradient = Array(
      UnsafeBufferPointer(start: scratch.workspace.gradient.pointer, count: ScoreNetwork.parameterCount))
    return (Float(loss), gradient)
  }
}
