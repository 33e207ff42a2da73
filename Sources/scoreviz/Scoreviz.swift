// The scoreviz command: the live view by default, headless sub-commands for scripts.

import ArgumentParser
import Foundation
import ScoreCore

@main
struct Scoreviz: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scoreviz",
    abstract: "Watch score-based generative modelling happen in your terminal.",
    subcommands: [
      LiveCommand.self, RenderCommand.self, DatasetsCommand.self, DataCommand.self,
      KDECommand.self, TrainCommand.self, SampleCommand.self, FieldCommand.self, EvalCommand.self,
      LikelihoodCommand.self, BenchCommand.self,
    ],
    defaultSubcommand: LiveCommand.self)

  /// Parses the command line and runs the command.
  ///
  /// `--help` prints in full on stdout and exits 0. Every error is one line
  /// `scoreviz: <message>` on stderr: a bad command line (unknown option, bad value, a
  /// check in `validate()`) exits 64, a failure while running with its own sysexits code.
  /// Standard output is closed and checked at the end, so output that never arrived is an
  /// error too.
  static func main() {
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
