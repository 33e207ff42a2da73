// Why a terminal session could not start.

/// An error starting a terminal session; its description is the message to print.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Standard input or output is not a terminal (a pipe or a file).
  case notATerminal
  /// ncurses could not open the terminal named by $TERM (unknown type, or no terminfo entry).
  case cannotOpenTerminal(String)
  /// Another `Terminal` is already active in this process.
  case alreadyActive
  /// `RecordedSession` could not get a pseudo-terminal or start its program; the reason.
  case cannotStartProgram(String)

  public var description: String {
    switch self {
    case .notATerminal:
      return "standard input and output must be a terminal for the live view"
    case .cannotOpenTerminal(let name):
      return "cannot open terminal type '\(name)'"
    case .alreadyActive:
      return "a terminal session is already active"
    case .cannotStartProgram(let reason):
      return reason
    }
  }
}
