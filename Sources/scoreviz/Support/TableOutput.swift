// Writes a table of named columns as CSV or JSON, to stdout or to a file.

import ArgumentParser
import ScoreCore

/// How a command prints a table.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case csv
  case json
}

/// Whether `path` names standard output: no path, or `-`.
private func isStandardOutput(_ path: String?) -> Bool {
  path == nil || path == "-"
}

/// Checks before any work that the output file could be written (see
/// `AtomicFile.checkWritable`); standard output is checked as it is written.
func checkWritable(_ path: String?) throws {
  guard let path, !isStandardOutput(path) else { return }
  try AtomicFile.checkWritable(path)
}

/// Prints `table` as CSV, or as one JSON object `{…header, "columns": [...], "rows": [[...]]}`.
///
/// With `path`, the text goes to that file through `AtomicFile.write`.
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
  if let path, !isStandardOutput(path) {
    try AtomicFile.write(text, to: path)
  } else {
    try StandardOutput.write(text)
  }
}

/// Writes `points` as CSV on standard output (`-`) or to a CSV or NPY file (by extension).
func writePoints(_ points: [SIMD2<Double>], to path: String) throws {
  if isStandardOutput(path) {
    try StandardOutput.write(PointFileWriter.csvText(DataTable(points: points)))
  } else {
    try PointFileWriter.write(points, to: path)
  }
}

extension DataTable {
  /// The first row holding a NaN or an infinity, or nil when every value is finite.
  var firstNonFiniteRow: Int? {
    (0..<rowCount).first { row in columns.contains { !$0[row].isFinite } }
  }
}
