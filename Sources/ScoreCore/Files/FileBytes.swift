// Reading a whole input file into memory, never more than a stated number of bytes.

import Foundation

/// Reads input files (data, models, themes) whole, with a size bound.
///
/// A regular file larger than the bound is refused from its size before anything is read or
/// allocated. Anything else (a pipe, `/dev/zero`, a character device) is read in 64 KiB
/// chunks and refused as soon as it passes the bound, so an endless source costs at most
/// the bound in memory; `stopEarly` may end the reading sooner when the bytes so far already
/// show the contents are wrong (the caller's parser then reports why).
public enum FileBytes {
  /// Why a file was not read.
  public enum Failure: Error, Equatable, Sendable {
    /// open(2), fstat(2) or read(2) failed, or the path is a folder; the system's reason.
    case cannotOpen(reason: String)
    /// The file holds more than `limit` bytes.
    case tooLarge(limit: Int)
  }

  /// The bytes of the file at `path`, or of standard input when `path` is `-`.
  ///
  /// - Parameters:
  ///   - path: the file as the user named it; `-` reads standard input to its end.
  ///   - limit: the most bytes accepted.
  ///   - stopEarly: called after each chunk of a file that is not a regular file with all the
  ///     bytes so far and the range the chunk added; returning true stops reading and returns
  ///     those bytes.
  /// - Throws: `Failure.cannotOpen` (the reason as strerror(3) gives it, e.g. `No such file
  ///   or directory`, `Is a directory`), `Failure.tooLarge`.
  public static func read(
    path: String, limit: Int, stopEarly: (_ bytes: [UInt8], _ added: Range<Int>) -> Bool = { _, _ in false }
  ) throws(Failure) -> [UInt8] {
    func failure(_ code: Int32 = errno) -> Failure {
      .cannotOpen(reason: String(cString: strerror(code)))
    }
    // `-` is standard input (a copy of its descriptor, so closing it leaves stdin open).
    let descriptor = path == "-" ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure() }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw failure() }
    let type = status.st_mode & S_IFMT
    if type == S_IFDIR { throw failure(EISDIR) }
    let isRegular = type == S_IFREG
    if isRegular {
      guard status.st_size <= limit else { throw .tooLarge(limit: limit) }
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(isRegular ? Int(status.st_size) + 1 : 1 << 16)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      // One byte past the limit is enough to know the file is too large.
      let wanted = min(chunk.count, limit - bytes.count + 1)
      // read(2), named through Foundation (Glibc or Darwin beneath): `read` alone is this type's.
      let n = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, wanted) }
      if n < 0 {
        if errno == EINTR { continue }
        throw failure()
      }
      if n == 0 { break }
      let start = bytes.count
      bytes.append(contentsOf: chunk[0..<n])
      guard bytes.count <= limit else { throw .tooLarge(limit: limit) }
      if !isRegular && stopEarly(bytes, start..<bytes.count) { break }
    }
    return bytes
  }
}
