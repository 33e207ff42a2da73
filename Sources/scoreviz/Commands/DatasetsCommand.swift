// `scoreviz datasets`: the built-in generators with their parameters.

import ArgumentParser
import ScoreCore

struct DatasetsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "datasets", abstract: "List the built-in datasets.")

  func run() throws {
    let width = BuiltinDataset.allCases.map(\.rawValue.count).max() ?? 0
    let lines = BuiltinDataset.allCases.map { dataset in
      dataset.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + dataset.summary + "\n"
    }
    try StandardOutput.write(lines.joined())
  }
}
