// Zip archives (numpy's .npz layout) built byte by byte from the specification, for the reader tests.

/// Builds zip archives without a zip library: members stored, or deflated in stored or
/// fixed-Huffman blocks written bit by bit, with CRC-32 from its definition.
public enum ZipArchiveBuilder {
  /// One member to put in an archive; `method` 0 stores `contents`, 8 deflates them.
  public struct Entry: Sendable {
    public var name: String
    public var contents: [UInt8]
    public var method: UInt16

    /// A member named `name` holding `contents`, stored (`method` 0) or deflated (8).
    public init(name: String, contents: [UInt8], method: UInt16 = 0) {
      self.name = name
      self.contents = contents
      self.method = method
    }
  }

  static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
  static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * UInt32($0))) & 0xFF) } }

  /// The CRC-32 of `bytes` bit by bit from its definition (reflected polynomial 0xEDB88320).
  public static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  /// A deflate stream of `bytes` in stored blocks (RFC 1951 §3.2.4, BTYPE 00), valid input
  /// for any inflater without needing a compressor.
  public static func deflateStoredBlocks(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var start = 0
    repeat {
      let length = min(bytes.count - start, 65_535)
      let isLast = start + length == bytes.count
      out += [isLast ? 1 : 0] + le16(length) + le16(~length & 0xFFFF) + bytes[start..<start + length]
      start += length
    } while start < bytes.count
    return out
  }

  /// A fixed-Huffman deflate block (BTYPE 01) holding `count` zero bytes as a literal and
  /// length/distance pairs of 258 at distance 1: the densest deflate can be.
  public static func deflateZeros(count: Int) -> [UInt8] {
    var bits: [Bool] = []
    func put(_ value: Int, _ length: Int, reversed: Bool = false) {
      for i in 0..<length {
        bits.append(((value >> (reversed ? length - 1 - i : i)) & 1) == 1)
      }
    }
    put(1, 1)  // BFINAL
    put(1, 2)  // BTYPE 01
    put(0b0011_0000, 8, reversed: true)  // literal 0
    var remaining = count - 1
    while remaining >= 258 {
      put(0b1100_0101, 8, reversed: true)  // length code 285 = 258
      put(0, 5, reversed: true)  // distance code 0 = 1
      remaining -= 258
    }
    for _ in 0..<remaining { put(0b0011_0000, 8, reversed: true) }
    put(0, 7, reversed: true)  // end of block, code 256
    var out = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
    for (i, bit) in bits.enumerated() where bit { out[i / 8] |= 1 << (i % 8) }
    return out
  }

  /// A zip archive with `entries`, laid out as numpy's zipfile writes it (zip64 extra field in
  /// each local header, sizes there 0xFFFFFFFF); `declared` overrides the central
  /// directory's uncompressed sizes, `compressed` the deflated bytes.
  public static func archive(_ entries: [Entry], declared: [Int?]? = nil, compressed: [[UInt8]?]? = nil) -> [UInt8] {
    var bytes: [UInt8] = []
    var central: [UInt8] = []
    for (index, entry) in entries.enumerated() {
      let name = Array(entry.name.utf8)
      let data =
        compressed?[index] ?? (entry.method == 8 ? deflateStoredBlocks(entry.contents) : entry.contents)
      let size = declared?[index] ?? entry.contents.count
      let crc = crc32(entry.contents)
      let offset = UInt32(bytes.count)
      let zip64Extra = le16(1) + le16(16) + le32(UInt32(size)) + le32(0) + le32(UInt32(data.count)) + le32(0)
      bytes += le32(0x0403_4B50) + le16(45) + le16(0) + le16(Int(entry.method)) + le16(0) + le16(0x21)
      bytes += le32(crc) + le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) + le16(name.count) + le16(zip64Extra.count)
      bytes += name + zip64Extra + data
      central += le32(0x0201_4B50) + le16(45) + le16(45) + le16(0) + le16(Int(entry.method)) + le16(0) + le16(0x21)
      central += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(size)) + le16(name.count) + le16(0) + le16(0)
      central += le16(0) + le16(0) + le32(0x0180_0000) + le32(offset) + name
    }
    let directoryOffset = bytes.count
    bytes += central
    bytes += le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
    bytes += le32(UInt32(central.count)) + le32(UInt32(directoryOffset)) + le16(0)
    return bytes
  }

  /// An empty archive whose end record defers to zip64 end records that claim `members`.
  public static func zip64EndRecords(members: UInt64) -> [UInt8] {
    func le64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8((value >> (8 * UInt64($0))) & 0xFF) } }
    let record = le32(0x0606_4B50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0) + le64(members) + le64(members)
    let locator = le32(0x0706_4B50) + le32(0) + le64(0) + le32(1)
    let end =
      le32(0x0605_4B50) + le16(0) + le16(0) + le16(0xFFFF) + le16(0xFFFF) + le32(0) + le32(0xFFFF_FFFF) + le16(0)
    return record + le64(0) + le64(UInt64(record.count + 16)) + locator + end
  }
}
