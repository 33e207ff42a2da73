// The trained network as a score field that samplers and metrics can query in batches.

import Foundation

/// s_θ(x, σ) = f_θ(x, log σ)/σ for batches of points, with its own scratch memory.
///
/// Points are processed in chunks of `capacity` (256 by default); after the first call
/// nothing is allocated. A copy shares nothing observable: a copy that evaluates builds its
/// own scratch first.
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
    let workspace: NetworkWorkspace
    let panels = WeightPanels()

    init(network: ScoreNetwork, capacity: Int) {
      workspace = NetworkWorkspace(capacity: capacity, maximumBlocks: 1, keepsDerivatives: false)
      network.parameters.withUnsafeBufferPointer { panels.update(from: $0.baseAddress!) }
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
    let panels = storage.panels
    let logNoise = Float(log(Double(noiseLevel)))
    let inverseNoise = 1 / noiseLevel
    network.parameters.withUnsafeBufferPointer { parameterBuffer in
      let parameters = parameterBuffer.baseAddress!
      let input = workspace.input.pointer
      let outputs = UnsafePointer(workspace.outputs.pointer)
      var start = 0
      while start < count {
        let chunk = min(capacity, count - start)
        let rows = NetworkWorkspace.paddedRows(chunk)
        for point in 0..<rows {
          let inside = point < chunk
          input[3 &* point] = inside ? points[2 &* (start &+ point)] : 0
          input[3 &* point &+ 1] = inside ? points[2 &* (start &+ point) &+ 1] : 0
          input[3 &* point &+ 2] = logNoise
        }
        workspace.forward(
          rows: rows, blocks: 1, derivatives: false, parameters: parameters, panels: panels)
        for index in 0..<(2 * chunk) {
          scores[2 &* start &+ index] = outputs[index] * inverseNoise
        }
        start += chunk
      }
    }
  }
}
