// `-o` of the commands that write points: CSV on stdout, or a CSV or NPY file.

import ArgumentParser
import ScoreCore

/// `-o FILE`: where a command's points go, `-` (the default) for CSV on standard output.
struct PointOutputOptions: ParsableArguments {
  @Option(
    name: [.customShort("o"), .customLong("output")],
    help: "Output file (.csv or .npy); '-' writes CSV to stdout.")
  var file: String = "-"

  func validate() throws {
    try FlagBounds.checkFileName(file, "-o")
    try FlagBounds.checkOutputExtension(file, "-o", allowed: ["csv", "npy"])
  }

  /// Writes `points` as CSV on standard output, or to the CSV or NPY file (by extension).
  func write(_ points: [SIMD2<Double>]) throws {
    if isStandardOutput(file) {
      try StandardOutput.write(PointFileWriter.csvText(DataTable(points: points)))
    } else {
      try PointFileWriter.write(points, to: file)
    }
  }
}
