// `scoreviz <command> --help` for every headless command: exit 0 and every option listed.

import ScoreTestSupport
import Testing

@Suite struct HelpOutputTests {
  @Test(arguments: [
    ("kde", ["--data", "--dataset", "--bandwidth", "--rule", "--at", "--grid", "--format", "--output"]),
    ("train", ["--objective", "--steps", "--batch", "--lr", "--sigmas", "--dsm-sigma", "--threads", "--save"]),
    ("sample", [
      "--model", "--particles", "--steps-per-level", "--eps", "--plain", "--sigma", "--steps", "--threads", "--output",
    ]),
    ("field", ["--source", "--model", "--sigma", "--data", "--dataset", "--bandwidth", "--grid", "--format"]),
    ("eval", ["--samples", "--reference", "--model", "--data", "--particles", "--steps-per-level", "--eps"]),
    ("bench", ["--workload", "--json", "--quick", "--runs", "--seed", "--data-dir"]),
    ("data", ["--count", "--seed", "--output"]),
  ])
  func helpListsEveryOption(_ command: String, options: [String]) throws {
    let result = try runScoreviz([command, "--help"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("USAGE: scoreviz \(command)"))
    for option in options {
      #expect(result.standardOutput.contains(option), "\(command) --help lacks \(option)")
    }
  }

  static let renderOptions = [
    "--steps", "--width", "--height", "--ansi", "--color", "--arrows", "--density", "--level", "--ascii",
  ]

  @Test func renderShortHelpListsEveryOption() throws {
    let result = try runScoreviz(["render", "-h"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("USAGE: scoreviz render"))
    for option in Self.renderOptions {
      #expect(result.standardOutput.contains(option), "render -h lacks \(option)")
    }
  }

  @Test func renderLongHelpPrintsHelp() throws {
    // Few steps and one particle, so that the frame drawn instead of the help comes quickly.
    let result = try runScoreviz(["render", "--steps", "0", "--particles", "1", "--help"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("USAGE: scoreviz render"))
  }
}
