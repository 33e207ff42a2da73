// `scoreviz data NAME`: writes a built-in dataset to a CSV or NPY file.

import ArgumentParser
import ScoreCore

struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data", abstract: "Write a built-in dataset to a file (CSV or NPY by extension).")

  @Argument(
    help: "The dataset (see 'scoreviz datasets').", completion: .list(BuiltinDataset.allCases.map(\.rawValue)))
  var name: String

  @Option(
    name: [.customShort("n"), .long], parsing: .unconditional,
    help: "How many points (1 to \(FlagBounds.pointCount)).")
  var count: Int = 10_000

  @OptionGroup var random: SeedOption

  @OptionGroup var output: PointOutputOptions

  func validate() throws {
    guard BuiltinDataset(name: name) != nil else {
      let names = BuiltinDataset.allCases.map(\.rawValue).joined(separator: ", ")
      throw ValidationError("Unknown dataset '\(name)'; choose one of \(names)")
    }
    try FlagBounds.check(count, "-n", in: 1...FlagBounds.pointCount)
  }

  func run() throws {
    reportingErrors {
      try checkWritable(output.file)
      var rng = SeededGenerator(seed: random.seed)
      let points = BuiltinDataset(name: name)!.generate(count: count, using: &rng)
      try output.write(points)
    }
  }
}
