// Process-wide guards for a curses session: signal dispositions, the alternate signal stack,
// the crash and exit handlers and the stderr capture.

import CNcursesw

/// The shim's process guards, called from this one file only.
///
/// The shim keeps their state in function-local statics of `static inline` functions, and
/// each Swift file that calls such a function gets its own copy of it, so all calls live here.
enum ProcessGuards {
  /// Ignores each of `signals` (ncurses then installs no handler for them), so only the
  /// signal watcher sees them. Undone by `restoreIgnoredSignals`.
  static func ignore(_ signals: [Int32]) {
    for signal in signals { nc_ignore_signal(signal) }
  }

  /// Puts back the actions the signals had before `ignore`.
  static func restoreIgnoredSignals() { nc_restore_ignored_signals() }

  /// Gives the calling thread an alternate signal stack (kept for the life of the process),
  /// so the crash handler runs even when that thread's stack overflowed.
  static func installAlternateStack() { nc_install_alternate_stack() }

  /// On SIGSEGV, SIGBUS, SIGILL (a Swift trap), SIGFPE, SIGABRT, SIGTRAP, SIGSYS or SIGQUIT:
  /// end curses mode, replay captured stderr, let the previous action report (the Swift
  /// backtracer), then end the process with the signal's default action.
  static func installCrashHandler() { nc_install_crash_handler() }

  /// Makes exit() during a session that was not restored end curses mode and replay stderr
  /// first (registered once; it acts only while the crash handler is installed).
  static func installExitHandler() { nc_install_exit_handler() }

  /// Puts back the actions the crash handler replaced.
  static func removeCrashHandler() { nc_remove_crash_handler() }

  /// Sends stderr to a temporary file while curses owns the screen; does nothing when stderr
  /// is not a terminal.
  static func captureStandardError() { _ = nc_capture_stderr() }

  /// Points stderr back at the terminal and writes out what was captured.
  static func releaseStandardError() { nc_release_stderr() }
}
