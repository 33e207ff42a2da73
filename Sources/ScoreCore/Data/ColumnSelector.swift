// Which two columns of a data file hold the x and y coordinates.

/// One column of a data file, named by its header or by its position.
///
/// Positions are 0-based and counted after an R-style row-name column (the first column of a
/// `write.csv` file, or of a pandas `to_csv` with its index) has been removed, so `.index(0)`
/// is always the first column of actual data. In an NPY file the position is the second axis
/// of the (N, k) array.
public enum ColumnSelector: Sendable, Hashable, CustomStringConvertible {
  /// The column whose header field is exactly this name.
  case name(String)
  /// The column at this 0-based position.
  case index(Int)

  /// The selector as it is written on the command line: `x` or `2`.
  public var description: String {
    switch self {
    case .name(let name): name
    case .index(let index): String(index)
    }
  }

  /// Parses the command-line form `--columns a,b` or `--columns 0,2`.
  ///
  /// The text is split at commas and each part trimmed of spaces; a part of only decimal digits
  /// is a position, anything else a name (the two may be mixed: `x,3`). Exactly two distinct
  /// columns must be given, x first.
  /// - Throws: `DatasetError` of kind `.usage` (exit 64) with `file` "--columns" when a part
  ///   is empty, when there are not exactly two parts, or when both name the same column.
  public static func parseList(_ text: String) throws -> [ColumnSelector] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingSpaces()
    }
    func usage(_ message: String) -> DatasetError {
      DatasetError(.usage, file: "--columns", message: message)
    }
    guard parts.count == 2 else {
      throw usage("expected two columns such as 'x,y' or '0,1', found '\(text)'")
    }
    let selectors = try parts.map { part -> ColumnSelector in
      guard !part.isEmpty else { throw usage("empty column name in '\(text)'") }
      if part.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
        let index = Int(part)
      {
        return .index(index)
      }
      return .name(part)
    }
    guard selectors[0] != selectors[1] else {
      throw usage("the two columns must differ, found '\(text)'")
    }
    return selectors
  }
}

extension Substring {
  /// The text without leading and trailing spaces and tabs.
  fileprivate func trimmingSpaces() -> String {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) })
    else { return "" }
    return String(self[first...last])
  }
}
