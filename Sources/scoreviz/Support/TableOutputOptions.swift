// `--format` and `-o` of the commands that print a table: CSV or JSON, to stdout or a file.

import ArgumentParser
import ScoreCore

/// `--format csv|json -o FILE`: how and where a command's table is written.
struct TableOutputOptions: ParsableArguments {
  @Option(help: "Output format: csv or json.")
  var format: OutputFormat = .csv

  @Option(
    name: [.customShort("o"), .customLong("output")],
    help: "Write to this file instead of stdout.")
  var file: String?

  func validate() throws {
    try FlagBounds.checkFileName(file, "-o")
    try FlagBounds.checkOutputExtension(file, "-o", allowed: [format.rawValue])
  }

  /// Prints `table` as CSV, or as one JSON object `{…header, "columns": [...], "rows": [[...]]}`.
  ///
  /// With `-o`, the text goes to that file through `AtomicFile.write`.
  func write(_ table: DataTable, header: [(String, JSONValue)] = []) throws {
    let text: String
    switch format {
    case .csv:
      text = PointFileWriter.csvText(table)
    case .json:
      var line = JSONObject(header)
      line.append("columns", .array(table.columnNames.map { .string($0) }))
      let rows = (0..<table.rowCount).map { row in
        JSONValue.array(table.columns.map { .number($0[row]) })
      }
      line.append("rows", .array(rows))
      text = line.encoded + "\n"
    }
    if let file, !isStandardOutput(file) {
      try AtomicFile.write(text, to: file)
    } else {
      try StandardOutput.write(text)
    }
  }
}
