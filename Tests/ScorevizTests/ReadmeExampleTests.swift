// The README's examples run in order in one folder, each reading what an earlier one wrote.

import Foundation
import ScoreTestSupport
import Testing

@Suite struct ReadmeExampleTests {
  /// The command lines of the block after `<!-- examples -->` in README.md, continuation
  /// lines joined, each split into its arguments without the leading `scoreviz`.
  static func examples() throws -> [[String]] {
    let readme = try String(contentsOfFile: packageRootPath() + "/README.md", encoding: .utf8)
    let marker = try #require(readme.range(of: "<!-- examples -->\n```\n"))
    let end = try #require(readme[marker.upperBound...].range(of: "```\n"))
    let text = readme[marker.upperBound..<end.lowerBound].replacingOccurrences(of: "\\\n", with: " ")
    return text.split(separator: "\n").map { line in
      Array(line.split(separator: " ").map(String.init).dropFirst())
    }
  }

  /// `arguments` with the long runs cut short: training and sampling steps, seconds, particles
  /// and the benchmark's size. Every file an example names is still written and read.
  static func shortened(_ arguments: [String]) -> [String] {
    var result = arguments
    for index in result.indices.dropLast() {
      let value = result[index + 1]
      switch result[index] {
      case "--steps" where (Int(value) ?? 0) > 300: result[index + 1] = "300"
      case "--seconds": result[index + 1] = "1"
      case "--particles": result[index + 1] = "300"
      default: break
      }
    }
    if result.first == "eval" && result.contains("--model") && !result.contains("--particles") {
      result += ["--particles", "300"]
    }
    if result.first == "bench" { result.append("--quick") }
    return result
  }

  @Test func everyExampleRunsAfterTheOnesBeforeIt() throws {
    let examples = try Self.examples()
    try #require(examples.count >= 20)
    let folder = try makeTemporaryFolder()
    for example in examples {
      let arguments = Self.shortened(example)
      let result = try runScoreviz(arguments, workingDirectory: folder)
      #expect(result.status == 0, "scoreviz \(arguments.joined(separator: " ")): \(result.standardError)")
      if let output = arguments.firstIndex(of: "-o").map({ arguments[$0 + 1] }) {
        #expect(FileManager.default.fileExists(atPath: folder + "/" + output), "\(output) was not written")
      } else if let save = arguments.firstIndex(of: "--save").map({ arguments[$0 + 1] }) {
        #expect(FileManager.default.fileExists(atPath: folder + "/" + save), "\(save) was not written")
      } else {
        #expect(!result.standardOutput.isEmpty, "scoreviz \(arguments.joined(separator: " ")) printed nothing")
      }
    }
    // The model records the file it was trained on, and eval reads it again.
    let recorded = try runScoreviz(
      ["eval", "--model", "moons.safetensors", "--particles", "50", "--samplers", "ode"], workingDirectory: folder)
    #expect(recorded.standardError.contains("moons.csv, the data moons.safetensors was trained on"))
  }
}
