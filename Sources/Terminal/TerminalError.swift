// Why a terminal session could not start.

/// An error starting a terminal session; its description is the message to print.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Standard input or output is not a terminal (a pipe or a file).
  case notATerminal
  /// ncurses could not open the terminal named by $TERM (unknown type, or no terminfo entry).
  case cannotOpenTerminal(String)
  /// The terminal type (named) cannot move the cursor: its terminfo entry has no `cup`.
  case cannotMoveCursor(String)
  /// Another `Terminal` is already active in this process.
  case alreadyActive
  /// `RecordedSession` could not get a pseudo-terminal or start its program; the reason.
  case cannotStartProgram(String)

  public var description: String {
    switch self {
    case .notATerminal:
      return "standard input and output must be a terminal for the live view"
    case .cannotOpenTerminal(let name):
      return "cannot open terminal type \(Self.quoted(name))"
    case .cannotMoveCursor(let name):
      return
        "the terminal \(Self.quoted(name)) cannot move the cursor (no cup in terminfo); use a full-screen"
        + " terminal or a headless command such as scoreviz render"
    case .alreadyActive:
      return "a terminal session is already active"
    case .cannotStartProgram(let reason):
      return reason
    }
  }

  /// `name` (a $TERM value) in single quotes, each scalar outside printable ASCII written as
  /// `\xNN` or `\u{N}`, so the message cannot carry control bytes to the terminal.
  private static func quoted(_ name: String) -> String {
    let shown = name.unicodeScalars.map { scalar -> String in
      if (0x20..<0x7F).contains(scalar.value), scalar != "\\" { return String(scalar) }
      if scalar.value < 0x100 {
        let hex = String(scalar.value, radix: 16)
        return "\\x" + (hex.count < 2 ? "0" : "") + hex
      }
      return "\\u{" + String(scalar.value, radix: 16) + "}"
    }
    return "'" + shown.joined() + "'"
  }
}
