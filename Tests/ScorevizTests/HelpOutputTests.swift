// `scoreviz <command> --help`: exit 0, every option described, every option README names listed.

import Foundation
import ScoreTestSupport
import Testing

@Suite struct HelpOutputTests {
  static let commands = ["live", "data", "kde", "train", "sample", "field", "eval", "likelihood", "render", "bench"]

  /// Each option entry of the help has a description, on its line or (for a long name) the
  /// next: an option declared without `help:` would show a bare name.
  @Test(arguments: commands + ["render -h"])
  func helpDescribesEveryOption(_ invocation: String) throws {
    let words = invocation.split(separator: " ").map(String.init)
    let result = try runScoreviz(words.count == 1 ? [invocation, "--help"] : words)
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("USAGE: scoreviz \(words[0])"))
    let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    let options = try #require(lines.firstIndex(of: "OPTIONS:"))
    var entries = 0
    for index in lines.indices.dropFirst(options + 1) where lines[index].hasPrefix("  -") {
      entries += 1
      let entry = lines[index].dropFirst(2)
      let description = entry.split(separator: " ", omittingEmptySubsequences: true)
        .drop { $0.hasPrefix("-") || $0.hasPrefix("<") || $0.hasSuffix(">") }
      let next = index + 1 < lines.count ? lines[index + 1] : ""
      let continued = next.hasPrefix("      ") && !next.trimmingCharacters(in: .whitespaces).isEmpty
      #expect(!description.isEmpty || continued, "\(invocation): '\(entry)' has no description")
    }
    #expect(entries > 1, "\(invocation): the help lists options")
  }

  /// Every option README.md shows for a command (in the commands table, the examples and the
  /// live view's paragraph) is one its help lists.
  @Test(arguments: commands)
  func readmeOptionsAreListed(_ command: String) throws {
    let documented = try Self.readmeOptions()[command] ?? []
    #expect(!documented.isEmpty, "README names options of \(command)")
    let help = try runScoreviz([command, "--help"]).standardOutput
    for option in documented.sorted() {
      let entry = "(?m)^  (-[a-zA-Z], )?" + option + "( |$)"
      #expect(
        help.range(of: entry, options: .regularExpression) != nil,
        "README names \(option) for \(command); its --help does not")
    }
  }

  @Test func renderLongHelpPrintsHelp() throws {
    // Few steps and one particle, so that the frame drawn instead of the help comes quickly.
    let result = try runScoreviz(["render", "--steps", "0", "--particles", "1", "--help"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("USAGE: scoreviz render"))
  }

  /// The `--option` names README.md gives each command: in a line (or a line continued with
  /// `\`) that starts with `scoreviz COMMAND` or a table cell `` `scoreviz COMMAND ``, and in
  /// the paragraph that begins "`scoreviz` (or `scoreviz live`) takes".
  static func readmeOptions(file: String = #filePath) throws -> [String: Set<String>] {
    let readme = URL(fileURLWithPath: file).deletingLastPathComponent()
      .appendingPathComponent("../../README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let lines = text.replacingOccurrences(of: "\\\n", with: " ").split(
      separator: "\n", omittingEmptySubsequences: false)
    var options: [String: Set<String>] = [:]
    func add(_ line: Substring, to command: String) {
      let names = line.matches(of: /--[a-z][a-z0-9-]*/).map { String($0.output) }
      options[command, default: []].formUnion(names)
    }
    var inLiveParagraph = false
    for line in lines {
      if line.hasPrefix("`scoreviz` (or `scoreviz live`) takes") { inLiveParagraph = true }
      if line.isEmpty { inLiveParagraph = false }
      if inLiveParagraph { add(line, to: "live") }
      let start = line.hasPrefix("| `scoreviz ") ? line.dropFirst(3) : line
      guard start.hasPrefix("scoreviz "), let command = start.split(separator: " ").dropFirst().first
      else { continue }
      add(line, to: String(command))
    }
    return options
  }
}
