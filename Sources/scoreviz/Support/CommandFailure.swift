// Turns a library error into a one-line message on stderr and a sysexits exit code.

import ArgumentParser
import Foundation
import ScoreCore

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

/// Prints `scoreviz: <message>` on stderr.
func printError(_ message: String) {
  FileHandle.standardError.write(Data("scoreviz: \(message)\n".utf8))
}

/// Prints a note on stderr (what a command skipped, where it wrote).
func printNote(_ message: String) {
  FileHandle.standardError.write(Data("\(message)\n".utf8))
}

/// An error the command has already explained; it only carries the exit code.
struct Failure: Error {
  var exitCode: Int32
  var message: String
}

/// Runs `body`; any error becomes one line on stderr and the matching exit code.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let failure as Failure {
    printError(failure.message)
    throw ExitCode(failure.exitCode)
  } catch let error as ExitCode {
    throw error
  } catch let error as FileWriteError {
    printError(error.description)
    throw ExitCode(SysExit.cannotCreate)
  } catch let error as any ExitCodeCarrying {
    printError(error.description)
    throw ExitCode(error.exitCode)
  }
}

/// A library error that knows its sysexits code.
protocol ExitCodeCarrying: Error, CustomStringConvertible {
  var exitCode: Int32 { get }
}

extension DatasetError: ExitCodeCarrying {}
extension ModelFileError: ExitCodeCarrying {}
