// Reading a tmux capture: cells by row and column, and the colours its escapes select.

import Foundation

/// A pane's text as captured by `capture-pane -p`: one array of glyphs per row.
///
/// tmux writes one character per cell, so a glyph's index in its row is its column.
public struct TmuxCapture: Sendable {
  /// The rows, top first, each without its trailing spaces.
  public let rows: [[Unicode.Scalar]]
  /// The text as captured.
  public let text: String

  public init(_ text: String) {
    self.text = text
    rows = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      Array($0.unicodeScalars)
    }
  }

  /// The glyph at (`column`, `row`); a space outside the captured text.
  public subscript(column: Int, row: Int) -> Unicode.Scalar {
    guard row >= 0, row < rows.count, column >= 0, column < rows[row].count else { return " " }
    return rows[row][column]
  }

  /// The glyphs inside `columns` × `rows` that satisfy `isIncluded`, keyed by position.
  public func cells(
    columns: Range<Int>, rows: Range<Int>, where isIncluded: (Unicode.Scalar) -> Bool
  ) -> [CellPosition: Unicode.Scalar] {
    var found: [CellPosition: Unicode.Scalar] = [:]
    for row in rows {
      for column in columns {
        let glyph = self[column, row]
        if isIncluded(glyph) { found[CellPosition(column: column, row: row)] = glyph }
      }
    }
    return found
  }

  /// The integer written right after the first occurrence of `label` (e.g. "epoch "), nil
  /// when the label is absent or not followed by digits.
  public func integer(after label: String) -> Int? {
    guard let start = text.range(of: label)?.upperBound else { return nil }
    let digits = text[start...].prefix { $0.isASCII && $0.isNumber }
    return Int(digits)
  }

  /// The text after the first occurrence of `label` up to the next run of two spaces or the
  /// end of the line (one status-line value, e.g. after "h "), nil when the label is absent.
  public func field(after label: String) -> String? {
    guard let start = text.range(of: label)?.upperBound else { return nil }
    let rest = text[start...].prefix { $0 != "\n" }
    let end = rest.range(of: "  ")?.lowerBound ?? rest.endIndex
    return String(rest[..<end])
  }
}

/// A cell's place: column and row from the top-left corner, 0-based.
public struct CellPosition: Hashable, Sendable {
  public var column: Int
  public var row: Int

  public init(column: Int, row: Int) {
    self.column = column
    self.row = row
  }
}

/// The colour parameters of every SGR escape (`ESC [ … m`) in `text`, each as written
/// ("31", "38;5;208", "48;2;0;0;0").
///
/// Colour parameters: 30–37, 40–47, 90–97, 100–107, and 38/48 with their `5;n` or `2;r;g;b`
/// arguments. 39 and 49 (the terminal's default colours) and attributes are not colours.
public func sgrColorParameters(in text: String) -> [String] {
  var found: [String] = []
  let scalars = Array(text.unicodeScalars)
  var index = 0
  while index < scalars.count {
    guard scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "[" else {
      index += 1
      continue
    }
    var end = index + 2
    while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) { end += 1 }
    guard end < scalars.count else { break }
    if scalars[end] == "m" {
      var body = String.UnicodeScalarView()
      body.append(contentsOf: scalars[(index + 2)..<end])
      found += colorParameters(String(body).split(separator: ";", omittingEmptySubsequences: false))
    }
    index = end + 1
  }
  return found
}

private func colorParameters(_ parameters: [Substring]) -> [String] {
  var found: [String] = []
  var index = 0
  while index < parameters.count {
    let value = Int(parameters[index]) ?? 0
    switch value {
    case 38, 48:
      let mode = index + 1 < parameters.count ? Int(parameters[index + 1]) : nil
      let count = mode == 5 ? 3 : (mode == 2 ? 5 : 1)
      let taken = parameters[index..<min(parameters.count, index + count)]
      found.append(taken.joined(separator: ";"))
      index += count
    case 30...37, 40...47, 90...97, 100...107:
      found.append(String(value))
      index += 1
    default:
      index += 1
    }
  }
  return found
}
