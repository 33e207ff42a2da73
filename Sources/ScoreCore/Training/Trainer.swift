// Training the score network: batches, noise, objectives and Adam, one step at a time.

import Foundation

/// Trains a `ScoreNetwork` by minibatch score matching with Adam.
///
/// Each `step` draws `batchSize` points uniformly with replacement from the data, a noise
/// level per point (from `noiseDistribution`: uniform over `ladder`, or log-uniform between
/// its ends; `denoisingNoiseLevel` for `dsm`), noise
/// z ~ N(0, I) and, for `ssm`, a projection v ~ N(0, I); perturbs x̃ = x + σz; computes the
/// mean `objective` loss and its exact gradient; and takes one `Adam` step.
///
/// ```
/// var trainer = Trainer(objective: .ncsn, seed: 1, threadCount: 2)
/// for _ in 0..<5_000 { _ = trainer.step(on: standardisedPoints) }
/// var field = ScoreNetworkEvaluator(network: trainer.network)
/// ```
///
/// Performance: all memory is allocated by `init` (and again only after a change of
/// `batchSize` or `threadCount`, or when a copy of the trainer steps); a step allocates nothing.
/// With two threads a persistent worker thread computes the second half of the batch while
/// the calling thread computes the first; the result equals one thread's up to Float rounding
/// (the two gradient halves are summed). Random draws all happen on the calling thread, so
/// a run is reproducible from `seed` whatever the thread count.
///
/// A network whose width is not a whole number of the kernels' column blocks is trained in
/// the padded layout (`NetworkShape.padded`): Adam steps that copy, whose padding stays zero,
/// and `network` is refreshed from it after every step.
public struct Trainer: Sendable {
  /// The network being trained.
  public private(set) var network: ScoreNetwork
  /// Adam's state and learning rate.
  public private(set) var optimizer: Adam
  /// The loss minimised.
  public var objective: Objective
  /// The noise levels of `ncsn`, `ssm`, `ism` and `esm`.
  public var ladder: NoiseLadder
  /// How those objectives draw σ from `ladder`: one of its levels, or log σ uniform in
  /// [log σ_min, log σ_max]. `dsm` trains its one level whatever this is (see
  /// `NoiseDistribution.supports(_:)`; the commands refuse `dsm` with `continuous`).
  public var noiseDistribution: NoiseDistribution
  /// The one noise level of `dsm`.
  ///
  /// Defaults to the ladder's level nearest 0.1 in log σ (ties to the larger), 0.129 for
  /// `NoiseLadder.standard`: a member of the ladder, so the same σ can be shown for every
  /// objective, and a scale at which the standardised data's structure is still resolved.
  public var denoisingNoiseLevel: Float
  /// Points per step, at least 1.
  public var batchSize: Int
  /// Threads per step, 1 or 2.
  public var threadCount: Int
  /// The seed the network's initialisation and every draw derive from.
  public let seed: UInt64
  /// Steps taken so far.
  public private(set) var stepCount = 0

  /// The stream every batch is drawn from.
  private var random: SeededGenerator
  /// Scratch memory and the worker thread; rebuilt by a copy before it steps.
  var scratch: TrainerScratch
  /// The network's parameters in the padded layout the kernels run, which Adam updates;
  /// empty when the network needs no padding and Adam updates `network` itself.
  private(set) var paddedParameters: [Float]

  /// A trainer for `network`, or for a new PyTorch-initialised network drawn from `seed`.
  ///
  /// - Parameters:
  ///   - network: the starting point; `nil` initialises one of `shape` from a generator split
  ///     off `seed`.
  ///   - shape: the width and depth of a new network, `NetworkShape.standard` by default.
  ///   - objective: the loss, `ncsn` by default (WORKLOADS.md "Training step").
  ///   - ladder: the noise levels, `NoiseLadder.standard` by default.
  ///   - noiseDistribution: how each point's σ is drawn from `ladder`, `ladder` by default.
  ///   - denoisingNoiseLevel: σ for `dsm`; `nil` picks the ladder's level nearest 0.1.
  ///   - batchSize: points per step, 256 by default.
  ///   - learningRate: Adam's lr, 1e-3 by default.
  ///   - seed: fixes the initialisation and every batch.
  ///   - threadCount: 1 or 2.
  public init(
    network: ScoreNetwork? = nil, shape: NetworkShape = .standard, objective: Objective = .ncsn,
    ladder: NoiseLadder = .standard, noiseDistribution: NoiseDistribution = .ladder,
    denoisingNoiseLevel: Float? = nil, batchSize: Int = 256, learningRate: Float = 1e-3,
    seed: UInt64 = 0, threadCount: Int = 1
  ) {
    precondition(batchSize >= 1, "batch size must be at least 1")
    precondition(threadCount == 1 || threadCount == 2, "thread count must be 1 or 2")
    var random = SeededGenerator(seed: seed)
    var initialisation = random.split()
    let network = network ?? ScoreNetwork(shape: shape, using: &initialisation)
    self.network = network
    self.random = random
    let computeShape = network.shape.padded
    paddedParameters =
      network.shape.needsPadding ? network.shape.paddedParameters(network.parameters) : []
    optimizer = Adam(parameterCount: computeShape.parameterCount, learningRate: learningRate)
    self.objective = objective
    self.ladder = ladder
    self.noiseDistribution = noiseDistribution
    self.denoisingNoiseLevel =
      denoisingNoiseLevel ?? ladder.levels[ladder.indexOfLevel(nearest: 0.1)]
    self.batchSize = batchSize
    self.threadCount = threadCount
    self.seed = seed
    scratch = TrainerScratch(shape: computeShape, batchSize: batchSize, threadCount: threadCount)
  }

  /// Adam's learning rate.
  public var learningRate: Float {
    get { optimizer.learningRate }
    set { optimizer.learningRate = newValue }
  }

  /// One training step on `data`; returns the batch's mean loss before the update.
  ///
  /// - Parameter data: standardised points, interleaved x₀, y₀, x₁, y₁, … (at least one point).
  /// - Precondition: `objective` is not `esm`, which needs `step(on:target:)`.
  public mutating func step(on data: [Float]) -> Float {
    precondition(objective != .esm, "explicit score matching needs a target score")
    let scratch = preparedScratch()
    drawBatch(from: data, into: scratch.batch)
    return finishStep(scratch)
  }

  /// One training step on `data` whose `esm` target is `target`; returns the mean loss.
  ///
  /// `target` is evaluated at the perturbed points once per ladder level present in the
  /// batch, or once per point at its own σ when `noiseDistribution` is `continuous` (the live
  /// program passes the KDE score at h = σ). Other objectives ignore it.
  /// - Parameter data: standardised points, interleaved x₀, y₀, x₁, y₁, … (at least one point).
  public mutating func step<Target: BatchScoreFunction>(
    on data: [Float], target: inout Target
  ) -> Float {
    let scratch = preparedScratch()
    drawBatch(from: data, into: scratch.batch)
    if objective == .esm { scratch.batch.evaluateTargets(&target, levels: ladder.levels) }
    return finishStep(scratch)
  }

  /// This trainer's own scratch, rebuilt if it is shared with a copy or no longer fits.
  mutating func preparedScratch() -> TrainerScratch {
    precondition(batchSize >= 1, "batch size must be at least 1")
    precondition(threadCount == 1 || threadCount == 2, "thread count must be 1 or 2")
    if !isKnownUniquelyReferenced(&scratch) || scratch.batchSize != batchSize
      || scratch.threadCount != threadCount
    {
      scratch = TrainerScratch(shape: network.shape.padded, batchSize: batchSize, threadCount: threadCount)
    }
    return scratch
  }

  /// Noise z, projections v (`ssm`), then a data index and a level per point, all from `random`.
  ///
  /// A `continuous` level is σ = exp(log σ_min + u·(log σ_max − log σ_min)) with u ~ U[0, 1),
  /// its network input log σ taken of the Float σ (as the evaluator takes it) and its level
  /// index −1. The `ladder` path draws exactly as it always has.
  mutating func drawBatch(from data: [Float], into batch: TrainingBatch) {
    let pointCount = data.count / 2
    precondition(pointCount >= 1, "training needs at least one point")
    let count = batchSize
    batch.count = count
    let levels = ladder.levels
    let logLevels = ladder.logLevels
    let fixedLevel = denoisingNoiseLevel
    let fixedLogLevel = Float(log(Double(fixedLevel)))
    let continuous = noiseDistribution == .continuous
    let logMaximum = log(Double(ladder.maximum))
    let logMinimum = log(Double(ladder.minimum))
    random.fillNormal(UnsafeMutableBufferPointer(start: batch.noise.pointer, count: 2 * count))
    if objective == .ssm {
      random.fillNormal(
        UnsafeMutableBufferPointer(start: batch.directions.pointer, count: 2 * count))
    }
    let points = batch.points.pointer
    let noise = UnsafePointer(batch.noise.pointer)
    data.withUnsafeBufferPointer { source in
      for point in 0..<count {
        let index = Int(random.next(upperBound: UInt64(pointCount)))
        let sigma: Float
        if objective == .dsm {
          sigma = fixedLevel
          batch.noiseLevels.pointer[point] = fixedLevel
          batch.logNoiseLevels.pointer[point] = fixedLogLevel
          batch.levelIndices[point] = -1
        } else if continuous {
          sigma = Float(exp(logMinimum + random.nextUniform() * (logMaximum - logMinimum)))
          batch.noiseLevels.pointer[point] = sigma
          batch.logNoiseLevels.pointer[point] = Float(log(Double(sigma)))
          batch.levelIndices[point] = -1
        } else {
          let level = Int(random.next(upperBound: UInt64(levels.count)))
          sigma = levels[level]
          batch.noiseLevels.pointer[point] = sigma
          batch.logNoiseLevels.pointer[point] = logLevels[level]
          batch.levelIndices[point] = level
        }
        points[2 &* point] = source[2 &* index] + sigma * noise[2 &* point]
        points[2 &* point &+ 1] = source[2 &* index &+ 1] + sigma * noise[2 &* point &+ 1]
      }
    }
  }

  private mutating func finishStep(_ scratch: TrainerScratch) -> Float {
    let shape = network.shape
    guard shape.needsPadding else {
      let loss = network.parameters.withUnsafeMutableBufferPointer { parameters in
        Self.step(scratch, objective: objective, optimizer: &optimizer, parameters: parameters.baseAddress!)
      }
      stepCount += 1
      return Float(loss)
    }
    var padded = paddedParameters
    paddedParameters = []
    let loss = padded.withUnsafeMutableBufferPointer { parameters in
      let loss = Self.step(scratch, objective: objective, optimizer: &optimizer, parameters: parameters.baseAddress!)
      network.parameters.withUnsafeMutableBufferPointer { shape.unpad(parameters.baseAddress!, into: $0.baseAddress!) }
      return loss
    }
    paddedParameters = padded
    stepCount += 1
    return Float(loss)
  }

  /// The loss and gradient at `parameters` (the layout `scratch` runs), then an Adam step on them.
  private static func step(
    _ scratch: TrainerScratch, objective: Objective, optimizer: inout Adam, parameters: UnsafeMutablePointer<Float>
  ) -> Double {
    let loss = scratch.lossAndGradient(objective: objective, parameters: parameters)
    optimizer.update(parameters, gradient: scratch.workspace.gradient.pointer)
    return loss
  }
}
