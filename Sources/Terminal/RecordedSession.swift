// A program run on a new pseudo-terminal and relayed to this one, every byte it writes handed on as written.

import CNcursesw
import ScoreCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program as a terminal recorder does: on a new pseudo-terminal whose size follows
/// this process's terminal, with this terminal in raw mode relaying keys to it and its output
/// back, so the bytes handed to `output` are exactly those this terminal receives.
///
/// The program does its own terminal handling (modes, signals from keys: Ctrl-C reaches it
/// as it would on a terminal of its own). When it stops itself (Ctrl-Z), this terminal gets
/// its modes back and this process stops too; continued (`fg`), it continues the program.
/// SIGTERM, SIGHUP, SIGINT and the other `Terminal.exitSignals` sent to this process are
/// passed on to the program. Not covered: a crash of this process leaves the terminal raw
/// (`reset` repairs it).
public enum RecordedSession {
  /// Columns and rows of the terminal on standard output; nil when it is not a terminal.
  public static func terminalSize() -> (width: Int, height: Int)? {
    var rows: Int32 = 0
    var columns: Int32 = 0
    guard nc_get_window_size(STDOUT_FILENO, &rows, &columns) == 0 else { return nil }
    return (Int(columns), Int(rows))
  }

  /// Runs `executable` with `arguments` (the first is its name) and waits for it to end.
  ///
  /// - Parameters:
  ///   - output: called with each block of bytes the program wrote, after it is shown.
  ///   - resized: called with the new columns and rows after this terminal is resized.
  /// - Returns: the program's exit status, or 128 + the signal that ended it.
  /// - Throws: `TerminalError.notATerminal` when standard input or output is not a terminal,
  ///   `.cannotStartProgram` when no pseudo-terminal can be had or the program cannot start.
  public static func run(
    executable: String, arguments: [String], output: (UnsafeRawBufferPointer) -> Void,
    resized: (_ width: Int, _ height: Int) -> Void
  ) throws(TerminalError) -> Int32 {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1, let size = terminalSize() else {
      throw TerminalError.notATerminal
    }
    // The program starts with this terminal's modes and size.
    var saved = termios()
    tcgetattr(STDIN_FILENO, &saved)
    var master: Int32 = -1
    var slave: Int32 = -1
    var window = winsize(ws_row: UInt16(size.height), ws_col: UInt16(size.width), ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, &saved, &window) == 0 else {
      throw TerminalError.cannotStartProgram("no pseudo-terminal: \(String(cString: strerror(errno)))")
    }
    defer { close(master) }
    _ = fcntl(master, F_SETFD, FD_CLOEXEC)
    var name = [CChar](repeating: 0, count: 256)
    let named = ttyname_r(slave, &name, name.count)
    // The program opens the terminal by name, which makes it its controlling terminal.
    close(slave)
    guard named == 0 else {
      throw TerminalError.cannotStartProgram("no pseudo-terminal: \(String(cString: strerror(named)))")
    }

    var pid: pid_t = 0
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let spawned = nc_spawn_on_terminal(executable, &argv, name, &pid)
    guard spawned == 0 else {
      throw TerminalError.cannotStartProgram("\(executable): \(String(cString: strerror(spawned)))")
    }

    ProcessGuards.watch(Terminal.exitSignals, suspendSignal: SIGTSTP, continueSignal: SIGCONT)
    nc_watch_window_changes()
    setRaw(from: saved)
    let status = relay(master: master, child: pid, saved: saved, output: output, resized: resized)
    tcsetattr(STDIN_FILENO, TCSADRAIN, &saved)
    signal(SIGWINCH, SIG_DFL)
    ProcessGuards.restoreWatchedSignals()
    return status
  }

  /// This terminal in raw mode: keys pass through unchanged, output too.
  private static func setRaw(from saved: termios) {
    var raw = saved
    cfmakeraw(&raw)
    tcsetattr(STDIN_FILENO, TCSADRAIN, &raw)
  }

  /// Copies keys to the program and its output to this terminal and `output` until the
  /// program closes its terminal; then waits for it and returns its status.
  private static func relay(
    master: Int32, child: pid_t, saved: termios, output: (UnsafeRawBufferPointer) -> Void,
    resized: (Int, Int) -> Void
  ) -> Int32 {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var readsInput = true
    var forwardedSignal = false
    while true {
      if nc_take_window_change(), let size = terminalSize() {
        _ = nc_set_window_size(master, Int32(size.height), Int32(size.width))
        resized(size.width, size.height)
      }
      if !forwardedSignal, let signal = ProcessGuards.receivedExitSignal() {
        kill(child, signal)
        forwardedSignal = true
      }
      followStop(of: child, saved: saved)
      var fds = [
        pollfd(fd: readsInput ? STDIN_FILENO : -1, events: Int16(POLLIN), revents: 0),
        pollfd(fd: master, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&fds, 2, 100)
      if ready < 0 { continue }
      if fds[0].revents != 0 {
        let count = read(STDIN_FILENO, &buffer, buffer.count)
        if count > 0 {
          buffer.withUnsafeBytes {
            _ = DescriptorWriter.writeAll(UnsafeRawBufferPointer(rebasing: $0[0..<count]), to: master)
          }
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
          readsInput = false
        }
      }
      if fds[1].revents != 0 {
        let count = read(master, &buffer, buffer.count)
        if count > 0 {
          buffer.withUnsafeBytes { bytes in
            let block = UnsafeRawBufferPointer(rebasing: bytes[0..<count])
            _ = DescriptorWriter.writeAll(block, to: STDOUT_FILENO)
            output(block)
          }
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
          // EIO: every descriptor of the program's terminal is closed; it has ended.
          break
        }
      }
    }
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0, errno == EINTR {}
    let signal = status & 0x7F
    return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
  }

  /// If the program has stopped (Ctrl-Z), gives this terminal its modes back and stops this
  /// process; once continued, raw mode again and the program continued.
  private static func followStop(of child: pid_t, saved: termios) {
    var status: Int32 = 0
    guard waitpid(child, &status, WUNTRACED | WNOHANG) == child, status & 0xFF == 0x7F else { return }
    var modes = saved
    tcsetattr(STDIN_FILENO, TCSADRAIN, &modes)
    kill(getpid(), SIGSTOP)
    _ = ProcessGuards.takeSuspendRequest()
    _ = ProcessGuards.takeResumed()
    setRaw(from: saved)
    kill(child, SIGCONT)
  }
}
