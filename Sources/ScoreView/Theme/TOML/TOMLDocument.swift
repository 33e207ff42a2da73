// A parsed TOML file of the small subset theme files use.

/// The tables and key–value entries of a TOML file, in file order, with their places.
///
/// The subset read (anything else is an error, never silently misread):
/// - comments from `#` to the end of the line, outside strings; blank lines; LF or CRLF;
/// - table headers `[name]`, the name bare or in double quotes, each table at most once;
///   keys before the first header belong to the root table "";
/// - entries `key = value` on one line (an array may continue over several), the key bare
///   (`A–Z a–z 0–9 _ -`) or in double quotes, each key at most once per table;
/// - basic strings `"…"` with the escapes `\b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX`, literal
///   strings `'…'` without escapes, both on one line;
/// - integers (optional sign, decimal digits, `_` only between digits), floats (the same
///   with a fraction and/or an exponent), `true` and `false`;
/// - arrays `[v, v, …]` of any of these, over several lines, with comments and a trailing
///   comma allowed.
///
/// Not supported, each reported as such: `[[array tables]]`, dotted keys, inline tables
/// `{…}`, multi-line strings `"""…"""`, dates and times, hexadecimal/octal/binary integers,
/// `inf` and `nan`.
public struct TOMLDocument: Sendable, Equatable {
  /// A `[name]` header and where it was written.
  public struct Table: Sendable, Equatable {
    public var name: String
    public var line: Int
    public var column: Int

    public init(name: String, line: Int, column: Int) {
      self.name = name
      self.line = line
      self.column = column
    }
  }

  /// One `key = value` line.
  public struct Entry: Sendable, Equatable {
    /// The table the entry belongs to; "" before the first header.
    public var table: String
    public var key: String
    /// The 1-based line and column of the key.
    public var line: Int
    public var column: Int
    public var value: TOMLValue

    public init(table: String, key: String, line: Int, column: Int, value: TOMLValue) {
      self.table = table
      self.key = key
      self.line = line
      self.column = column
      self.value = value
    }
  }

  /// The table headers in file order.
  public var tables: [Table]
  /// The entries in file order.
  public var entries: [Entry]

  /// Parses `text`; `file` names it in errors.
  ///
  /// - Throws: `ThemeError` at the first malformed or unsupported construct, with its line
  ///   and column.
  public static func parse(_ text: String, file: String) throws(ThemeError) -> TOMLDocument {
    var parser = TOMLParser(text: text, file: file)
    return try parser.parseDocument()
  }
}
