// A detached tmux session on its own server, for tests that look at a full-screen program.

import Foundation
import Synchronization

/// A program running in a detached tmux pane of a given size, read back as text.
///
/// Each session runs on its own tmux server (`tmux -S <unique socket path>`), so sessions
/// started by tests running in parallel never see each other; `kill` removes the socket,
/// which tmux leaves behind. tmux's server gives the pane a pty, so
/// no controlling terminal is needed. Every tmux call goes through `popen` with the new
/// session's standard streams on /dev/null: the server is forked from that client and must
/// not inherit a pipe the test waits on.
///
/// ```
/// let tmux = try TmuxSession(command: [scorevizExecutablePath()], width: 120, height: 40)
/// defer { tmux.kill() }
/// let screen = try tmux.waitUntil { $0.contains("epoch") }
/// ```
public final class TmuxSession: Sendable {
  /// The server's socket path (`tmux -S`).
  public let socket: String
  /// The session's name.
  public let name: String

  /// Starts `command` (argv, run without a shell) in a new detached `width` × `height` pane.
  ///
  /// The pane's environment does not depend on the test process's terminal or locale: it gets
  /// `TERM=tmux-256color`, `LANG=C.UTF-8`, `SWIFT_BACKTRACE=interactive=no`, and `LC_ALL`,
  /// `LC_CTYPE`, `COLORTERM` and `NO_COLOR` set empty (as if unset), each overridden by
  /// `environment`; other variables are the test process's own. The pane's TERM is set
  /// through tmux's `default-terminal` option, since tmux gives every pane that TERM
  /// whatever `-e` says.
  ///
  /// - Parameters:
  ///   - command: the program and its arguments.
  ///   - width: pane columns.
  ///   - height: pane rows.
  ///   - environment: extra variables for the pane.
  ///   - workingDirectory: the pane's working directory; the test process's when nil.
  /// - Throws: `TmuxError.commandFailed` when tmux cannot start the session.
  public init(
    command: [String], width: Int, height: Int, environment: [String: String] = [:],
    workingDirectory: String? = nil
  ) throws {
    socket = NSTemporaryDirectory() + Self.uniqueName()
    name = "live"
    var variables = [
      "SWIFT_BACKTRACE": "interactive=no", "LANG": "C.UTF-8", "LC_ALL": "", "LC_CTYPE": "",
      "COLORTERM": "", "NO_COLOR": "",
    ]
    for (key, value) in environment where key != "TERM" { variables[key] = value }
    var arguments = [
      "set-option", "-g", "default-terminal", environment["TERM"] ?? "tmux-256color", ";",
      "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
    ]
    if let workingDirectory { arguments += ["-c", workingDirectory] }
    for (key, value) in variables.sorted(by: { $0.key < $1.key }) {
      arguments += ["-e", "\(key)=\(value)"]
    }
    arguments += ["--"] + command
    let status = Self.shell(tmuxCommand(arguments) + " </dev/null >/dev/null 2>&1; echo $?")
    guard status.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0" else {
      kill()
      throw TmuxError.commandFailed("new-session " + command.joined(separator: " "))
    }
  }

  /// The pane's text now, one line per row with trailing spaces removed; with `escapes`, the
  /// SGR colour and attribute escapes tmux keeps for each cell (`capture-pane -e`).
  public func capture(escapes: Bool = false) -> String {
    Self.shell(tmuxCommand(["capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", name]))
      .output
  }

  /// Sends keys by tmux name (`"q"`, `"?"`, `"Space"`, `"C-c"`, `"Escape"`), one after another.
  public func send(keys: String...) {
    _ = Self.shell(tmuxCommand(["send-keys", "-t", name, "--"] + keys))
  }

  /// Sends `bytes` to the pane exactly as given (`send-keys -H`), as a terminal would pass
  /// them on: escape sequences, invalid UTF-8 and control bytes included. Large sends go in
  /// parts of 2,000 bytes.
  public func send(bytes: [UInt8]) {
    for start in stride(from: 0, to: bytes.count, by: 2_000) {
      let part = bytes[start..<min(start + 2_000, bytes.count)]
      let hex = part.map { String($0, radix: 16) }
      _ = Self.shell(tmuxCommand(["send-keys", "-t", name, "-H"] + hex))
    }
  }

  /// Pastes `text` into the pane as a terminal does (`set-buffer`, then `paste-buffer -p`):
  /// wrapped in bracketed-paste marks when the program asked for them (mode 2004).
  public func paste(_ text: String) {
    _ = Self.shell(tmuxCommand(["set-buffer", "--", text]))
    _ = Self.shell(tmuxCommand(["paste-buffer", "-p", "-t", name]))
  }

  /// Resizes the window (and so the pane, which sends SIGWINCH to the program).
  public func resize(width: Int, height: Int) {
    _ = Self.shell(
      tmuxCommand(["resize-window", "-t", name, "-x", String(width), "-y", String(height)]))
  }

  /// The value of a tmux format for the pane (`display-message -p`), e.g. "#{alternate_on}".
  public func format(_ format: String) -> String {
    Self.shell(tmuxCommand(["display-message", "-p", "-t", name, format])).output
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The pid of the pane's first process (the `command` given to `init`), nil if it is gone.
  public var panePID: Int32? { Int32(format("#{pane_pid}")) }

  /// Whether the pane shows its alternate screen (a full-screen program has it).
  public var isAlternateScreenOn: Bool { format("#{alternate_on}") == "1" }

  /// Polls `capture(escapes:)` every 50 ms until `predicate` holds and returns that capture.
  ///
  /// - Parameters:
  ///   - timeout: seconds before giving up.
  ///   - escapes: whether the captures keep their escapes.
  ///   - predicate: the condition on the pane's text.
  /// - Throws: `TmuxError.timedOut` with the last capture when the time runs out.
  @discardableResult
  public func waitUntil(
    timeout: Double = 15, escapes: Bool = false, _ predicate: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let screen = capture(escapes: escapes)
      if predicate(screen) { return screen }
      if Date() > deadline { throw TmuxError.timedOut(after: timeout, lastScreen: screen) }
      usleep(50_000)
    }
  }

  /// Stops the server and with it every process in the pane (they get SIGHUP), and removes
  /// the socket; safe to call more than once.
  public func kill() {
    _ = Self.shell(tmuxCommand(["kill-server"]) + " </dev/null >/dev/null 2>&1")
    unlink(socket)
  }

  /// `tmux -S socket -f /dev/null arguments…` as one shell command line, `TMUX` unset so a
  /// test run inside tmux still starts its own server.
  private func tmuxCommand(_ arguments: [String]) -> String {
    (["env", "-u", "TMUX", "tmux", "-S", socket, "-f", "/dev/null"] + arguments)
      .map { $0 == ";" ? "\\;" : shellQuoted($0) }.joined(separator: " ")
  }

  private static let counter = Mutex(0)

  /// A file name no other session of this or another test process uses.
  private static func uniqueName() -> String {
    let serial = counter.withLock { value -> Int in
      value += 1
      return value
    }
    return "scoreviz-tmux-\(getpid())-\(serial)-\(UUID().uuidString.prefix(8))"
  }

  /// Runs `command` with /bin/sh through `popen`; its standard output and exit status.
  private static func shell(_ command: String) -> (output: String, status: Int32) {
    guard let stream = popen(command, "r") else { return ("", -1) }
    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = fread(&buffer, 1, buffer.count, stream)
      if count <= 0 { break }
      output.append(buffer, count: count)
    }
    let status = pclose(stream)
    return (String(decoding: output, as: UTF8.self), (status >> 8) & 0xff)
  }
}

/// `text` in single quotes for /bin/sh, with each `'` written as `'\''`.
public func shellQuoted(_ text: String) -> String {
  "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Why a tmux session could not do what a test asked.
public enum TmuxError: Error, CustomStringConvertible {
  /// tmux failed to run the command described.
  case commandFailed(String)
  /// `waitUntil` gave up; the pane's last text is attached.
  case timedOut(after: Double, lastScreen: String)

  public var description: String {
    switch self {
    case .commandFailed(let what):
      return "tmux failed: \(what)"
    case .timedOut(let seconds, let screen):
      return "the pane did not show what was awaited within \(seconds) s; it showed:\n\(screen)"
    }
  }
}
