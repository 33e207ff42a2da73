// A table of text cells in aligned columns, for reports meant to be read in a terminal.

/// Rows of cells printed under a header: the first column left-aligned, the others (numbers)
/// right-aligned, columns two spaces apart.
///
/// ```
/// TextTable(header: ["sampler", "NFE"], rows: [["ode", "100"]]).text
/// // "sampler  NFE\node      100\n"
/// ```
struct TextTable {
  /// The column names.
  var header: [String]
  /// The cells, one array per row, as many as `header`.
  var rows: [[String]]

  /// The table, one line per row after the header, each ending in a newline.
  var text: String {
    let lines = [header] + rows
    let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
    return lines.map { cells in
      cells.enumerated().map { column, cell in
        let padding = String(repeating: " ", count: widths[column] - cell.count)
        return column == 0 ? cell + padding : padding + cell
      }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
    }.joined()
  }
}

extension String {
  /// The string without the spaces at its end.
  fileprivate func trimmingTrailingSpaces() -> String {
    String(self.reversed().drop { $0 == " " }.reversed())
  }
}
