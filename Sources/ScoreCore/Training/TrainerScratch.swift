// The memory and the second thread a `Trainer` reuses from step to step.

/// A trainer's scratch: the drawn batch, transposed weights, the calling thread's workspace
/// and, with two threads, the worker. Holds no state that outlives a step, so a copied
/// trainer simply builds its own.
final class TrainerScratch: @unchecked Sendable {
  /// The padded shape the passes run; parameters and gradients are in its layout.
  let shape: NetworkShape
  let batchSize: Int
  let threadCount: Int
  let batch: TrainingBatch
  let panels: WeightPanels
  let workspace: NetworkWorkspace
  let worker: TrainingWorker?

  /// The maximum number of blocks any objective needs (points plus two tangents).
  static let maximumBlocks = 3

  init(shape: NetworkShape, batchSize: Int, threadCount: Int) {
    self.shape = shape
    panels = WeightPanels(shape: shape)
    self.batchSize = batchSize
    self.threadCount = threadCount
    batch = TrainingBatch(capacity: batchSize)
    let share = threadCount == 2 ? (batchSize + 1) / 2 : batchSize
    workspace = NetworkWorkspace(shape: shape, capacity: share, maximumBlocks: Self.maximumBlocks)
    worker =
      threadCount == 2
      ? TrainingWorker(shape: shape, capacity: share, maximumBlocks: Self.maximumBlocks) : nil
  }

  deinit { worker?.stop() }

  /// The mean loss of the drawn batch; its gradient ends up in `workspace.gradient`.
  func lossAndGradient(objective: Objective, parameters: UnsafePointer<Float>) -> Double {
    panels.update(from: parameters)
    let total = batch.count
    guard let worker, total > 1 else {
      return workspace.lossAndGradient(
        objective: objective, batch: batch, start: 0, count: total, totalCount: total,
        parameters: parameters, panels: panels) / Double(total)
    }
    let first = (total + 1) / 2
    worker.post(
      objective: objective, batch: batch, start: first, count: total - first, totalCount: total,
      parameters: parameters, panels: panels)
    let ownLoss = workspace.lossAndGradient(
      objective: objective, batch: batch, start: 0, count: first, totalCount: total,
      parameters: parameters, panels: panels)
    let workerLoss = worker.waitForResult()
    let own = workspace.gradient.pointer
    let other = UnsafePointer(worker.workspace.gradient.pointer)
    let count = shape.parameterCount
    var index = 0
    while index &+ 16 <= count {
      store16(load16(own + index) + load16(other + index), own + index)
      index &+= 16
    }
    while index < count {
      own[index] += other[index]
      index &+= 1
    }
    return (ownLoss + workerLoss) / Double(total)
  }

  /// The gradient of the last `lossAndGradient` in the layout of `networkShape`, whose padded
  /// shape this scratch runs.
  func unpaddedGradient(of networkShape: NetworkShape) -> [Float] {
    precondition(networkShape.padded == shape, "the scratch runs another shape")
    var gradient = [Float](repeating: 0, count: networkShape.parameterCount)
    gradient.withUnsafeMutableBufferPointer {
      networkShape.unpad(workspace.gradient.pointer, into: $0.baseAddress!)
    }
    return gradient
  }
}
