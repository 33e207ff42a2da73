// A JSON value as the safetensors header holds it, kept exact enough to check types.

/// Any JSON value of a safetensors header, with integers, other numbers, booleans and
/// strings kept apart for error messages. `HeaderJSONParser` makes them.
enum HeaderValue {
  case object([String: HeaderValue])
  case array([HeaderValue])
  case string(String)
  case integer(Int)
  case number(Double)
  case boolean(Bool)
  case null

  /// The value as it would appear in the file, shortened and escaped, for messages.
  var summary: String {
    switch self {
    case .object: "an object"
    case .array: "an array"
    case .string(let text): EscapedText.quoted(text)
    case .integer(let value): "'\(value)'"
    case .number(let value): "'\(value)'"
    case .boolean(let value): "'\(value)'"
    case .null: "'null'"
    }
  }

  /// The value if it is an integer ≥ 0.
  var nonNegativeInteger: Int? {
    if case .integer(let value) = self, value >= 0 { return value }
    return nil
  }
}
