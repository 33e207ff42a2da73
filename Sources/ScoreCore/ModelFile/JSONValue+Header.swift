// What the model file's reader asks of a header value: a summary for messages, an offset.

extension JSONValue {
  /// The value as it would appear in the file, shortened and escaped, for messages.
  var summary: String {
    switch self {
    case .object: "an object"
    case .array: "an array"
    case .string(let text): EscapedText.quoted(text)
    case .integer(let value): "'\(value)'"
    case .number(let value): "'\(value)'"
    case .bool(let value): "'\(value)'"
    case .null: "'null'"
    }
  }

  /// The value if it is an integer ≥ 0.
  var nonNegativeInteger: Int? {
    if case .integer(let value) = self, value >= 0 { return value }
    return nil
  }
}
