// Standard output for every command: each write checked, so a full disk is an error, not lost output.

import Foundation
import ScoreCore

/// Everything scoreviz prints on standard output goes through here.
///
/// A failed write (`> /dev/full`, a closed descriptor) throws `FileWriteError` for "standard
/// output", which the command reports with exit 73. A pipe whose reader has gone (`| head`)
/// ends the process quietly by SIGPIPE, as the default action of that signal does, even
/// when the parent started scoreviz with SIGPIPE ignored.
enum StandardOutput {
  /// The name errors give the stream.
  static let name = "standard output"

  /// Writes `text` (UTF-8) unbuffered.
  static func write(_ text: String) throws(FileWriteError) {
    var text = text
    let failure = text.withUTF8 { DescriptorWriter.writeAll(UnsafeRawBufferPointer($0), to: STDOUT_FILENO) }
    guard let failure else { return }
    if failure == EPIPE {
      signal(SIGPIPE, SIG_DFL)
      raise(SIGPIPE)
    }
    throw FileWriteError(path: name, errno: failure)
  }

  /// Writes `text` and a line break.
  static func writeLine(_ text: String) throws(FileWriteError) {
    try write(text + "\n")
  }

  /// Closes standard output and reports an error only the close reveals (a delayed write
  /// error of a network file system); a descriptor that was never open is no error.
  static func close() throws(FileWriteError) {
    // close(2) through Foundation, which re-exports Glibc or Darwin: `close` alone is this method.
    guard Foundation.close(STDOUT_FILENO) == 0 || errno == EBADF || errno == EINTR else {
      throw FileWriteError(path: name, errno: errno)
    }
  }
}
