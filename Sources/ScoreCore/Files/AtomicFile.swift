// Every file scoreviz writes goes to a temporary name first and is renamed into place.

import Foundation

/// Writes whole files so that a reader never sees a half-written one and a failed write
/// leaves nothing behind.
public enum AtomicFile {
  /// Writes `data` to `path` through a temporary file in the same folder and `rename(2)`.
  ///
  /// - Throws: `FileWriteError` naming the path when the folder is missing or not writable;
  ///   the temporary file is removed in that case.
  public static func write(_ data: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw FileWriteError(path: path, reason: String(cString: strerror(errno))) }
    var written = 0
    let ok: Bool = data.withUnsafeBytes { raw in
      while written < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          return false
        }
        written += n
      }
      return true
    }
    let reason = ok ? nil : String(cString: strerror(errno))
    close(fd)
    guard ok, rename(temporary, path) == 0 else {
      let why = reason ?? String(cString: strerror(errno))
      unlink(temporary)
      throw FileWriteError(path: path, reason: why)
    }
  }

  /// Writes a UTF-8 string; see `write(_:to:)`.
  public static func write(_ text: String, to path: String) throws {
    try write(Array(text.utf8), to: path)
  }
}

/// A file could not be written; nothing was left at `path`.
public struct FileWriteError: Error, CustomStringConvertible, Sendable {
  /// The file that was to be written.
  public var path: String
  /// The operating system's reason.
  public var reason: String
  public var description: String { "\(path): cannot write: \(reason)" }
}
