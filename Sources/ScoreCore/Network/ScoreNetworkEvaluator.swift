// The trained network as a score field that samplers and metrics can query in batches.

/// s_θ(x, σ) = f_θ(x, log σ)/σ for batches of points, with its own scratch memory.
///
/// Points are processed in chunks of `capacity` (256 by default); nothing is allocated per
/// call. A copy shares nothing observable: a copy that evaluates builds its own scratch first.
/// The forward pass is `InferenceWorkspace`'s: the same network as training's, with the SiLU
/// of `FastSiLU` (relative error below 4·10⁻⁷ + 10⁻⁷·|h|) and the output layer fused into the
/// last hidden one.
///
/// ```
/// var field = ScoreNetworkEvaluator(network: trainer.network)
/// field.evaluateScores(at: points, count: n, noiseLevel: 0.1, into: scores)
/// ```
public struct ScoreNetworkEvaluator: BatchScoreFunction, Sendable {
  /// The network evaluated.
  public let network: ScoreNetwork
  /// Points per forward pass.
  public let capacity: Int
  private var storage: Storage

  private final class Storage: @unchecked Sendable {
    let workspace: InferenceWorkspace

    init(network: ScoreNetwork, capacity: Int) {
      workspace = network.parameters.withUnsafeBufferPointer {
        InferenceWorkspace(parameters: $0.baseAddress!, capacity: capacity)
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
    network.parameters.withUnsafeBufferPointer { parameters in
      workspace.evaluate(
        points: points, count: count, noiseLevel: noiseLevel,
        parameters: parameters.baseAddress!, into: scores)
    }
  }
}
