// A theme file that cannot be used: what is wrong and where.

import ScoreCore

/// A malformed theme file, an unreadable one, or a theme name that does not exist.
///
/// `description` reads `file:line:column: message` (line and column 1-based, columns
/// counted in Unicode scalars), or `file: message` when the problem concerns the whole file
/// (line 0). Messages are sentence case, quote the offending token in single quotes and
/// have no final period: `dark.toml:4:14: expected a colour '#RRGGBB', '#GG' or 'default',
/// found '#12345'`. Tokens from the file are quoted by `EscapedText`, and the description
/// is one line with nothing in it that does not print.
public struct ThemeError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What class of failure this is.
  public enum Kind: Sendable, Equatable {
    /// The file's contents are wrong, or the name names no theme.
    case malformed
    /// The file exists but cannot be opened or read.
    case cannotOpen
  }

  /// Malformed contents or an unreadable file.
  public var kind: Kind
  /// The file (or folder, for a missing theme name) the error is about.
  public var file: String
  /// The 1-based line, or 0 when the whole file is meant.
  public var line: Int
  /// The 1-based column in Unicode scalars, or 0 when the whole file is meant.
  public var column: Int
  /// What is wrong.
  public var message: String

  public init(file: String, line: Int, column: Int, message: String, kind: Kind = .malformed) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    EscapedText.singleLine(line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)")
  }
}
