// Process-wide guards for a curses session: the session's signal handler, the alternate signal
// stack, the crash and exit handlers and the stderr capture.

import CNcursesw

/// The shim's process guards, called from this one file only.
///
/// The shim keeps their state in function-local statics of `static inline` functions, and
/// each Swift file that calls such a function gets its own copy of it, so all calls live here.
/// Every member is `@inline(never)`: inlined into a caller in another file, it would call that
/// file's copy of the shim function and see a second, separate state (a signal recorded in one
/// copy would never be seen by the main loop reading the other).
enum ProcessGuards {
  /// Catches each of `signals` with a handler that only records it (ncurses then installs no
  /// handler of its own for them), after clearing the record; `suspendSignal` and
  /// `continueSignal` are recorded as requests, every other signal as an exit signal. Undone by
  /// `restoreWatchedSignals`.
  @inline(never)
  static func watch(_ signals: [Int32], suspendSignal: Int32, continueSignal: Int32) {
    nc_reset_signal_record(suspendSignal, continueSignal)
    for signal in signals + [suspendSignal, continueSignal] { nc_watch_signal(signal) }
  }

  /// The first exit signal recorded since `watch`, nil if none.
  @inline(never)
  static func receivedExitSignal() -> Int32? {
    let signal = nc_received_exit_signal()
    return signal == 0 ? nil : signal
  }

  /// Whether the suspend signal arrived since the last call.
  @inline(never)
  static func takeSuspendRequest() -> Bool { nc_take_suspend_request() }

  /// Whether the continue signal arrived since the last call.
  @inline(never)
  static func takeResumed() -> Bool { nc_take_resumed() }

  /// Puts back the actions the signals had before `watch`.
  @inline(never)
  static func restoreWatchedSignals() { nc_restore_watched_signals() }

  /// Gives the calling thread an alternate signal stack (kept for the life of the process),
  /// so the crash handler runs even when that thread's stack overflowed.
  @inline(never)
  static func installAlternateStack() { nc_install_alternate_stack() }

  /// On SIGSEGV, SIGBUS, SIGILL (a Swift trap), SIGFPE, SIGABRT, SIGTRAP, SIGSYS or SIGQUIT:
  /// end curses mode, replay captured stderr, let the previous action report (the Swift
  /// backtracer), then end the process with the signal's default action.
  @inline(never)
  static func installCrashHandler() { nc_install_crash_handler() }

  /// Makes exit() during a session that was not restored end curses mode and replay stderr
  /// first (registered once; it acts only while the crash handler is installed).
  @inline(never)
  static func installExitHandler() { nc_install_exit_handler() }

  /// Puts back the actions the crash handler replaced.
  @inline(never)
  static func removeCrashHandler() { nc_remove_crash_handler() }

  /// Makes `leaveCurses` (and the crash and exit handlers) clear the screen after endwin when
  /// the terminal curses just started on has no alternate screen (terminfo `smcup`), so the
  /// last frame does not stay behind the shell's prompt. Call after newterm.
  @inline(never)
  static func prepareLeavingClear() { nc_prepare_leaving_clear() }

  /// Leaves curses mode if it is on: endwin, the default style, SGR mouse reports and
  /// bracketed paste off, and the screen cleared if `prepareLeavingClear` found no alternate
  /// screen.
  @inline(never)
  static func leaveCurses() { nc_leave_curses() }

  /// Sends stderr to a temporary file while curses owns the screen; does nothing when stderr
  /// is not a terminal.
  @inline(never)
  static func captureStandardError() { _ = nc_capture_stderr() }

  /// Points stderr back at the terminal and writes out what was captured.
  @inline(never)
  static func releaseStandardError() { nc_release_stderr() }
}
