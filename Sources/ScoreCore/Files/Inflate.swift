// Expanding a raw deflate stream (a zip member) with the system's zlib, to a size known in advance.

import CZlib

/// zlib's inflate for a raw deflate stream whose expanded size is declared beforehand.
enum Inflate {
  /// The bytes `data` expands to, which must be exactly `expectedSize`.
  ///
  /// The output is allocated once, one byte larger than declared so that a stream producing
  /// more is caught without writing past it; inflation stops there.
  /// - Parameter name: the member as quoted in errors.
  /// - Throws: `ZipArchive.Failure` for corrupt data (zlib's reason), a stream that ends
  ///   early or is cut short, or one that expands to more or fewer bytes than declared.
  static func raw(_ data: UnsafeBufferPointer<UInt8>, expectedSize: Int, name: String) throws(ZipArchive.Failure)
    -> [UInt8]
  {
    let capacity = expectedSize + 1
    guard data.count < Int(UInt32.max), capacity < Int(UInt32.max) else {
      throw ZipArchive.Failure(message: "\(name) is larger than zlib can expand in one call")
    }
    var stream = z_stream()
    guard scoreviz_inflate_init_raw(&stream) == Z_OK else {
      throw ZipArchive.Failure(message: "\(name): zlib could not start inflating")
    }
    defer { inflateEnd(&stream) }
    var status: Int32 = Z_OK
    let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
      var empty: UInt8 = 0
      withUnsafeMutablePointer(to: &empty) { emptyInput in
        stream.next_in = data.baseAddress.map { UnsafeMutablePointer(mutating: $0) } ?? emptyInput
        stream.avail_in = UInt32(data.count)
        stream.next_out = buffer.baseAddress
        stream.avail_out = UInt32(capacity)
        status = inflate(&stream, Z_FINISH)
      }
      count = Int(stream.total_out)
    }
    switch status {
    case Z_STREAM_END where output.count == expectedSize:
      return output
    case Z_STREAM_END:
      throw ZipArchive.Failure(
        message: "\(name) expands to \(output.count) bytes, but the archive declares \(expectedSize)")
    case Z_OK,
      Z_BUF_ERROR where stream.avail_out == 0:
      throw ZipArchive.Failure(message: "\(name) expands to more than the \(expectedSize) bytes the archive declares")
    case Z_OK, Z_BUF_ERROR:
      throw ZipArchive.Failure(message: "\(name): deflated data is truncated after \(output.count) bytes")
    default:
      let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
      throw ZipArchive.Failure(message: "\(name): deflated data is corrupt: \(reason)")
    }
  }
}
