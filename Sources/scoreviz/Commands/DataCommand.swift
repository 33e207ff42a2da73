// `scoreviz data NAME`: writes a built-in dataset to a CSV or NPY file.

import ArgumentParser
import ScoreCore

struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data", abstract: "Write a built-in dataset to a file (CSV or NPY by extension).")

  @Argument(help: "The dataset (see 'scoreviz datasets').")
  var name: String

  @Option(name: [.customShort("n"), .long], help: "How many points.")
  var count: Int = 10_000

  @Option(help: "Random seed.")
  var seed: UInt64 = 0

  @Option(name: [.customShort("o"), .long], help: "Output file (.csv or .npy); '-' writes CSV to stdout.")
  var output: String = "-"

  func validate() throws {
    guard BuiltinDataset(name: name) != nil else {
      let names = BuiltinDataset.allCases.map(\.rawValue).joined(separator: ", ")
      throw ValidationError("Unknown dataset '\(name)'; choose one of \(names)")
    }
    guard count >= 1 else { throw ValidationError("-n must be at least 1, got \(count)") }
  }

  func run() throws {
    try reportingErrors {
      var rng = SeededGenerator(seed: seed)
      let points = BuiltinDataset(name: name)!.generate(count: count, using: &rng)
      if output == "-" {
        print(PointFileWriter.csvText(DataTable(points: points)), terminator: "")
      } else {
        try PointFileWriter.write(points, to: output)
      }
    }
  }
}
