// Turns any failure into one line on stderr and a sysexits exit code.

import ArgumentParser
import Foundation
import ScoreCore
import Terminal

/// sysexits(3) codes used by every command.
enum SysExit {
  /// EX_USAGE: the command was used wrongly.
  static let usage: Int32 = 64
  /// EX_DATAERR: the input data was wrong.
  static let data: Int32 = 65
  /// EX_NOINPUT: an input file did not exist or was not readable.
  static let noInput: Int32 = 66
  /// EX_SOFTWARE: an internal error.
  static let software: Int32 = 70
  /// EX_OSERR: the operating system refused a resource (a pseudo-terminal, a process).
  static let osError: Int32 = 71
  /// EX_CANTCREAT: an output file could not be created.
  static let cannotCreate: Int32 = 73
}

/// Prints `scoreviz: <message>` on stderr, on a line of its own (a progress bar shown is cleared).
func printError(_ message: String) {
  ProgressBar.clearShownLine()
  writeToStandardError("scoreviz: \(message)\n")
}

/// Prints a note on stderr (what a command skipped, where it wrote), on a line of its own.
func printNote(_ message: String) {
  ProgressBar.clearShownLine()
  writeToStandardError("\(message)\n")
}

/// Writes `text` to stderr as far as it goes: when even stderr cannot be written there is
/// nowhere left to say so, and the exit code still tells.
func writeToStandardError(_ text: String) {
  var text = text
  _ = text.withUTF8 { DescriptorWriter.writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
}

/// A failure with its own message and exit code.
struct Failure: Error {
  var exitCode: Int32
  var message: String
}

/// A library error that knows its sysexits code.
protocol ExitCodeCarrying: Error, CustomStringConvertible {
  var exitCode: Int32 { get }
}

extension DatasetError: ExitCodeCarrying {}
extension ModelFileError: ExitCodeCarrying {}

extension TerminalError: ExitCodeCarrying {
  /// 1 for a terminal that cannot move the cursor (a plain refusal, as a full-screen program
  /// gives); 70 for the rest, which the live view does not expect.
  var exitCode: Int32 {
    if case .cannotMoveCursor = self { return 1 }
    return SysExit.software
  }
}

extension FileWriteError: ExitCodeCarrying {
  var exitCode: Int32 { SysExit.cannotCreate }
}

/// Runs a command's body; any error it throws ends the process through `exitReporting(_:)`.
func reportingErrors(_ body: () throws -> Void) {
  do {
    try body()
  } catch {
    exitReporting(error)
  }
}

/// Ends the process for an error a command's `run()` threw: one line on stderr (none for an
/// `ExitCode`) and the error's sysexits code; an error of no known kind is a software error.
func exitReporting(_ error: any Error) -> Never {
  switch error {
  case let failure as Failure:
    printError(failure.message)
    exit(failure.exitCode)
  case let code as ExitCode:
    exit(code.rawValue)
  case let error as ValidationError:
    printError(error.message)
    exit(SysExit.usage)
  case let error as any ExitCodeCarrying:
    printError(error.description)
    exit(error.exitCode)
  default:
    printError("\(error)")
    exit(SysExit.software)
  }
}
