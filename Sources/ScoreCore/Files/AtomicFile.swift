// Every file scoreviz writes: regular files through a temporary name and a rename, devices and FIFOs in place.

import Foundation

/// Writes whole files so that a reader never sees a half-written one and a failed write
/// leaves nothing behind, without ever replacing what is not a regular file.
///
/// What `path` names decides how it is written:
/// - a regular file, or nothing yet: the bytes go to a new temporary file in the same folder
///   (so on the same file system), which `rename(2)` then puts in its place; a replaced
///   file keeps its permission bits;
/// - a symbolic link: followed (through at most 40 links, as the kernel does) to the file it
///   names, which is then written as above, so the link stays a link; a link to nothing
///   creates its target, as a shell's `>` does;
/// - a character device (`/dev/null`, a terminal) or a FIFO: opened for writing and written
///   in place, never replaced (a FIFO waits for its reader);
/// - a folder, a socket or a block device: refused.
public enum AtomicFile {
  /// Writes `data` to `path`; see the type's summary for how each kind of file is written.
  ///
  /// - Throws: `FileWriteError` naming `path` as given: an empty path, a folder or another
  ///   kind of file that cannot be written, a missing or unwritable folder, or a failed write
  ///   (`/dev/full`: "No space left on device"). A temporary file is removed.
  public static func write(_ data: [UInt8], to path: String) throws(FileWriteError) {
    switch try kind(of: path) {
    case .stream:
      try writeInPlace(data, to: path)
    case .regular(let permissions):
      try replace(try resolvingLinks(path), with: data, permissions: permissions, reportedAs: path)
    case .absent:
      try replace(try resolvingLinks(path), with: data, permissions: nil, reportedAs: path)
    }
  }

  /// Writes a UTF-8 string; see `write(_:to:)`.
  public static func write(_ text: String, to path: String) throws(FileWriteError) {
    try write(Array(text.utf8), to: path)
  }

  /// Checks, before any work is done, that `write(_:to:)` could write `path`: that it is not
  /// empty, not a folder or another kind of file that is refused, and that the folder a new
  /// file would go into exists and is writable.
  ///
  /// A later write can still fail (the disk fills up); this only lets a command refuse an
  /// impossible target before it spends minutes computing what it would write.
  /// - Throws: `FileWriteError` naming `path`, as `write(_:to:)` would.
  public static func checkWritable(_ path: String) throws(FileWriteError) {
    if case .stream = try kind(of: path) { return }
    let target = try resolvingLinks(path)
    let folder = folderAndName(of: target).folder
    guard access(folder, W_OK) == 0 else { throw FileWriteError(path: path, errno: errno) }
  }

  /// What a path names, as far as writing it goes.
  private enum Kind {
    /// A character device or a FIFO: written in place.
    case stream
    /// A regular file with these permission bits: replaced.
    case regular(permissions: mode_t)
    /// Nothing (yet): created.
    case absent
  }

  /// Follows links with `stat(2)` to find what `path` names.
  private static func kind(of path: String) throws(FileWriteError) -> Kind {
    guard !path.isEmpty else { throw FileWriteError(path: path, reason: "the file name is empty") }
    var info = stat()
    guard stat(path, &info) == 0 else {
      // A missing file (or a link to one) is created; anything else (a missing folder, a
      // file used as a folder, a loop of links) is reported as it is.
      guard errno == ENOENT, !path.hasSuffix("/") else { throw FileWriteError(path: path, errno: errno) }
      return .absent
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regular(permissions: info.st_mode & 0o7777)
    case S_IFCHR, S_IFIFO: return .stream
    case S_IFDIR: throw FileWriteError(path: path, errno: EISDIR)
    default:
      throw FileWriteError(path: path, reason: "not a regular file, character device or FIFO")
    }
  }

  /// `path` with every symbolic link in its last component followed, so that the temporary
  /// file is made beside the file that is actually replaced.
  private static func resolvingLinks(_ path: String) throws(FileWriteError) -> String {
    var current = path
    for _ in 0..<40 {
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let length = readlink(current, &buffer, buffer.count - 1)
      guard length >= 0 else {
        // Not a link (EINVAL), or nothing there (ENOENT): this is the file.
        guard errno == EINVAL || errno == ENOENT else { throw FileWriteError(path: path, errno: errno) }
        return current
      }
      let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = target.hasPrefix("/") ? target : folderAndName(of: current).folder + "/" + target
    }
    throw FileWriteError(path: path, errno: ELOOP)
  }

  /// The folder part and the last component of `path` (`.` for a bare name).
  private static func folderAndName(of path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let folder = String(path[..<slash])
    return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
  }

  /// Writes a new temporary file beside `target` and renames it to `target`.
  private static func replace(
    _ target: String, with data: [UInt8], permissions: mode_t?, reportedAs path: String
  ) throws(FileWriteError) {
    let (folder, name) = folderAndName(of: target)
    var temporary = ""
    var fd: Int32 = -1
    for attempt in 0..<100 {
      temporary = folder + "/." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
      fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if fd >= 0 || errno != EEXIST || attempt == 99 { break }
    }
    guard fd >= 0 else { throw FileWriteError(path: path, errno: errno) }
    var failure = data.withUnsafeBytes { DescriptorWriter.writeAll($0, to: fd) }
    if failure == nil, let permissions, fchmod(fd, permissions) != 0 { failure = errno }
    if close(fd) != 0, failure == nil, errno != EINTR { failure = errno }
    if failure == nil, rename(temporary, target) != 0 { failure = errno }
    if let failure {
      unlink(temporary)
      throw FileWriteError(path: path, errno: failure)
    }
  }

  /// Opens a device or FIFO for writing, without creating or truncating, and writes to it.
  private static func writeInPlace(_ data: [UInt8], to path: String) throws(FileWriteError) {
    let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
    guard fd >= 0 else { throw FileWriteError(path: path, errno: errno) }
    var failure = data.withUnsafeBytes { DescriptorWriter.writeAll($0, to: fd) }
    if close(fd) != 0, failure == nil, errno != EINTR { failure = errno }
    if let failure { throw FileWriteError(path: path, errno: failure) }
  }
}

/// A file could not be written; nothing was left at `path` (a device or FIFO may have taken
/// part of the bytes).
public struct FileWriteError: Error, CustomStringConvertible, Sendable {
  /// The file that was to be written, as it was named.
  public var path: String
  /// The operating system's reason.
  public var reason: String

  /// An error with `reason` in words.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// An error with the operating system's words for `errno` (`strerror(3)`).
  public init(path: String, errno code: Int32) {
    self.init(path: path, reason: String(cString: strerror(code)))
  }

  public var description: String { "\(path.isEmpty ? "''" : path): cannot write: \(reason)" }
}
