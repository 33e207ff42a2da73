// `scoreviz --record FILE.cast`: the live view run on a pseudo-terminal, its output recorded as asciicast v2.

import Foundation
import ScoreCore
import Terminal

extension LiveCommand {
  /// Runs this command again without `--record` on a pseudo-terminal relayed to this one,
  /// writing everything the terminal receives to `path` (see `AsciicastWriter`), and returns
  /// the live view's exit status.
  ///
  /// - Throws: `FileWriteError` when the file exists or cannot be created (73),
  ///   `TerminalError.notATerminal`, or a `Failure` (71) when the view cannot be started.
  func recordSession(to path: String) throws -> Int32 {
    guard isatty(STDIN_FILENO) == 1, let size = RecordedSession.terminalSize() else {
      throw TerminalError.notATerminal
    }
    let environment = ProcessInfo.processInfo.environment
    let header = AsciicastWriter.Header(
      width: size.width, height: size.height, timestamp: Int(Date().timeIntervalSince1970),
      command: CommandLine.arguments.map(Self.shellWord).joined(separator: " "),
      title: "scoreviz, seed \(live.random.seed)",
      environment: ["SHELL", "TERM"].compactMap { name in environment[name].map { (name, $0) } })
    let writer = try AsciicastWriter(path: path, header: header)
    let start = monotonicSeconds()
    let status: Int32
    do {
      status = try RecordedSession.run(
        executable: "/proc/self/exe", arguments: Self.removingRecord(from: CommandLine.arguments),
        output: { writer.output($0, at: monotonicSeconds() - start) },
        resized: { writer.resize(width: $0, height: $1, at: monotonicSeconds() - start) })
    } catch {
      guard case .cannotStartProgram(let reason) = error else { throw error }
      throw Failure(exitCode: SysExit.osError, message: "cannot start the live view: \(reason)")
    }
    if writer.stoppedAtLimit {
      printError("the recording stopped at \(AsciicastWriter.defaultLimit >> 30) GiB: \(path)")
    }
    if let failure = writer.failure { printError("the recording stopped: \(failure)") }
    return status
  }

  /// `arguments` without `--record FILE` or `--record=FILE`.
  static func removingRecord(from arguments: [String]) -> [String] {
    var kept: [String] = []
    var skipNext = false
    for argument in arguments {
      if skipNext {
        skipNext = false
      } else if argument == "--record" {
        skipNext = true
      } else if !argument.hasPrefix("--record=") {
        kept.append(argument)
      }
    }
    return kept
  }

  /// `word` as a shell would need it typed: as it is when it holds only safe characters,
  /// else in single quotes.
  static func shellWord(_ word: String) -> String {
    let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
    if !word.isEmpty, word.unicodeScalars.allSatisfy(safe.contains) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
