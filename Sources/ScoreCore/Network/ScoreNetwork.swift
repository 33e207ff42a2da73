// The noise-conditional score network's parameters: shape, layout, initialisation, validation.

/// The NCSN multilayer perceptron of WORKLOADS.md, as one flat buffer of parameters.
///
/// f_θ: (x₁, x₂, log σ) → Linear(3,W) → SiLU → [Linear(W,W) → SiLU] × (L − 1) → Linear(W,2),
/// and the score is s_θ(x, σ) = f_θ(x, log σ)/σ (MATH.md §4). `shape` gives W and L; the
/// standard shape, 128 × 3, has 33,794 parameters.
///
/// The parameters are stored in PyTorch `nn.Sequential` order and layout, each weight
/// row-major [out][in], so a model file maps `tensors` one to one:
///
/// ```
/// var rng = SeededGenerator(seed: 0)
/// let network = ScoreNetwork(shape: try NetworkShape(hiddenWidth: 64, hiddenLayers: 2), using: &rng)
/// for tensor in network.tensors { print(tensor.name, tensor.shape, tensor.offset) }
/// ```
///
/// Evaluate it with `ScoreNetworkEvaluator`; train it with `Trainer`.
public struct ScoreNetwork: Sendable, Equatable {
  /// One named tensor inside the flat parameter buffer.
  public struct Tensor: Sendable, Equatable {
    /// The PyTorch state-dict name, e.g. `2.weight`.
    public let name: String
    /// The shape, [out, in] for weights and [out] for biases.
    public let shape: [Int]
    /// The index of the tensor's first element in `parameters`.
    public let offset: Int
    /// The number of elements, the product of `shape`.
    public var count: Int { shape.reduce(1, *) }
  }

  /// The hidden width and depth.
  public let shape: NetworkShape

  /// All weights and biases, laid out as `tensors` describes.
  public internal(set) var parameters: [Float]

  /// The tensors in state-dict order, contiguous and covering `parameters` exactly.
  public var tensors: [Tensor] { shape.tensors }

  /// A network of `shape` with PyTorch's default `nn.Linear` initialisation.
  ///
  /// kaiming_uniform(a = √5) gives weights U(−1/√fan_in, 1/√fan_in); biases are drawn from
  /// the same interval. fan_in is 3 for the first layer and the hidden width for the others.
  /// Draws are taken tensor by tensor in `tensors` order, element by element.
  ///
  /// - Parameters:
  ///   - shape: the width and depth, `NetworkShape.standard` by default.
  ///   - rng: the generator every draw comes from.
  public init(shape: NetworkShape = .standard, using rng: inout SeededGenerator) {
    var parameters = [Float](repeating: 0, count: shape.parameterCount)
    for tensor in shape.tensors {
      let fanIn = tensor.name.hasPrefix("0.") ? NetworkShape.inputWidth : shape.hiddenWidth
      let bound = 1 / Double(fanIn).squareRoot()
      for index in tensor.offset..<(tensor.offset + tensor.count) {
        parameters[index] = Float(-bound + 2 * bound * rng.nextUniform())
      }
    }
    self.shape = shape
    self.parameters = parameters
  }

  /// A network of `shape` with the given parameters in its `tensors` layout.
  ///
  /// - Throws: `ScoreNetworkError.wrongParameterCount` unless there are exactly
  ///   `shape.parameterCount` (33,794 for the standard shape).
  public init(shape: NetworkShape = .standard, parameters: [Float]) throws(ScoreNetworkError) {
    guard parameters.count == shape.parameterCount else {
      throw .wrongParameterCount(expected: shape.parameterCount, found: parameters.count)
    }
    self.shape = shape
    self.parameters = parameters
  }
}
