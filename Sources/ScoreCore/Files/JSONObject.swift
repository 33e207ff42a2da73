// A JSON object that keeps its members in the order they were added or read.

/// The members of a JSON object, in order, each key once.
///
/// Writers get their keys in the order they chose; the reader keeps the file's order and
/// finds a member by key in O(1).
public struct JSONObject: Sendable {
  /// The keys, in order.
  public private(set) var keys: [String] = []
  private var values: [String: JSONValue] = [:]

  /// An object of `members`, in order; traps if a key appears twice.
  public init(_ members: [(String, JSONValue)] = []) {
    for (key, value) in members { append(key, value) }
  }

  /// Adds `value` under `key` at the end; traps if `key` is already there.
  public mutating func append(_ key: String, _ value: JSONValue) {
    precondition(values.updateValue(value, forKey: key) == nil, "a JSON object's keys must differ")
    keys.append(key)
  }

  /// The value under `key`, or nil.
  public subscript(key: String) -> JSONValue? { values[key] }

  /// The members in order.
  public var members: [(key: String, value: JSONValue)] { keys.map { ($0, values[$0]!) } }

  /// The object as compact JSON text: `{"key":value,…}` in order.
  public var encoded: String {
    "{" + keys.map { JSONValue.literal($0) + ":" + values[$0]!.encoded }.joined(separator: ",") + "}"
  }
}
