// One value read from a TOML file, with the place it was written.

/// A TOML value of the subset `TOMLDocument` reads, and where it starts in the file.
public struct TOMLValue: Sendable, Equatable {
  /// What the value is.
  public enum Kind: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue])
  }

  /// The value itself.
  public var kind: Kind
  /// The 1-based line of its first character (the opening quote or bracket).
  public var line: Int
  /// The 1-based column of its first character, in Unicode scalars.
  public var column: Int

  public init(_ kind: Kind, line: Int, column: Int) {
    self.kind = kind
    self.line = line
    self.column = column
  }

  /// The value's type as messages name it: "string", "integer", "float", "boolean", "array".
  public var typeName: String {
    switch kind {
    case .string: return "string"
    case .integer: return "integer"
    case .float: return "float"
    case .boolean: return "boolean"
    case .array: return "array"
    }
  }
}
