// One JSON object on one line, keys in the order given: what headless commands print last.

/// A JSON value small enough for summaries and benchmark records.
enum JSONValue {
  case number(Double)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case object(JSONLine)
  case array([JSONValue])
  case null

  var encoded: String {
    switch self {
    case .number(let x): return x.isFinite ? "\(x)" : "null"
    case .integer(let n): return "\(n)"
    case .string(let s): return JSONValue.quote(s)
    case .bool(let b): return b ? "true" : "false"
    case .object(let line): return line.encoded
    case .array(let items): return "[" + items.map(\.encoded).joined(separator: ",") + "]"
    case .null: return "null"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

/// An ordered JSON object.
struct JSONLine {
  private var keys: [String] = []
  private var values: [JSONValue] = []

  init(_ fields: [(String, JSONValue)] = []) {
    for (key, value) in fields { append(key, value) }
  }

  mutating func append(_ key: String, _ value: JSONValue) {
    keys.append(key)
    values.append(value)
  }

  /// The members in order.
  var members: [(key: String, value: JSONValue)] { zip(keys, values).map { ($0, $1) } }

  var encoded: String {
    let members = zip(keys, values).map { JSONValue.quote($0) + ":" + $1.encoded }
    return "{" + members.joined(separator: ",") + "}"
  }
}
