// The members of a zip archive held in memory (numpy's .npz), found from its central directory.

/// A zip archive's table of contents, read from the central directory at its end.
///
/// Only what numpy's `np.savez` and `np.savez_compressed` write is needed, and that is what
/// is accepted: members stored (method 0) or deflated (method 8), unencrypted, in one disk;
/// zip64 end records and zip64 extra fields (numpy forces the extra field into every local
/// header) are read. Sizes and offsets come from the central directory; the local header is
/// read only to find where a member's data begins.
///
/// Every count and offset is checked against the bytes at hand before it is used, so a
/// malformed archive is an error, never an out-of-bounds read or a large allocation.
///
/// ```
/// let archive = try bytes.withUnsafeBufferPointer { try ZipArchive(bytes: $0) }
/// let member = archive.members[0]
/// let contents = try bytes.withUnsafeBufferPointer { try archive.extract(member, from: $0) }
/// ```
public struct ZipArchive: Sendable {
  /// One file inside the archive, as the central directory describes it.
  public struct Member: Sendable, Equatable {
    /// The member's name (`b.npy`), decoded as UTF-8 with invalid bytes replaced.
    public var name: String
    /// 0 stored, 8 deflated.
    public var method: UInt16
    /// The CRC-32 of the uncompressed bytes.
    public var checksum: UInt32
    /// The bytes the member takes in the archive.
    public var compressedSize: Int
    /// The bytes it has once extracted.
    public var uncompressedSize: Int
    /// Where its local header starts.
    public var localHeaderOffset: Int
  }

  /// Why an archive or a member could not be read; `message` says what and where.
  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    /// A sentence-case message without a final period.
    public var message: String
    /// The message.
    public var description: String { message }
  }

  /// The most members an archive may have: 65,535, the count a zip without zip64 records holds.
  public static let largestMemberCount = 65_535

  /// The most a deflate stream expands, 1032 to 1 (a run of one byte repeated), plus room for
  /// a tiny stream's fixed overhead: a member declaring more than this is refused before
  /// anything is allocated for it, as no deflate stream can produce it.
  static func largestInflatedSize(compressedSize: Int) -> Int {
    let (product, overflow) = compressedSize.multipliedReportingOverflow(by: 1032)
    return overflow ? Int.max : product + 1024
  }

  /// The members, in central-directory order.
  public let members: [Member]

  /// Reads the central directory of the archive in `bytes`.
  ///
  /// - Throws: `Failure` when there is no end-of-central-directory record, a count or offset
  ///   points outside `bytes`, a record's signature is wrong, or there are more than
  ///   `largestMemberCount` members.
  public init(bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
    let reader = LittleEndianBytes(bytes: bytes)
    let end = try Self.endRecord(reader)
    var members: [Member] = []
    members.reserveCapacity(end.count)
    var offset = end.directoryOffset
    for index in 0..<end.count {
      guard reader.has(46, at: offset), reader.uint32(at: offset) == 0x0201_4B50 else {
        throw Failure(message: "central directory entry \(index + 1) at byte \(offset) is missing or malformed")
      }
      let flags = reader.uint16(at: offset + 8)
      let method = reader.uint16(at: offset + 10)
      let checksum = reader.uint32(at: offset + 16)
      var compressedSize = Int(reader.uint32(at: offset + 20))
      var uncompressedSize = Int(reader.uint32(at: offset + 24))
      let nameLength = Int(reader.uint16(at: offset + 28))
      let extraLength = Int(reader.uint16(at: offset + 30))
      let commentLength = Int(reader.uint16(at: offset + 32))
      var localHeaderOffset = Int(reader.uint32(at: offset + 42))
      let nameStart = offset + 46
      let next = nameStart + nameLength + extraLength + commentLength
      guard next <= bytes.count else {
        throw Failure(message: "central directory entry \(index + 1) runs past the end of the file")
      }
      let name = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameStart + nameLength]), as: UTF8.self)
      // The zip64 extra field (id 1) holds, in this order, each 32-bit field that is 0xFFFFFFFF.
      var extra = nameStart + nameLength
      let extraEnd = extra + extraLength
      while extra + 4 <= extraEnd {
        let id = reader.uint16(at: extra)
        let size = Int(reader.uint16(at: extra + 2))
        let body = extra + 4
        guard body + size <= extraEnd else { break }
        if id == 1 {
          var field = body
          func wide() throws(Failure) -> Int {
            guard field + 8 <= body + size else {
              throw Failure(message: "\(EscapedText.quoted(name)): zip64 extra field is too short")
            }
            defer { field += 8 }
            return try Self.offset(reader.uint64(at: field), name: name)
          }
          if uncompressedSize == 0xFFFF_FFFF { uncompressedSize = try wide() }
          if compressedSize == 0xFFFF_FFFF { compressedSize = try wide() }
          if localHeaderOffset == 0xFFFF_FFFF { localHeaderOffset = try wide() }
        }
        extra = body + size
      }
      if flags & 1 != 0 {
        throw Failure(message: "\(EscapedText.quoted(name)) is encrypted")
      }
      members.append(
        Member(
          name: name, method: method, checksum: checksum, compressedSize: compressedSize,
          uncompressedSize: uncompressedSize, localHeaderOffset: localHeaderOffset))
      offset = next
    }
    self.members = members
  }

  /// The bytes of `member`, extracted from the archive in `bytes` and checked against its CRC-32.
  ///
  /// - Parameter limit: the most uncompressed bytes accepted; a member declaring more is
  ///   refused before anything is allocated.
  /// - Throws: `Failure` for an unknown compression method, a member beyond the end of
  ///   `bytes`, a declared size above `limit` or beyond what deflate can expand to, deflated
  ///   data that is corrupt, truncated or of another length than declared, or a CRC mismatch.
  public func extract(_ member: Member, from bytes: UnsafeBufferPointer<UInt8>, limit: Int) throws(Failure)
    -> [UInt8]
  {
    let name = EscapedText.quoted(member.name)
    let reader = LittleEndianBytes(bytes: bytes)
    let header = member.localHeaderOffset
    guard reader.has(30, at: header), reader.uint32(at: header) == 0x0403_4B50 else {
      throw Failure(message: "\(name): local header at byte \(header) is missing or malformed")
    }
    let dataStart = header + 30 + Int(reader.uint16(at: header + 26)) + Int(reader.uint16(at: header + 28))
    guard member.compressedSize <= bytes.count, dataStart <= bytes.count - member.compressedSize else {
      throw Failure(
        message:
          "\(name): truncated: \(member.compressedSize) bytes of data at byte \(dataStart) run past the end of the file"
      )
    }
    guard member.uncompressedSize <= limit else {
      throw Failure(
        message: "\(name) expands to \(member.uncompressedSize) bytes, more than \(limit), the most accepted")
    }
    let data = UnsafeBufferPointer(rebasing: bytes[dataStart..<dataStart + member.compressedSize])
    let contents: [UInt8]
    switch member.method {
    case 0:
      guard member.compressedSize == member.uncompressedSize else {
        throw Failure(
          message:
            "\(name) is stored uncompressed but its sizes differ: \(member.compressedSize) and \(member.uncompressedSize)"
        )
      }
      contents = Array(data)
    case 8:
      guard member.uncompressedSize <= Self.largestInflatedSize(compressedSize: member.compressedSize) else {
        throw Failure(
          message:
            "\(name) declares \(member.uncompressedSize) bytes from \(member.compressedSize) compressed, more than deflate can expand to"
        )
      }
      contents = try Inflate.raw(data, expectedSize: member.uncompressedSize, name: name)
    default:
      throw Failure(
        message: "\(name) uses compression method \(member.method); only stored (0) and deflated (8) are read")
    }
    let found = CRC32.checksum(contents)
    guard found == member.checksum else {
      throw Failure(
        message: "\(name): CRC-32 mismatch: the archive says \(hex(member.checksum)), the data gives \(hex(found))")
    }
    return contents
  }

  private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }

  /// A 64-bit size or offset from the archive as an Int, refused when it cannot be one.
  private static func offset(_ value: UInt64, name: String) throws(Failure) -> Int {
    guard value <= UInt64(Int.max) else {
      throw Failure(message: "\(EscapedText.quoted(name)): zip64 size or offset \(value) is out of range")
    }
    return Int(value)
  }

  /// The member count and where the central directory starts, from the end record (and the
  /// zip64 end record when the plain one says to look there).
  private static func endRecord(_ reader: LittleEndianBytes) throws(Failure) -> (count: Int, directoryOffset: Int) {
    let count = reader.bytes.count
    guard count >= 22 else {
      throw Failure(message: "not a zip archive: \(count) bytes, fewer than an end record's 22")
    }
    // The end record is the last 22 bytes plus a comment of at most 65,535.
    var end = count - 22
    let earliest = max(0, count - 22 - 65_535)
    while end >= earliest {
      if reader.uint32(at: end) == 0x0605_4B50 && end + 22 + Int(reader.uint16(at: end + 20)) == count { break }
      end -= 1
    }
    guard end >= earliest else {
      throw Failure(message: "not a zip archive, or truncated: no end of central directory record")
    }
    var members = Int(reader.uint16(at: end + 10))
    var directoryOffset = Int(reader.uint32(at: end + 16))
    if members == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
      // The zip64 end locator sits just before the end record and points at the zip64 end record.
      // A plain archive of exactly 65,535 members has no locator.
      let locator = end - 20
      let hasLocator = locator >= 0 && reader.uint32(at: locator) == 0x0706_4B50
      guard hasLocator || directoryOffset != 0xFFFF_FFFF else {
        throw Failure(message: "zip64 end of central directory locator is missing")
      }
    }
    if members == 0xFFFF || directoryOffset == 0xFFFF_FFFF, end >= 20, reader.uint32(at: end - 20) == 0x0706_4B50 {
      let locator = end - 20
      let record64 = try offset(reader.uint64(at: locator + 8), name: "zip64 end record")
      guard reader.has(56, at: record64), reader.uint32(at: record64) == 0x0606_4B50 else {
        throw Failure(message: "zip64 end of central directory record at byte \(record64) is missing or malformed")
      }
      let members64 = reader.uint64(at: record64 + 32)
      guard members64 <= UInt64(largestMemberCount) else {
        throw Failure(message: "\(members64) members, more than \(largestMemberCount), the most an archive may have")
      }
      members = Int(members64)
      directoryOffset = try offset(reader.uint64(at: record64 + 48), name: "zip64 end record")
    }
    guard members <= largestMemberCount else {
      throw Failure(message: "\(members) members, more than \(largestMemberCount), the most an archive may have")
    }
    guard directoryOffset <= count else {
      throw Failure(message: "central directory offset \(directoryOffset) is past the end of the file (\(count) bytes)")
    }
    return (members, directoryOffset)
  }
}

/// Little-endian integers at byte offsets of a buffer; callers check `has` first.
private struct LittleEndianBytes {
  let bytes: UnsafeBufferPointer<UInt8>

  /// Whether `length` bytes start at `offset`.
  func has(_ length: Int, at offset: Int) -> Bool {
    offset >= 0 && offset <= bytes.count - length
  }

  func uint16(at offset: Int) -> UInt16 {
    UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
  }

  func uint32(at offset: Int) -> UInt32 {
    UInt32(uint16(at: offset)) | UInt32(uint16(at: offset + 2)) << 16
  }

  func uint64(at offset: Int) -> UInt64 {
    UInt64(uint32(at: offset)) | UInt64(uint32(at: offset + 4)) << 32
  }
}
