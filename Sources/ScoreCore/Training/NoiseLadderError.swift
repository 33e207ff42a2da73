// What can be wrong with a noise-ladder specification such as "1.0:0.01:10".

/// A noise ladder that cannot be built, with the 1-based column of the offending field.
public struct NoiseLadderError: Error, Equatable, CustomStringConvertible {
  /// The column where the offending field starts (1 for values not parsed from text).
  public let column: Int
  /// Sentence case, the offending token in single quotes, no final period.
  public let message: String

  /// "column C: message", with anything that does not print escaped.
  public var description: String { EscapedText.singleLine("column \(column): \(message)") }
}
