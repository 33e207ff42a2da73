// The CRC-32 that zip archives check their members with, computed by the system's zlib.

import CZlib

/// zlib's `crc32`: the ISO-HDLC CRC-32 (polynomial 0xEDB88320 reflected) that zip stores.
enum CRC32 {
  /// The checksum of `bytes`; `crc32` takes at most 4 GiB a call, so larger inputs go in parts.
  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { buffer in
      var crc = crc32(0, nil, 0)
      var start = 0
      while start < buffer.count {
        let length = min(buffer.count - start, 1 << 30)
        crc = crc32(crc, buffer.baseAddress! + start, UInt32(length))
        start += length
      }
      return UInt32(crc)
    }
  }
}
