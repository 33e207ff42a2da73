// The live terminal session: the only place scoreviz touches the terminal.

import CNcursesw
import ScoreView
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A full-screen ncursesw session that shows `Frame`s and reports keys, mouse and resizes.
///
/// ```
/// try Terminal.withTerminal { terminal in
///   while true {
///     terminal.draw(render(state, width: terminal.width, height: terminal.height))
///     if case .key(.character("q")) = terminal.nextEvent(timeoutMilliseconds: 25) { return }
///   }
/// }
/// ```
///
/// Starting a session refuses a terminal type that cannot move the cursor (`dumb`), sets
/// the locale from the environment as it is (outside a UTF-8 locale, glyphs other than ASCII
/// show as `?`: `environmentLocale()` tells the caller to draw ASCII instead), starts curses
/// in cbreak mode without echo, with the keypad on, the cursor hidden, colours
/// (`use_default_colors`, so `.terminalDefault` is the terminal's own colour) and the mouse.
/// Colours: see `Options.colorDepth`; 24-bit colour is written by the terminal layer itself,
/// so it works whatever the terminfo entry's colour count.
///
/// The terminal is restored (`endwin`, the default style, and the SGR mouse and bracketed
/// paste modes switched off; on a terminal without an alternate screen, such as `vt100` or
/// `linux`, the screen is cleared too, so no frame stays behind the prompt) on every way out:
/// - `restore()`, leaving `withTerminal` normally or by a thrown error, and `deinit`;
/// - the signals whose default action ends the process quietly (`exitSignals`: SIGINT from
///   Ctrl-C, SIGTERM, SIGHUP from an SSH drop, SIGPIPE, SIGUSR1, …): before curses starts they
///   are caught by a handler that only records them, whichever thread the kernel delivers
///   them to; `nextEvent` and `exitIfSignalled` then restore the terminal and exit with
///   status 128 + signal number;
/// - a crash (SIGSEGV, SIGBUS, SIGILL from a Swift trap, SIGFPE, SIGABRT, SIGTRAP, SIGSYS) and
///   SIGQUIT (Ctrl-\), sent by the kernel or with kill: a signal handler, on an alternate
///   stack so that a stack overflow reaches it too, ends curses mode, lets the previous
///   handler (the Swift backtracer) report, then ends the process by the signal's default
///   action (status 128 + signal);
/// - `exit()` called anywhere during the session: an atexit handler ends curses mode.
/// SIGTSTP (Ctrl-Z) restores the terminal and stops the process; when it is continued,
/// `nextEvent` returns curses mode and reports `.resize` so the caller draws a fresh frame
/// (a SIGCONT after `kill -STOP` repaints too). While curses owns the screen, stderr goes to a
/// temporary file that is written out once the terminal is restored, so a fatal error's
/// message appears after the screen is back. Not covered: SIGKILL and SIGSTOP; `reset`
/// repairs the terminal after those.
///
/// Only one session may be active per process, and only the thread that started it may use
/// it (ncurses is not thread-safe), which is why `Terminal` is not `Sendable`.
public final class Terminal {
  /// How a session starts.
  public struct Options: Sendable {
    /// A colour depth to use instead of the detected one, as it is (24-bit colour even where
    /// terminfo lists 256); nil to detect: true colour when `colorTerm` says so and terminfo
    /// lists colours, else terminfo's colour count, none under `NO_COLOR`. Overrides both.
    public var colorDepth: ColorDepth?
    /// Whether to report mouse presses and the wheel (the terminal's own text selection then
    /// needs Shift held).
    public var mouse: Bool
    /// The `NO_COLOR` value: non-empty means no colour unless `colorDepth` is given. Defaults
    /// to the environment's.
    public var noColor: String?
    /// The `COLORTERM` value: `truecolor` or `24bit` means the terminal takes 24-bit colour
    /// (`ColorDepth.resolve`). Defaults to the environment's.
    public var colorTerm: String?

    /// Options with the given values; by default detect colours, report the mouse, and read
    /// `NO_COLOR` and `COLORTERM` from the environment.
    public init(
      colorDepth: ColorDepth? = nil, mouse: Bool = true,
      noColor: String? = Terminal.environment("NO_COLOR"),
      colorTerm: String? = Terminal.environment("COLORTERM")
    ) {
      self.colorDepth = colorDepth
      self.mouse = mouse
      self.noColor = noColor
      self.colorTerm = colorTerm
    }
  }

  private static let isActive = Atomic<Bool>(false)

  /// The signals that end a session politely: restore the terminal, exit with 128 + signal.
  /// Their default action ends the process without a core dump.
  public static let exitSignals: [Int32] = [
    SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGXCPU, SIGXFSZ,
  ]

  private let screen: Screen<NcursesBackend>
  private var isRestored = false

  /// Starts a session on the process's terminal.
  ///
  /// - Parameter options: colour depth, mouse and `NO_COLOR`; see `Options`.
  /// - Throws: `TerminalError.cannotMoveCursor` when $TERM names a terminal without cursor
  ///   addressing, `.notATerminal` when stdin or stdout is not a terminal,
  ///   `.cannotOpenTerminal` when $TERM is unknown, `.alreadyActive` when another session runs.
  ///   Nothing is written to the terminal and nothing is left changed when it throws.
  public init(options: Options = Options()) throws {
    try Self.requireCursorAddressing()
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw TerminalError.notATerminal
    }
    guard
      Self.isActive.compareExchange(expected: false, desired: true, ordering: .acquiring)
        .exchanged
    else { throw TerminalError.alreadyActive }

    setlocale(LC_ALL, "")
    ProcessGuards.watch(Self.exitSignals, suspendSignal: SIGTSTP, continueSignal: SIGCONT)
    ProcessGuards.installAlternateStack()
    ProcessGuards.installCrashHandler()
    ProcessGuards.installExitHandler()
    do {
      screen = try Screen(
        backend: NcursesBackend(),
        configuration: Screen.Configuration(
          forcedDepth: options.colorDepth, noColor: options.noColor, mouse: options.mouse,
          colorTerm: options.colorTerm),
        terminalName: Self.environment("TERM") ?? "")
    } catch {
      ProcessGuards.removeCrashHandler()
      ProcessGuards.restoreWatchedSignals()
      Self.isActive.store(false, ordering: .releasing)
      throw error
    }
    ProcessGuards.captureStandardError()
  }

  deinit {
    restore()
  }

  /// Runs `body` with a new session and restores the terminal however `body` ends.
  ///
  /// An error thrown by `body` is rethrown after the terminal is restored, so the caller
  /// prints its message on a normal screen.
  public static func withTerminal<Result>(
    options: Options = Options(), _ body: (Terminal) throws -> Result
  ) throws -> Result {
    let terminal = try Terminal(options: options)
    defer { terminal.restore() }
    return try body(terminal)
  }

  /// Screen columns now (`getmaxx(stdscr)`).
  public var width: Int { screen.width }

  /// Screen rows now (`getmaxy(stdscr)`).
  public var height: Int { screen.height }

  /// The colour depth cells are drawn with.
  public var colorDepth: ColorDepth { screen.depth }

  /// Shows `frame`, sending only the cells that changed since the last `draw`.
  ///
  /// A frame larger than the screen is clipped; one smaller leaves the rest blank. After a
  /// size change or `forceFullRepaint` the whole screen is cleared and repainted. RGB colours
  /// are quantised to `colorDepth`. Does nothing after `restore()`.
  public func draw(_ frame: Frame) {
    guard !isRestored else { return }
    screen.draw(frame)
  }

  /// Makes the next `draw` clear and repaint the whole screen (for Ctrl-L, say).
  public func forceFullRepaint() {
    screen.forceFullRepaint()
  }

  /// Waits up to `timeoutMilliseconds` for an input event.
  ///
  /// If an exit signal has arrived (before or during the wait), restores the terminal and
  /// exits with status 128 + signal; see `exitIfSignalled`. If Ctrl-Z (SIGTSTP) arrived,
  /// restores the terminal and stops the process; once continued, returns to curses mode and
  /// reports `.resize` with the size then, as after a SIGCONT from elsewhere.
  ///
  /// - Parameter timeoutMilliseconds: 0 polls; negative waits for input (a signal then
  ///   takes effect only when input arrives, so prefer a timeout of tens of milliseconds).
  /// - Returns: the event, or nil when nothing arrived in time, the input is not one that is
  ///   reported (a button release, an escape sequence with no meaning here, a paste), or
  ///   after `restore()`.
  public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
    if let event = signalEvent() { return event }
    guard !isRestored else { return nil }
    let event = screen.nextEvent(timeoutMilliseconds: timeoutMilliseconds)
    return signalEvent() ?? event
  }

  /// Acts on the signals that arrived: exits, or suspends; `.resize` after a continue.
  private func signalEvent() -> TerminalEvent? {
    exitIfSignalled()
    guard !isRestored else { return nil }
    if ProcessGuards.takeSuspendRequest() {
      screen.suspend()
      kill(getpid(), SIGSTOP)
      exitIfSignalled()
      screen.resume()
    } else if !ProcessGuards.takeResumed() {
      return nil
    }
    _ = ProcessGuards.takeResumed()
    screen.forceFullRepaint()
    return .resize(width: screen.width, height: screen.height)
  }

  /// The exit signal (one of `exitSignals`) received, nil if none.
  public var receivedSignal: Int32? { ProcessGuards.receivedExitSignal() }

  /// If an exit signal has arrived, restores the terminal and exits with 128 + signal.
  ///
  /// `nextEvent` calls this; call it too from loops that work long between reads.
  public func exitIfSignalled() {
    guard let signal = ProcessGuards.receivedExitSignal() else { return }
    restore()
    exit(128 + signal)
  }

  /// Ends the session: leaves curses mode (`endwin`: cursor shown, modes and screen restored,
  /// mouse reporting and bracketed paste off), writes out what stderr received meanwhile, and puts back the
  /// signal actions. Safe to call more than once.
  public func restore() {
    guard !isRestored else { return }
    isRestored = true
    screen.end()
    ProcessGuards.releaseStandardError()
    ProcessGuards.removeCrashHandler()
    ProcessGuards.restoreWatchedSignals()
    Self.isActive.store(false, ordering: .releasing)
  }

  /// The value of environment variable `name`, nil when unset.
  @usableFromInline
  static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// Throws unless the terminal $TERM names can move the cursor (terminfo `cup`), which a
  /// full-screen view needs: `dumb` (an editor's shell buffer, some CI logs) cannot, and a
  /// view started there would draw one garbled line. Reads terminfo only; writes nothing.
  /// An unknown or unset $TERM passes here and is reported when curses starts.
  ///
  /// - Throws: `TerminalError.cannotMoveCursor` with $TERM.
  public static func requireCursorAddressing() throws {
    let name = environment("TERM") ?? ""
    if nc_terminal_has_cursor_addressing(nil) == 0 { throw TerminalError.cannotMoveCursor(name) }
  }

  /// The locale a session draws in: the environment's (`setlocale(LC_ALL, "")`, which this
  /// sets for the process), its character-type name (`C`, `en_US.UTF-8`) and whether its
  /// codeset is UTF-8. Outside UTF-8 a session shows only ASCII; anything else prints as `?`.
  public static func environmentLocale() -> (name: String, isUTF8: Bool) {
    setlocale(LC_ALL, "")
    let name = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
    let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
    return (name, codeset == "UTF-8")
  }
}
