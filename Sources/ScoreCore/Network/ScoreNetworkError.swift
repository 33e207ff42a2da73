// What can be wrong with a network shape or a set of network parameters handed in from outside.

/// A shape outside the family, or a parameter buffer that does not fit a `ScoreNetwork`'s layout.
public enum ScoreNetworkError: Error, Equatable, CustomStringConvertible {
  /// The buffer holds `found` numbers where the layout needs `expected`.
  case wrongParameterCount(expected: Int, found: Int)
  /// A hidden width outside `NetworkShape.widthRange` or a depth outside `layerRange`.
  case shapeOutOfRange(hiddenWidth: Int, hiddenLayers: Int)

  /// Sentence case, the offending value in single quotes, no final period.
  public var description: String {
    switch self {
    case .wrongParameterCount(let expected, let found):
      "Expected \(expected) network parameters, found '\(found)'"
    case .shapeOutOfRange(let width, let layers):
      "A network of hidden width '\(width)' and '\(layers)' hidden layers is outside the family: widths "
        + "\(NetworkShape.widthRange.lowerBound) to \(NetworkShape.widthRange.upperBound), "
        + "\(NetworkShape.layerRange.lowerBound) to \(NetworkShape.layerRange.upperBound) hidden layers"
    }
  }
}
