// One named float tensor of a model file.

/// A tensor as a model file stores it: a name, a shape and row-major `Float` values.
///
/// Names follow PyTorch's `state_dict` (e.g. `net.0.weight`), so a file written by either
/// side opens in the other. A scalar has shape `[]` and one value.
public struct NamedTensor: Sendable, Equatable {
  /// The tensor's key in the file, e.g. `net.0.weight`.
  public let name: String
  /// The dimensions, outermost first.
  public let shape: [Int]
  /// The values in row-major (C) order; `values.count` is the product of `shape`.
  public let values: [Float]

  /// Creates a tensor.
  ///
  /// - Parameters:
  ///   - name: the key; must not be `__metadata__`.
  ///   - shape: non-negative dimensions whose product is `values.count` (checked).
  ///   - values: row-major values.
  public init(name: String, shape: [Int], values: [Float]) {
    precondition(name != SafetensorsFile.metadataKey, "'__metadata__' is not a tensor name")
    precondition(shape.allSatisfy { $0 >= 0 }, "tensor dimensions must not be negative")
    precondition(
      shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
    self.name = name
    self.shape = shape
    self.values = values
  }
}
