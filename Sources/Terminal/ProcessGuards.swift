// Process-wide guards for a curses session: exit-signal dispositions, the crash and exit
// handlers and the stderr capture.

import CNcursesw

/// The shim's process guards, called from this one file only.
///
/// The shim keeps their state in function-local statics of `static inline` functions, and
/// each Swift file that calls such a function gets its own copy of it, so all calls live here.
enum ProcessGuards {
  /// Ignores SIGINT, SIGTERM and SIGHUP (ncurses then installs no handler for them), so
  /// only the signal watcher sees them. Undone by `restoreExitSignals`.
  static func ignoreExitSignals() { nc_ignore_exit_signals() }

  /// Puts back the actions SIGINT, SIGTERM and SIGHUP had before `ignoreExitSignals`.
  static func restoreExitSignals() { nc_restore_exit_signals() }

  /// On SIGSEGV, SIGBUS, SIGILL (a Swift trap), SIGFPE, SIGABRT or SIGTRAP: end curses mode,
  /// replay captured stderr, then hand the signal to the previous action (the backtracer).
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
