// The noise-conditional score network's parameters: layout, initialisation, validation.

/// The NCSN multilayer perceptron of WORKLOADS.md, as one flat buffer of parameters.
///
/// f_θ: (x₁, x₂, log σ) → Linear(3,128) → SiLU → Linear(128,128) → SiLU → Linear(128,128)
/// → SiLU → Linear(128,2), and the score is s_θ(x, σ) = f_θ(x, log σ)/σ (MATH.md §4).
///
/// The 33,794 parameters are stored in PyTorch `nn.Sequential` order and layout, each weight
/// row-major [out][in], so a model file maps `tensors` one to one:
///
/// ```
/// var rng = SeededGenerator(seed: 0)
/// let network = ScoreNetwork(using: &rng)
/// for tensor in ScoreNetwork.tensors { print(tensor.name, tensor.shape, tensor.offset) }
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

  /// Inputs per point: x₁, x₂ and log σ.
  public static let inputWidth = 3
  /// Units in each of the three hidden layers.
  public static let hiddenWidth = 128
  /// Outputs per point: the two components of f_θ.
  public static let outputWidth = 2
  /// The total number of parameters, 33,794.
  public static let parameterCount = 33_794

  static let inputWeightOffset = 0
  static let inputBiasOffset = 384
  static let firstHiddenWeightOffset = 512
  static let firstHiddenBiasOffset = 16_896
  static let secondHiddenWeightOffset = 17_024
  static let secondHiddenBiasOffset = 33_408
  static let outputWeightOffset = 33_536
  static let outputBiasOffset = 33_792

  /// The eight tensors in state-dict order, contiguous and covering `parameters` exactly.
  public static let tensors: [Tensor] = [
    Tensor(name: "0.weight", shape: [128, 3], offset: inputWeightOffset),
    Tensor(name: "0.bias", shape: [128], offset: inputBiasOffset),
    Tensor(name: "2.weight", shape: [128, 128], offset: firstHiddenWeightOffset),
    Tensor(name: "2.bias", shape: [128], offset: firstHiddenBiasOffset),
    Tensor(name: "4.weight", shape: [128, 128], offset: secondHiddenWeightOffset),
    Tensor(name: "4.bias", shape: [128], offset: secondHiddenBiasOffset),
    Tensor(name: "6.weight", shape: [2, 128], offset: outputWeightOffset),
    Tensor(name: "6.bias", shape: [2], offset: outputBiasOffset),
  ]

  /// All weights and biases, laid out as `tensors` describes.
  public internal(set) var parameters: [Float]

  /// A network with PyTorch's default `nn.Linear` initialisation.
  ///
  /// kaiming_uniform(a = √5) gives weights U(−1/√fan_in, 1/√fan_in); biases are drawn from
  /// the same interval. fan_in is 3 for the first layer and 128 for the others. Draws are
  /// taken tensor by tensor in `tensors` order, element by element.
  ///
  /// - Parameter rng: the generator every draw comes from.
  public init(using rng: inout SeededGenerator) {
    var parameters = [Float](repeating: 0, count: Self.parameterCount)
    for tensor in Self.tensors {
      let fanIn = tensor.name.hasPrefix("0.") ? Self.inputWidth : Self.hiddenWidth
      let bound = 1 / Double(fanIn).squareRoot()
      for index in tensor.offset..<(tensor.offset + tensor.count) {
        parameters[index] = Float(-bound + 2 * bound * rng.nextUniform())
      }
    }
    self.parameters = parameters
  }

  /// A network with the given parameters in `tensors` layout.
  ///
  /// - Throws: `ScoreNetworkError.wrongParameterCount` unless there are exactly 33,794.
  public init(parameters: [Float]) throws(ScoreNetworkError) {
    guard parameters.count == Self.parameterCount else {
      throw .wrongParameterCount(expected: Self.parameterCount, found: parameters.count)
    }
    self.parameters = parameters
  }
}
