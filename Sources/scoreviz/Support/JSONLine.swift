// One JSON object on one line, keys in the order given: what headless commands print last.

import ScoreCore

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
    case .string(let s): return JSONString.literal(s)
    case .bool(let b): return b ? "true" : "false"
    case .object(let line): return line.encoded
    case .array(let items): return "[" + items.map(\.encoded).joined(separator: ",") + "]"
    case .null: return "null"
    }
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
    let members = zip(keys, values).map { JSONString.literal($0) + ":" + $1.encoded }
    return "{" + members.joined(separator: ",") + "}"
  }
}
