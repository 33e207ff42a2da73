// Output formats and targets: CSV or JSON, standard output or a file checked before any work.

import ArgumentParser
import ScoreCore

/// How a command prints a table.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case csv
  case json
}

/// Whether `path` names standard output: no path, or `-`.
func isStandardOutput(_ path: String?) -> Bool {
  path == nil || path == "-"
}

/// Checks before any work that the output file could be written (see
/// `AtomicFile.checkWritable`); standard output is checked as it is written.
func checkWritable(_ path: String?) throws {
  guard let path, !isStandardOutput(path) else { return }
  try AtomicFile.checkWritable(path)
}

extension DataTable {
  /// The first row holding a NaN or an infinity, or nil when every value is finite.
  var firstNonFiniteRow: Int? {
    (0..<rowCount).first { row in columns.contains { !$0[row].isFinite } }
  }
}
