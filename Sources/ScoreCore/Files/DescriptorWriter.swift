// Writing a whole buffer to an open file descriptor: short writes resumed, EINTR retried.

import Foundation

/// The one loop around `write(2)` that every file and stream scoreviz writes goes through.
public enum DescriptorWriter {
  /// Writes all of `bytes` to `fileDescriptor`.
  ///
  /// A short write is resumed where it stopped and a write interrupted by a signal (EINTR)
  /// is tried again, so only a real failure stops it.
  /// - Returns: nil when every byte was written, else the `errno` of the failed write
  ///   (`ENOSPC` on a full disk, `EPIPE` on a pipe without a reader when SIGPIPE is ignored).
  public static func writeAll(_ bytes: UnsafeRawBufferPointer, to fileDescriptor: Int32) -> Int32? {
    var written = 0
    while written < bytes.count {
      let n = write(fileDescriptor, bytes.baseAddress! + written, bytes.count - written)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      written += n
    }
    return nil
  }
}
