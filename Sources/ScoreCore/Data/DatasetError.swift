// The one error type of reading points: what went wrong, where, and which exit code it maps to.

/// A data file could not be read as points, said with the place it happened.
///
/// `description` reads `file:line:column: message` (`points.csv:12:7: expected a number,
/// found 'abc'`), dropping the parts that are unknown: `file:line: message` or
/// `file: message`. Line and column are 1-based; the column counts characters (Unicode
/// scalars) from the start of the line to where the bad field starts. Messages are in
/// sentence case, quote the offending token in single quotes (escaped and shortened by
/// `EscapedText.quoted`: file content never reaches the terminal raw) and end without a
/// period.
public struct DatasetError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What class of failure this is, which fixes the process exit code (sysexits.h).
  public enum Kind: Sendable, Equatable {
    /// The request does not fit the file, e.g. an unknown column name: `EX_USAGE`, 64.
    case usage
    /// The file's contents are malformed: `EX_DATAERR`, 65.
    case data
    /// The file cannot be opened or read: `EX_NOINPUT`, 66.
    case cannotOpen
  }

  /// The failure class.
  public var kind: Kind
  /// The file as the user named it.
  public var file: String
  /// The 1-based line, when the failure has one.
  public var line: Int?
  /// The 1-based character column in `line` where the bad field starts, when known.
  public var column: Int?
  /// What is wrong, in sentence case without a final period.
  public var message: String

  /// Creates an error; see the type's documentation for the meaning of each part.
  public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, message: String) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// The process exit code for this failure: 64 usage, 65 data, 66 cannot open (sysexits.h).
  public var exitCode: Int32 {
    switch kind {
    case .usage: 64
    case .data: 65
    case .cannotOpen: 66
    }
  }

  /// `file:line:column: message`, leaving out the parts that are nil, on one line: anything
  /// in it that does not print is escaped (`EscapedText.singleLine`).
  public var description: String {
    var place = file
    if let line {
      place += ":\(line)"
      if let column { place += ":\(column)" }
    }
    return EscapedText.singleLine(place + ": " + message)
  }
}
