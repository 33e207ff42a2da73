// A JSON value: what the model file's header and the commands' JSON output are made of.

/// A JSON value (RFC 8259), read by the model file's strict parser and written by the
/// model file and the commands.
///
/// Integers and other numbers are kept apart: a reader can insist on an integer (a tensor's
/// shape and offsets), and a writer prints a count without a fraction. Objects keep their
/// members in order (`JSONObject`).
public enum JSONValue: Sendable {
  case object(JSONObject)
  case array([JSONValue])
  case string(String)
  case integer(Int)
  case number(Double)
  case bool(Bool)
  case null

  /// A Float as a number written with the shortest decimal that reads back as that Float
  /// (`0.1`), not the longer one of its exact Double value (`0.10000000149011612`).
  public static func float(_ value: Float) -> JSONValue {
    .number(value.isFinite ? Double(value.description) ?? Double(value) : Double(value))
  }

  /// The value as compact JSON text, with no whitespace.
  ///
  /// A number is written as its shortest round-trip decimal (`0.1`, `1e-05`), or `null`
  /// when it is not finite, which JSON cannot express. Strings are escaped as `literal`
  /// does.
  public var encoded: String {
    switch self {
    case .object(let object): object.encoded
    case .array(let items): "[" + items.map(\.encoded).joined(separator: ",") + "]"
    case .string(let text): Self.literal(text)
    case .integer(let value): "\(value)"
    case .number(let value): value.isFinite ? "\(value)" : "null"
    case .bool(let value): value ? "true" : "false"
    case .null: "null"
    }
  }

  /// `text` as a JSON string literal: quotes, backslash and control characters escaped,
  /// everything else as UTF-8.
  static func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16, uppercase: false)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
