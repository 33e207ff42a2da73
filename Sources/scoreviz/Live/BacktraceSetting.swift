// Makes a crash in the live view report and end at once instead of waiting for a key.

import Foundation

/// The Swift backtracer's setting for the live view.
///
/// The backtracer reads SWIFT_BACKTRACE once, as the process starts, and on a terminal it
/// defaults to interactive: after a crash it waits 30 s for a key over the screen. The live
/// view always runs on a terminal, so it asks for `interactive=no` by running itself again.
enum BacktraceSetting {
  /// If stdin and stdout are terminals and SWIFT_BACKTRACE says nothing about `interactive`,
  /// adds `interactive=no` to it and replaces the process with a new run of the same program
  /// and arguments (`/proc/self/exe`: a few milliseconds). Returns when nothing needs to
  /// change or the program cannot be run again.
  static func makeNonInteractive() {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return }
    let current = ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] ?? ""
    guard !current.contains("interactive=") else { return }
    setenv("SWIFT_BACKTRACE", current.isEmpty ? "interactive=no" : current + ",interactive=no", 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
  }
}
