// NPZ archives built byte by byte from the zip specification, stored and deflated, and broken ones.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct NumpyArchiveReaderTests {
  typealias Entry = ZipArchiveBuilder.Entry
  let files = TemporaryFiles()

  static let values: [Double] = [0.5, -1.25, 1e-7, 2.5, 123.456, -7]
  static let points: [SIMD2<Double>] = [SIMD2(0.5, -1.25), SIMD2(1e-7, 2.5), SIMD2(123.456, -7)]
  static let npy = NumpyArrayReaderTests.npyFile(
    dictionary: NumpyArrayReaderTests.dictionary(shape: "(3, 2)"), data: NumpyArrayReaderTests.float64Bytes(values))
  static let otherNpy = NumpyArrayReaderTests.npyFile(
    dictionary: NumpyArrayReaderTests.dictionary(descr: "'<f4'", shape: "(2, 2)"),
    data: NumpyArrayReaderTests.float32Bytes([4, 8, 16, 32]))

  func read(_ bytes: [UInt8], key: String? = nil, name: String = "arrays.npz") throws -> PointFileContents {
    try PointFileReader.read(path: files.write(name, bytes: bytes), arrayKey: key)
  }

  func message(_ bytes: [UInt8], key: String? = nil, name: String = "arrays.npz") -> String {
    do {
      _ = try read(bytes, key: key, name: name)
      return "read without error"
    } catch {
      return "\(error)".replacingOccurrences(of: files.folder + "/", with: "")
    }
  }

  @Test func crcOfTheCheckValue() {
    // The CRC-32 check value of the catalogue of parametrised CRC algorithms.
    #expect(ZipArchiveBuilder.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
  }

  @Test func storedSingleArrayIsReadWithoutKey() throws {
    let contents = try read(ZipArchiveBuilder.archive([Entry(name: "arr_0.npy", contents: Self.npy)]))
    #expect(contents.points == Self.points)
  }

  @Test(arguments: [0, 8] as [UInt16])
  func keyChoosesAmongSeveral(method: UInt16) throws {
    let bytes = ZipArchiveBuilder.archive([
      Entry(name: "a.npy", contents: Self.otherNpy, method: method),
      Entry(name: "b.npy", contents: Self.npy, method: method),
    ])
    #expect(try read(bytes, key: "b").points == Self.points)
    #expect(try read(bytes, key: "a").points == [SIMD2(4, 8), SIMD2(16, 32)])
    #expect(message(bytes) == "arrays.npz: holds 2 arrays, choose one with --key: 'a', 'b'")
    #expect(message(bytes, key: "c") == "arrays.npz: no array 'c': its arrays are 'a', 'b'")
  }

  @Test func densestDeflateIsInflated() throws {
    let zeros = NumpyArrayReaderTests.npyFile(
      dictionary: NumpyArrayReaderTests.dictionary(shape: "(700, 2)"),
      data: [UInt8](repeating: 0, count: 700 * 16))
    let header = Array(zeros.prefix(zeros.count - 700 * 16))
    // The header in a stored block (made not final) followed by the block of runs.
    var stream = ZipArchiveBuilder.deflateStoredBlocks(header)
    stream[0] = 0
    stream += ZipArchiveBuilder.deflateZeros(count: 700 * 16)
    let bytes = ZipArchiveBuilder.archive([Entry(name: "z.npy", contents: zeros, method: 8)], compressed: [stream])
    let contents = try read(bytes)
    #expect(contents.points.count == 700)
    #expect(contents.points.allSatisfy { $0 == .zero })
  }

  @Test func standardInputStyleBytesAreDetectedByMagic() throws {
    let bytes = ZipArchiveBuilder.archive([Entry(name: "only.npy", contents: Self.npy, method: 8)])
    #expect(try PointFileReader.parse(bytes, file: "-").points == Self.points)
  }

  @Test func brokenArchivesAreRefusedWithTheirReason() {
    let good = ZipArchiveBuilder.archive([Entry(name: "b.npy", contents: Self.npy, method: 8)])
    var badCRC = good
    // The first data byte of the stored deflate block's payload (after 30 + 5 + 20 + 5 header bytes).
    badCRC[30 + 5 + 20 + 5 + 10] ^= 0xFF
    #expect(message(badCRC).hasPrefix("arrays.npz: 'b.npy': CRC-32 mismatch: the archive says 0x"))
    #expect(
      message(Array(good.prefix(good.count - 10)))
        == "arrays.npz: not a zip archive, or truncated: no end of central directory record")
    #expect(
      message(Array(good.prefix(10)), name: "cut.npz")
        == "cut.npz: not a zip archive: 10 bytes, fewer than an end record's 22")
    #expect(message(Array("x,y\n1,2\n".utf8)).hasPrefix("arrays.npz: not a zip archive"))
    let notNumpy = ZipArchiveBuilder.archive([Entry(name: "t.npy", contents: Array("abcdefgh".utf8))])
    #expect(message(notNumpy) == "arrays.npz: array 't': header: bad magic 'abcdef', expected '\\x93NUMPY'")
    let noArrays = ZipArchiveBuilder.archive([Entry(name: "readme.txt", contents: [1, 2])])
    #expect(message(noArrays) == "arrays.npz: the archive holds no .npy arrays")
    let unknownMethod = ZipArchiveBuilder.archive(
      [Entry(name: "b.npy", contents: Self.npy, method: 12)], compressed: [Self.npy])
    #expect(
      message(unknownMethod)
        == "arrays.npz: 'b.npy' uses compression method 12; only stored (0) and deflated (8) are read")
    let corrupt = ZipArchiveBuilder.archive(
      [Entry(name: "b.npy", contents: Self.npy, method: 8)], compressed: [[0xFF, 0xFF, 0xFF]])
    #expect(message(corrupt).hasPrefix("arrays.npz: 'b.npy': deflated data is corrupt: "))
    let cut = ZipArchiveBuilder.archive(
      [Entry(name: "b.npy", contents: Self.npy, method: 8)],
      compressed: [Array(ZipArchiveBuilder.deflateStoredBlocks(Self.npy).prefix(40))])
    #expect(message(cut) == "arrays.npz: 'b.npy': deflated data is truncated after 35 bytes")
  }

  @Test func declaredSizesAreBoundedBeforeAllocating() {
    // A bomb: 2 GiB declared from 4 bytes, more than deflate can expand them to.
    let run = ZipArchiveBuilder.deflateZeros(count: 259)
    let bomb = ZipArchiveBuilder.archive(
      [Entry(name: "b.npy", contents: Self.npy, method: 8)], declared: [Int(Int32.max)], compressed: [run])
    #expect(
      message(bomb)
        == "arrays.npz: 'b.npy' declares 2147483647 bytes from \(run.count) compressed, more than deflate can expand to"
    )
    let over = ZipArchiveBuilder.archive([Entry(name: "b.npy", contents: Self.npy)], declared: [Int(UInt32.max) - 1])
    #expect(message(over).hasPrefix("arrays.npz: 'b.npy' expands to 4294967294 bytes, more than 2147483648"))
    let short = ZipArchiveBuilder.archive(
      [Entry(name: "b.npy", contents: Self.npy, method: 8)], declared: [Self.npy.count - 1])
    #expect(
      message(short)
        == "arrays.npz: 'b.npy' expands to \(Self.npy.count) bytes, but the archive declares \(Self.npy.count - 1)")
    let shorter = ZipArchiveBuilder.archive(
      [Entry(name: "b.npy", contents: Self.npy, method: 8)], declared: [Self.npy.count - 2])
    #expect(
      message(shorter)
        == "arrays.npz: 'b.npy' expands to more than the \(Self.npy.count - 2) bytes the archive declares")
    let long = ZipArchiveBuilder.archive(
      [Entry(name: "b.npy", contents: Self.npy, method: 8)], declared: [Self.npy.count + 1])
    #expect(
      message(long)
        == "arrays.npz: 'b.npy' expands to \(Self.npy.count) bytes, but the archive declares \(Self.npy.count + 1)")
    #expect(
      message(ZipArchiveBuilder.zip64EndRecords(members: 65_536))
        == "arrays.npz: 65536 members, more than 65535, the most an archive may have")
    #expect(message(ZipArchiveBuilder.zip64EndRecords(members: 0)) == "arrays.npz: the archive holds no .npy arrays")
  }

  @Test func arrayErrorsNameTheArray() {
    let wide = NumpyArrayReaderTests.npyFile(
      dictionary: NumpyArrayReaderTests.dictionary(shape: "(2, 3)"),
      data: NumpyArrayReaderTests.float64Bytes([1, 2, 3, 4, 5, 6]))
    let bytes = ZipArchiveBuilder.archive([Entry(name: "w.npy", contents: wide)])
    #expect(
      message(bytes)
        == "arrays.npz: array 'w': shape (2, 3) has 3 columns (indices 0 to 2); choose two with --columns")
  }
}
