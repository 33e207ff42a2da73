// A file the live view writes the time of every frame to, for the launch benchmarks.

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One line per frame drawn: the monotonic clock (`monotonicSeconds()`, the same clock in
/// every process) in seconds, flushed at once so a reader sees each frame as it happens.
final class FrameLog {
  private let file: UnsafeMutablePointer<FILE>

  /// Creates (or empties) the file at `path`.
  ///
  /// - Throws: `Failure` (cannot write, 73) when it cannot be opened.
  init(path: String) throws {
    guard let file = fopen(path, "w") else {
      throw Failure(exitCode: SysExit.cannotCreate, message: "\(path): cannot write")
    }
    self.file = file
  }

  deinit {
    fclose(file)
  }

  /// Appends one frame's time.
  func record(_ seconds: Double) {
    fputs(String(format: "%.6f\n", seconds), file)
    fflush(file)
  }
}
