// Writes a table of named columns as CSV or JSON, to stdout or atomically to a file.

import ArgumentParser
import ScoreCore

/// How a command prints a table.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case csv
  case json
}

/// Prints `table` as CSV, or as one JSON object `{…header, "columns": [...], "rows": [[...]]}`.
///
/// With `path`, the text goes to that file through a temporary name and a rename.
func emit(
  _ table: DataTable, format: OutputFormat, header: [(String, JSONValue)] = [], to path: String?
) throws {
  let text: String
  switch format {
  case .csv:
    text = PointFileWriter.csvText(table)
  case .json:
    var line = JSONLine(header)
    line.append("columns", .array(table.columnNames.map { .string($0) }))
    let rows = (0..<table.rowCount).map { row in
      JSONValue.array(table.columns.map { .number($0[row]) })
    }
    line.append("rows", .array(rows))
    text = line.encoded + "\n"
  }
  if let path, path != "-" {
    try AtomicFile.write(text, to: path)
  } else {
    print(text, terminator: "")
  }
}
