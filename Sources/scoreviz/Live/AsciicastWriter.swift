// `--record`: the live session as an asciicast v2 file, one event line per block of terminal output.

import Foundation
import ScoreCore

/// Writes an asciicast v2 recording (asciinema's format): a header line, then one
/// `[seconds, "o", text]` line per block of bytes the terminal received and one
/// `[seconds, "r", "COLSxROWS"]` line per resize, each line written (`write(2)`) as it comes,
/// so a crash loses at most the line being written.
///
/// The file is created new (`O_EXCL`): an existing file is never replaced. Event text is
/// UTF-8; a multi-byte character split between two blocks is kept back and written whole with
/// the next block (bytes that are not UTF-8 become U+FFFD: JSON text cannot hold them). Once
/// the file would pass `limit` bytes nothing more is written and `stoppedAtLimit` is set.
final class AsciicastWriter {
  /// 1 GiB.
  static let defaultLimit = 1 << 30

  let path: String
  private let fd: Int32
  private let limit: Int
  private(set) var bytesWritten = 0
  private(set) var stoppedAtLimit = false
  /// The failure of the last write, if one failed (nothing is written after it).
  private(set) var failure: FileWriteError?
  /// The bytes of an unfinished UTF-8 character at the end of the last block.
  private var pendingBytes: [UInt8] = []
  private var lastTime = 0.0

  /// What the header line says.
  struct Header {
    var width: Int
    var height: Int
    /// Seconds since 1970 at the start.
    var timestamp: Int
    var command: String
    var title: String
    /// TERM and SHELL, those that are set.
    var environment: [(String, String)]
  }

  /// Creates `path` and writes the header line.
  ///
  /// - Throws: `FileWriteError`: the file exists, or cannot be created or written.
  init(path: String, header: Header, limit: Int = defaultLimit) throws(FileWriteError) {
    self.path = path
    self.limit = limit
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard fd >= 0 else {
      if errno == EEXIST { throw FileWriteError(path: path, reason: "the file exists; give a new name or remove it") }
      throw FileWriteError(path: path, errno: errno)
    }
    let line = JSONObject([
      ("version", .integer(2)), ("width", .integer(header.width)), ("height", .integer(header.height)),
      ("timestamp", .integer(header.timestamp)), ("command", .string(header.command)),
      ("title", .string(header.title)),
      ("env", .object(JSONObject(header.environment.map { ($0.0, JSONValue.string($0.1)) }))),
    ])
    append(line.encoded)
    if let failure {
      close(fd)
      unlink(path)
      throw failure
    }
  }

  deinit {
    close(fd)
  }

  /// Records `bytes` the terminal received `seconds` after the start.
  func output(_ bytes: UnsafeRawBufferPointer, at seconds: Double) {
    var block = pendingBytes
    block.append(contentsOf: bytes)
    let end = Self.completeLength(block)
    pendingBytes = Array(block[end...])
    guard end > 0 else { return }
    event(seconds, "o", String(decoding: block[..<end], as: UTF8.self))
  }

  /// Records a resize of the terminal to `width` × `height` cells.
  func resize(width: Int, height: Int, at seconds: Double) {
    event(seconds, "r", "\(width)x\(height)")
  }

  private func event(_ seconds: Double, _ code: String, _ text: String) {
    // Times never go back, whatever the clock does.
    lastTime = max(lastTime, seconds)
    let time = (lastTime * 1_000_000).rounded() / 1_000_000
    append(JSONValue.array([.number(time), .string(code), .string(text)]).encoded)
  }

  private func append(_ line: String) {
    guard !stoppedAtLimit, failure == nil else { return }
    let bytes = Array((line + "\n").utf8)
    guard bytesWritten + bytes.count <= limit else {
      stoppedAtLimit = true
      return
    }
    if let code = bytes.withUnsafeBytes({ DescriptorWriter.writeAll($0, to: fd) }) {
      failure = FileWriteError(path: path, errno: code)
      return
    }
    bytesWritten += bytes.count
  }

  /// The length of the longest prefix of `bytes` that does not end inside a UTF-8 character
  /// whose remaining bytes may still come: a lead byte among the last three whose sequence
  /// runs past the end is held back with what follows it.
  static func completeLength(_ bytes: [UInt8]) -> Int {
    guard !bytes.isEmpty else { return 0 }
    for back in 1...min(3, bytes.count) {
      let byte = bytes[bytes.count - back]
      if byte & 0xC0 == 0x80 { continue }
      let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
      return length > back ? bytes.count - back : bytes.count
    }
    return bytes.count
  }
}
