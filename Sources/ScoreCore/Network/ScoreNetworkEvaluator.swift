// The trained network as a score field that samplers and metrics can query in batches.

import Foundation

/// s_θ(x, σ) = f_θ(x, log σ)/σ for batches of points, with its own scratch memory.
///
/// Points are processed in chunks of `capacity` (256 by default); nothing is allocated per
/// call. A copy shares nothing observable: a copy that evaluates builds its own scratch first.
/// The forward pass is `InferenceWorkspace`'s: the same network as training's, with the SiLU
/// of `FastSiLU` (relative error below 4·10⁻⁷ + 10⁻⁷·|h|) and the output layer fused into the
/// last hidden one. A network whose width is not a whole number of the kernels' column blocks
/// runs padded with zero units (`NetworkShape.padded`), a copy of its parameters made once.
///
/// With the divergence (`evaluateScoresAndDivergence`) the pass is `NetworkWorkspace`'s, the
/// one training runs, with two forward tangents along e₁ and e₂: tr ∇ₓs = (∂f¹/∂x¹ + ∂f²/∂x²)/σ
/// exactly, and the scores of that pass agree with `evaluateScores` to the SiLUs' rounding
/// (a relative 10⁻⁶, see `FastSiLU` and `SiLU`).
///
/// ```
/// var field = ScoreNetworkEvaluator(network: trainer.network)
/// field.evaluateScores(at: points, count: n, noiseLevel: 0.1, into: scores)
/// ```
public struct ScoreNetworkEvaluator: BatchScoreDivergenceFunction, Sendable {
  /// The network evaluated.
  public let network: ScoreNetwork
  /// Points per forward pass.
  public let capacity: Int
  private var storage: Storage

  /// Points per forward pass with the divergence (three blocks of rows each).
  static let divergenceCapacity = 64

  private final class Storage: @unchecked Sendable {
    /// The network's parameters in the padded layout the kernels run (the same array when
    /// the network needs no padding).
    let parameters: [Float]
    let workspace: InferenceWorkspace
    /// The workspace of the trace-carrying pass, built on first use.
    lazy var traceWorkspace = NetworkWorkspace(
      shape: workspace.shape, capacity: ScoreNetworkEvaluator.divergenceCapacity,
      maximumBlocks: NetworkWorkspace.traceBlocks)

    init(network: ScoreNetwork, capacity: Int) {
      let shape = network.shape
      parameters = shape.needsPadding ? shape.paddedParameters(network.parameters) : network.parameters
      workspace = parameters.withUnsafeBufferPointer {
        InferenceWorkspace(shape: shape.padded, parameters: $0.baseAddress!, capacity: capacity)
      }
    }
  }

  /// An evaluator of `network` working `capacity` points at a time (at least 1).
  public init(network: ScoreNetwork, capacity: Int = 256) {
    precondition(capacity >= 1, "capacity must be at least 1")
    self.network = network
    self.capacity = capacity
    storage = Storage(network: network, capacity: capacity)
  }

  /// Writes s_θ(xᵢ, σ) for `count` interleaved points into `scores`.
  ///
  /// - Parameter noiseLevel: σ > 0; the network sees log σ.
  public mutating func evaluateScores(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
    into scores: UnsafeMutablePointer<Float>
  ) {
    if !isKnownUniquelyReferenced(&storage) {
      storage = Storage(network: network, capacity: capacity)
    }
    let workspace = storage.workspace
    storage.parameters.withUnsafeBufferPointer { parameters in
      workspace.evaluate(
        points: points, count: count, noiseLevel: noiseLevel,
        parameters: parameters.baseAddress!, into: scores)
    }
  }

  /// Writes s_θ(xᵢ, σ) into `scores` and tr ∇ₓs_θ(xᵢ, σ) into `divergences` for `count`
  /// interleaved points.
  ///
  /// One forward pass of three blocks per chunk of 64 points: the points (x₁, x₂, log σ) and
  /// the tangents along e₁ and e₂, whose outputs are the columns of ∂f/∂x. Allocates nothing
  /// once the first call has built the workspace.
  ///
  /// - Parameter noiseLevel: σ > 0; the network sees log σ.
  public mutating func evaluateScoresAndDivergence(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
    scores: UnsafeMutablePointer<Float>, divergences: UnsafeMutablePointer<Float>
  ) {
    if !isKnownUniquelyReferenced(&storage) {
      storage = Storage(network: network, capacity: capacity)
    }
    let workspace = storage.traceWorkspace
    let panels = storage.workspace.panels
    let logNoise = Float(log(Double(noiseLevel)))
    let inverseNoise = 1 / noiseLevel
    storage.parameters.withUnsafeBufferPointer { parameters in
      var start = 0
      while start < count {
        let chunk = min(Self.divergenceCapacity, count - start)
        let rows = NetworkWorkspace.paddedRows(chunk)
        let x = workspace.input.pointer
        let chunkPoints = points + 2 * start
        for point in 0..<rows {
          let inside = point < chunk
          x[3 &* point] = inside ? chunkPoints[2 &* point] : 0
          x[3 &* point &+ 1] = inside ? chunkPoints[2 &* point &+ 1] : 0
          x[3 &* point &+ 2] = inside ? logNoise : 0
        }
        workspace.setTraceDirections(count: chunk, rows: rows)
        workspace.forward(
          rows: rows, blocks: NetworkWorkspace.traceBlocks, parameters: parameters.baseAddress!,
          panels: panels, forBackward: false)
        let f = UnsafePointer(workspace.outputs.pointer)
        for point in 0..<chunk {
          let (first, second) = NetworkWorkspace.traceOutputIndices(point: point, rows: rows)
          scores[2 &* (start &+ point)] = f[2 &* point] * inverseNoise
          scores[2 &* (start &+ point) &+ 1] = f[2 &* point &+ 1] * inverseNoise
          divergences[start &+ point] = (f[first] + f[second]) * inverseNoise
        }
        start += chunk
      }
    }
  }
}
