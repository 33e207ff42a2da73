// The command line as people type it: --version, --help with the live view's options, mistyped commands.

import Foundation
import ScoreTestSupport
import Testing

@testable import scoreviz

@Suite struct CommandLineTests {
  @Test func versionPrintsTheReleaseAndExitsZero() throws {
    let result = try runScoreviz(["--version"])
    #expect(result.status == 0)
    #expect(result.standardOutput == "scoreviz 0.10.0\n")
  }

  /// Running scoreviz without a command opens the live view, so the top-level help lists its
  /// options as well as the commands.
  @Test func topLevelHelpListsTheCommandsAndTheLiveViewsOptions() throws {
    let result = try runScoreviz(["--help"])
    #expect(result.status == 0)
    let help = result.standardOutput
    for command in ["sample", "likelihood", "eval", "bench"] { #expect(help.contains("  \(command) ")) }
    for option in ["--sampler", "--process", "--source", "--particles", "--theme", "--color"] {
      #expect(help.contains("  \(option) "), "\(option)")
    }
  }

  struct Mistyped: Sendable, CustomTestStringConvertible {
    var word: String
    var message: String
    var testDescription: String { word }
  }

  @Test(
    "A bare word that is no command is refused in one line, with the nearest command when one is close",
    arguments: [
      Mistyped(word: "sampel", message: "scoreviz: unknown command 'sampel'; did you mean 'sample'?\n"),
      Mistyped(word: "lkelihood", message: "scoreviz: unknown command 'lkelihood'; did you mean 'likelihood'?\n"),
      Mistyped(word: "Eval", message: "scoreviz: unknown command 'Eval'; did you mean 'eval'?\n"),
      Mistyped(
        word: "frobnicate",
        message:
          "scoreviz: unknown command 'frobnicate'; the commands are live, render, datasets, data, kde, train, sample, field, eval, likelihood, bench, help\n"
      ),
    ])
  func mistypedCommand(_ mistyped: Mistyped) throws {
    let result = try runScoreviz([mistyped.word, "--seed", "1"])
    #expect(result.status == 64)
    #expect(result.standardError == mistyped.message)
    #expect(result.standardOutput.isEmpty)
  }

  @Test func editDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
    // By hand: kitten → sitting is 3 (k→s, e→i, +g); a swap of two neighbours is 1.
    #expect(CommandSuggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
    #expect(CommandSuggestion.editDistance(Array("sampel"), Array("sample")) == 1)
    #expect(CommandSuggestion.editDistance([], Array("abc")) == 3)
    #expect(CommandSuggestion.editDistance(Array("eval"), Array("eval")) == 0)
  }

  /// `field --help` shows the grid's default as typed.
  @Test func gridDefaultShowsAsColumnsByRows() throws {
    let help = try runScoreviz(["field", "--help"]).standardOutput
    #expect(help.contains("(default: 60x20)"))
    #expect(!help.contains("GridOption("))
  }
}

@Suite struct EvalRecordedDataTests {
  /// Without --data, eval uses the data file the model records, and says so; once that file is
  /// gone it asks for --data (exit 66) instead of evaluating against something else.
  @Test func evalUsesTheRecordedDataOrAsksForIt() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let data = folder + "/points.csv"
    let model = folder + "/m.safetensors"
    #expect(try runScoreviz(["data", "8gaussians", "-n", "400", "--seed", "2", "-o", data]).status == 0)
    #expect(try runScoreviz(["train", "--data", data, "--steps", "20", "--save", model]).status == 0)
    let arguments = ["eval", "--model", model, "--particles", "50", "--samplers", "ode", "--steps", "4"]
    let recorded = try runScoreviz(arguments)
    #expect(recorded.status == 0, "\(recorded.standardError)")
    #expect(recorded.standardError.contains("evaluating against \(data), the data \(model) was trained on"))
    let given = try runScoreviz(arguments + ["--data", data])
    // The same data, so the same figures.
    #expect(recorded.standardOutput == given.standardOutput)
    try FileManager.default.removeItem(atPath: data)
    let missing = try runScoreviz(arguments)
    #expect(missing.status == 66)
    #expect(
      missing.standardError
        == "scoreviz: \(model) was trained on \(data), which cannot be read here; give --data FILE or --dataset NAME\n")
  }
}

@Suite struct ColumnChoiceTests {
  /// A table with more than two columns and none named x and y is refused with the columns
  /// listed; --columns picks two and it reads.
  @Test func moreThanTwoColumnsNeedColumns() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/wide.csv"
    try "a,b,c,d,e\n1,2,3,4,5\n2,1,0,3,3\n0,0,1,1,2\n".write(toFile: path, atomically: true, encoding: .utf8)
    let refused = try runScoreviz(["kde", "--data", path, "--rule", "scott", "--grid", "2x2"])
    #expect(refused.status == 64)
    #expect(
      refused.standardError
        == "scoreviz: \(path): the file has 5 columns, named 'a', 'b', 'c', 'd', 'e', and none named x and y; choose two with --columns\n"
    )
    let chosen = try runScoreviz(["kde", "--data", path, "--columns", "c,e", "--rule", "scott", "--grid", "2x2"])
    #expect(chosen.status == 0, "\(chosen.standardError)")
  }
}

@Suite struct StandardInputTests {
  /// `-` reads standard input wherever a file of points is read: the same output as the file.
  @Test func dashReadsStandardInput() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let data = folder + "/points.csv"
    let queries = folder + "/q.csv"
    #expect(try runScoreviz(["data", "moons", "-n", "300", "--seed", "4", "-o", data]).status == 0)
    try "x,y\n0.5,0.25\n-1,0.5\n".write(toFile: queries, atomically: true, encoding: .utf8)
    let text = try String(contentsOfFile: data, encoding: .utf8)
    let fromFile = try runScoreviz(["kde", "--data", data, "--rule", "scott", "--at", queries])
    let fromPipe = try runScoreviz(["kde", "--data", "-", "--rule", "scott", "--at", queries], input: text)
    #expect(fromFile.status == 0 && fromPipe.status == 0, "\(fromPipe.standardError)")
    #expect(fromPipe.standardOutput == fromFile.standardOutput)
    let queriesText = try String(contentsOfFile: queries, encoding: .utf8)
    let atPipe = try runScoreviz(["kde", "--data", data, "--rule", "scott", "--at", "-"], input: queriesText)
    #expect(atPipe.standardOutput == fromFile.standardOutput)
    let pair = try runScoreviz(["eval", "--samples", "-", "--reference", data], input: text)
    #expect(pair.status == 0)
    #expect(pair.standardOutput.contains("\"energy_distance\":"))
  }

  struct Twice: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var message: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  @Test(
    "Standard input can be read once: two flags reading '-', or the live view's --data -, are refused",
    arguments: [
      Twice(
        arguments: ["kde", "--data", "-", "--rule", "scott", "--at", "-"],
        message: "--data and --at both read standard input ('-'), which can be read only once"),
      Twice(
        arguments: ["eval", "--samples", "-", "--reference", "-"],
        message: "--samples and --reference both read standard input ('-'), which can be read only once"),
      Twice(
        arguments: ["live", "--data", "-"],
        message: "--data -: the live view reads its keys from standard input; give a file"),
    ])
  func standardInputOnce(_ twice: Twice) throws {
    let result = try runScoreviz(twice.arguments, input: "x,y\n1,2\n3,4\n")
    #expect(result.status == 64)
    #expect(result.standardError == "scoreviz: \(twice.message)\n")
  }
}

@Suite struct HostileCommandWordTests {
  /// A command word full of escape sequences is shown escaped and cut, never sent raw to the
  /// terminal.
  @Test func escapesAndCutsAHostileWord() throws {
    let word = "\u{1B}[2J\u{1B}]0;owned\u{07}" + String(repeating: "a", count: 3_000)
    let result = try runScoreviz([word])
    #expect(result.status == 64)
    #expect(!result.standardError.contains("\u{1B}") && !result.standardError.contains("\u{07}"))
    #expect(result.standardError.hasPrefix("scoreviz: unknown command '\\x1b[2J\\x1b]0;owned\\x07"))
    #expect(result.standardError.count < 400)
  }
}
