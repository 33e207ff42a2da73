// The family of score networks: how wide and how deep, and where each tensor lies.

/// The shape of a score network: `hiddenLayers` SiLU layers of `hiddenWidth` units each.
///
/// The network is PyTorch's `nn.Sequential(Linear(3,W), SiLU(), Linear(W,W), SiLU(), …,
/// Linear(W,2))` with L SiLUs: input (x₁, x₂, log σ), two outputs, tensors `0.weight`,
/// `0.bias`, `2.weight`, …, `(2L).weight`, `(2L).bias`, each weight row-major [out][in]. The
/// parameters are the tensors one after another in that order. `standard` (128 × 3) is the
/// network of WORKLOADS.md, 33,794 parameters.
///
/// ```
/// let shape = try NetworkShape(hiddenWidth: 256, hiddenLayers: 4)
/// for tensor in shape.tensors { print(tensor.name, tensor.shape, tensor.offset) }
/// ```
public struct NetworkShape: Sendable, Hashable, CustomStringConvertible {
  /// Inputs per point: x₁, x₂ and log σ.
  public static let inputWidth = 3
  /// Outputs per point: the two components of f_θ.
  public static let outputWidth = 2
  /// The hidden widths a network may have.
  public static let widthRange = 16...512
  /// The numbers of hidden (SiLU) layers a network may have.
  public static let layerRange = 1...8
  /// 128 units in each of 3 hidden layers: the default and the fast path the benchmarks measure.
  public static let standard = NetworkShape(uncheckedWidth: 128, layers: 3)

  /// Units in each hidden layer.
  public let hiddenWidth: Int
  /// The number of hidden layers, each a Linear followed by a SiLU.
  public let hiddenLayers: Int

  /// A shape within `widthRange` and `layerRange`.
  ///
  /// - Throws: `ScoreNetworkError.shapeOutOfRange` otherwise.
  public init(hiddenWidth: Int, hiddenLayers: Int) throws(ScoreNetworkError) {
    guard Self.widthRange.contains(hiddenWidth), Self.layerRange.contains(hiddenLayers) else {
      throw .shapeOutOfRange(hiddenWidth: hiddenWidth, hiddenLayers: hiddenLayers)
    }
    self.init(uncheckedWidth: hiddenWidth, layers: hiddenLayers)
  }

  init(uncheckedWidth: Int, layers: Int) {
    hiddenWidth = uncheckedWidth
    hiddenLayers = layers
  }

  /// `128×3`: width × hidden layers, as the command-line flags and the benchmarks name it.
  public var description: String { "\(hiddenWidth)×\(hiddenLayers)" }

  /// The layer list as a model file's `architecture` metadata spells it.
  public var architecture: String {
    let width = hiddenWidth
    let hidden = Array(repeating: "Linear(\(width),\(width)) SiLU", count: hiddenLayers - 1)
    return (["Linear(3,\(width)) SiLU"] + hidden + ["Linear(\(width),2)"]).joined(separator: " ")
  }

  /// The number of parameters: 4W + (L − 1)(W² + W) + 2W + 2.
  public var parameterCount: Int {
    let width = hiddenWidth
    return 4 * width + (hiddenLayers - 1) * (width * width + width) + 2 * width + 2
  }

  /// Where Linear number `layer` (0 the input layer, L the output layer) starts: its weight,
  /// followed by its bias.
  func weightOffset(layer: Int) -> Int {
    guard layer > 0 else { return 0 }
    let width = hiddenWidth
    return 4 * width + (layer - 1) * (width * width + width)
  }

  /// Where the bias of Linear number `layer` starts.
  func biasOffset(layer: Int) -> Int {
    let inputs = layer == 0 ? Self.inputWidth : hiddenWidth
    let outputs = layer == hiddenLayers ? Self.outputWidth : hiddenWidth
    return weightOffset(layer: layer) + inputs * outputs
  }

  /// The tensors in state-dict order, contiguous and covering the parameters exactly.
  public var tensors: [ScoreNetwork.Tensor] {
    (0...hiddenLayers).flatMap { layer in
      let inputs = layer == 0 ? Self.inputWidth : hiddenWidth
      let outputs = layer == hiddenLayers ? Self.outputWidth : hiddenWidth
      return [
        ScoreNetwork.Tensor(
          name: "\(2 * layer).weight", shape: [outputs, inputs], offset: weightOffset(layer: layer)),
        ScoreNetwork.Tensor(name: "\(2 * layer).bias", shape: [outputs], offset: biasOffset(layer: layer)),
      ]
    }
  }
}
