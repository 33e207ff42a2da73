// A JSON value as the safetensors header holds it, kept exact enough to check types.

/// Any JSON value, decoded with `JSONDecoder` so that integers, other numbers, booleans
/// and strings stay distinguishable for error messages.
enum HeaderValue: Decodable {
  case object([String: HeaderValue])
  case array([HeaderValue])
  case string(String)
  case integer(Int)
  case number(Double)
  case boolean(Bool)
  case null

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .boolean(value)
    } else if let value = try? container.decode(Int.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([HeaderValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: HeaderValue].self))
    }
  }

  /// The value as it would appear in the file, shortened, for messages.
  var summary: String {
    switch self {
    case .object: "an object"
    case .array: "an array"
    case .string(let text): "'\(text)'"
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
