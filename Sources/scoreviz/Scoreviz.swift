// The scoreviz command: the live view by default, headless sub-commands for scripts.

import ArgumentParser
import Foundation
import ScoreCore

@main
struct Scoreviz: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scoreviz",
    abstract: "Watch score-based generative modelling happen in your terminal.",
    version: "scoreviz \(version)",
    subcommands: [
      LiveCommand.self, RenderCommand.self, DatasetsCommand.self, DataCommand.self,
      KDECommand.self, TrainCommand.self, SampleCommand.self, FieldCommand.self, EvalCommand.self,
      LikelihoodCommand.self, BenchCommand.self,
    ],
    defaultSubcommand: LiveCommand.self)

  /// The release this source is.
  static let version = "0.10.0"

  /// Parses the command line and runs the command.
  ///
  /// `--help` prints in full on stdout and exits 0. Every error is one line
  /// `scoreviz: <message>` on stderr: a bad command line (unknown option, bad value, a
  /// check in `validate()`) exits 64, a failure while running with its own sysexits code.
  /// Standard output is closed and checked at the end, so output that never arrived is an
  /// error too.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    refuseUnknownCommand(arguments)
    if arguments == ["--help"] || arguments == ["-h"] { printHelpWithLiveOptions() }
    var command: any ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      exitForCommandLine(error)
    }
    do {
      try command.run()
      try StandardOutput.close()
    } catch {
      // `--help` parses into the parser's own help command, whose run throws the help.
      if exitCode(for: error) == .success { exitForCommandLine(error) }
      exitReporting(error)
    }
    // exit(3) through Foundation (Glibc or Darwin beneath): `exit` alone is ParsableCommand's.
    Foundation.exit(0)
  }

  /// `scoreviz --help`: the commands, then the live view's own help, since running scoreviz
  /// without a command opens it; exit 0.
  private static func printHelpWithLiveOptions() -> Never {
    do {
      try StandardOutput.writeLine(helpMessage())
      try StandardOutput.writeLine("\nWITHOUT A COMMAND: scoreviz live\n")
      try StandardOutput.writeLine(LiveCommand.helpMessage())
      try StandardOutput.close()
    } catch {
      exitReporting(error)
    }
    Foundation.exit(0)
  }

  /// The live view takes no bare word, so a first argument that is neither an option nor a
  /// command is a mistyped command: one line naming the nearest command (or all of them),
  /// exit 64, instead of the live view's usage.
  private static func refuseUnknownCommand(_ arguments: [String]) {
    guard let first = arguments.first, !first.hasPrefix("-") else { return }
    let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    guard !names.contains(first) else { return }
    if let suggestion = CommandSuggestion.closest(to: first, among: names) {
      printError("unknown command \(EscapedText.quoted(first)); did you mean '\(suggestion)'?")
    } else {
      printError("unknown command \(EscapedText.quoted(first)); the commands are \(names.joined(separator: ", "))")
    }
    Foundation.exit(SysExit.usage)
  }

  /// Ends the process for what parsing threw: help text, or a usage error on one line.
  private static func exitForCommandLine(_ parseError: any Error) -> Never {
    let code = exitCode(for: parseError)
    if code == .success {
      do {
        try StandardOutput.writeLine(fullMessage(for: parseError))
        try StandardOutput.close()
      } catch {
        exitReporting(error)
      }
      Foundation.exit(0)
    }
    let message = message(for: parseError).split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    if message.isEmpty { Foundation.exit(code.rawValue) }
    printError(message)
    Foundation.exit(SysExit.usage)
  }
}
