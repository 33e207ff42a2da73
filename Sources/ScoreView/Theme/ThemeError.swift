// A theme file that cannot be used: what is wrong and where.

/// A malformed theme file, an unreadable one, or a theme name that does not exist.
///
/// `description` reads `file:line:column: message` (line and column 1-based, columns
/// counted in Unicode scalars), or `file: message` when the problem concerns the whole file
/// (line 0). Messages are sentence case, quote the offending token in single quotes and
/// have no final period: `dark.toml:4:14: expected a colour '#RRGGBB', '#GG' or 'default',
/// found '#12345'`.
public struct ThemeError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The file (or folder, for a missing theme name) the error is about.
  public var file: String
  /// The 1-based line, or 0 when the whole file is meant.
  public var line: Int
  /// The 1-based column in Unicode scalars, or 0 when the whole file is meant.
  public var column: Int
  /// What is wrong.
  public var message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
  }
}
