// What can be wrong with a set of network parameters handed in from outside.

/// A parameter buffer that does not fit `ScoreNetwork`'s layout.
public enum ScoreNetworkError: Error, Equatable, CustomStringConvertible {
  /// The buffer holds `found` numbers where the layout needs `expected`.
  case wrongParameterCount(expected: Int, found: Int)

  /// Sentence case, the offending value in single quotes, no final period.
  public var description: String {
    switch self {
    case .wrongParameterCount(let expected, let found):
      "Expected \(expected) network parameters, found '\(found)'"
    }
  }
}
