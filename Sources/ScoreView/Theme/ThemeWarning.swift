// Something in a theme file that was skipped rather than used.

import ScoreCore

/// A key or table a theme file has that scoreviz does not know; it was skipped.
///
/// Like btop, unknown keys do not stop a theme from loading (a newer file still works with
/// an older program); the caller decides whether to show the warnings (scoreviz prints them
/// on stderr). `description` reads `file:line:column: message`, on one line: the names in
/// it are quoted by `EscapedText`.
public struct ThemeWarning: CustomStringConvertible, Sendable, Equatable {
  /// The theme file.
  public var file: String
  /// The 1-based line of the skipped key or table header.
  public var line: Int
  /// Its 1-based column.
  public var column: Int
  /// What was skipped.
  public var message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String { EscapedText.singleLine("\(file):\(line):\(column): \(message)") }
}
