// NPY files built byte by byte from the format specification, plus files written by numpy itself.

import Foundation
import ScoreCore
import Testing

@Suite struct NumpyArrayReaderTests {
  let files = TemporaryFiles()

  /// An NPY file as the format specification lays it out: magic, version, header length
  /// (UInt16 LE for 1.x, UInt32 LE for 2.x and 3.x), the dictionary padded with spaces to a
  /// 64-byte boundary and ended by a newline, then `data`.
  static func npyFile(major: UInt8 = 1, minor: UInt8 = 0, dictionary: String, data: [UInt8]) -> [UInt8] {
    let lengthSize = major == 1 ? 2 : 4
    let dictionaryBytes = Array(dictionary.utf8)
    let unpadded = 8 + lengthSize + dictionaryBytes.count + 1
    let padding = (64 - unpadded % 64) % 64
    let headerLength = dictionaryBytes.count + padding + 1
    var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, major, minor]
    for i in 0..<lengthSize { bytes.append(UInt8((headerLength >> (8 * i)) & 0xFF)) }
    bytes += dictionaryBytes + [UInt8](repeating: 0x20, count: padding) + [0x0A]
    return bytes + data
  }

  /// The IEEE bytes of `values` as float64, little or big endian.
  static func float64Bytes(_ values: [Double], bigEndian: Bool = false) -> [UInt8] {
    values.flatMap { value -> [UInt8] in
      let bits = value.bitPattern
      let little = (0..<8).map { UInt8((bits >> (8 * $0)) & 0xFF) }
      return bigEndian ? little.reversed() : little
    }
  }

  /// The IEEE bytes of `values` as float32, little or big endian.
  static func float32Bytes(_ values: [Float], bigEndian: Bool = false) -> [UInt8] {
    values.flatMap { value -> [UInt8] in
      let bits = value.bitPattern
      let little = (0..<4).map { UInt8((bits >> (8 * $0)) & 0xFF) }
      return bigEndian ? little.reversed() : little
    }
  }

  static func dictionary(descr: String = "'<f8'", fortran: String = "False", shape: String) -> String {
    "{'descr': \(descr), 'fortran_order': \(fortran), 'shape': \(shape), }"
  }

  /// Row-major values of a 3 × 2 array and the points they hold.
  let rowMajor: [Double] = [0.5, -1.25, 1e-7, 2.5, 123.456, -7]
  let expected: [SIMD2<Double>] = [SIMD2(0.5, -1.25), SIMD2(1e-7, 2.5), SIMD2(123.456, -7)]

  func read(_ bytes: [UInt8], columns: [ColumnSelector]? = nil, dropMissing: Bool = false) throws -> PointFileContents {
    try PointFileReader.read(path: files.write("array.npy", bytes: bytes), columns: columns, dropMissing: dropMissing)
  }

  func readError(_ bytes: [UInt8], columns: [ColumnSelector]? = nil, dropMissing: Bool = false) -> DatasetError? {
    do {
      _ = try read(bytes, columns: columns, dropMissing: dropMissing)
      return nil
    } catch {
      return error as? DatasetError
    }
  }

  // MARK: - Accepted files

  @Test(arguments: [(UInt8(1), UInt8(0)), (2, 0), (3, 0)])
  func versions(major: UInt8, minor: UInt8) throws {
    let bytes = Self.npyFile(
      major: major, minor: minor, dictionary: Self.dictionary(shape: "(3, 2)"), data: Self.float64Bytes(rowMajor))
    let contents = try read(bytes)
    #expect(contents.points == expected)
    #expect(contents.format == .npy)
    #expect(contents.header == nil)
  }

  @Test(arguments: ["'<f8'", "'>f8'", "'=f8'", "'|f8'", "'f8'", "\"<f8\""])
  func float64ByteOrders(descr: String) throws {
    let bigEndian = descr.contains(">")
    let bytes = Self.npyFile(
      dictionary: Self.dictionary(descr: descr, shape: "(3, 2)"),
      data: Self.float64Bytes(rowMajor, bigEndian: bigEndian))
    #expect(try read(bytes).points == expected)
  }

  /// float32 values widen exactly, so the expected points are the Float values as Doubles.
  @Test(arguments: ["'<f4'", "'>f4'"])
  func float32ByteOrders(descr: String) throws {
    let values = rowMajor.map { Float($0) }
    let bytes = Self.npyFile(
      dictionary: Self.dictionary(descr: descr, shape: "(3, 2)"),
      data: Self.float32Bytes(values, bigEndian: descr.contains(">")))
    let widened = stride(from: 0, to: values.count, by: 2).map { SIMD2(Double(values[$0]), Double(values[$0 + 1])) }
    #expect(try read(bytes).points == widened)
  }

  /// Fortran order stores column by column: all x, then all y.
  @Test func fortranOrder() throws {
    let columnMajor = expected.map(\.x) + expected.map(\.y)
    let bytes = Self.npyFile(
      dictionary: Self.dictionary(fortran: "True", shape: "(3, 2)"), data: Self.float64Bytes(columnMajor))
    #expect(try read(bytes).points == expected)
  }

  /// A (4, 3) array read with columns 2 and 0, in C and in Fortran order.
  @Test func threeColumnsChosenByIndex() throws {
    let rows: [[Double]] = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]
    let want: [SIMD2<Double>] = rows.map { SIMD2($0[2], $0[0]) }
    let cOrder = Self.npyFile(
      dictionary: Self.dictionary(shape: "(4, 3)"), data: Self.float64Bytes(rows.flatMap { $0 }))
    #expect(try read(cOrder, columns: [.index(2), .index(0)]).points == want)
    #expect(readError(cOrder)?.message == "shape (4, 3) has 3 columns (indices 0 to 2); choose two with --columns")
    #expect(try read(cOrder, columns: [.index(0), .index(1)]).points == rows.map { SIMD2($0[0], $0[1]) })
    let columnMajor = (0..<3).flatMap { j in rows.map { $0[j] } }
    let fortran = Self.npyFile(
      dictionary: Self.dictionary(fortran: "True", shape: "(4, 3)"), data: Self.float64Bytes(columnMajor))
    #expect(try read(fortran, columns: [.index(2), .index(0)]).points == want)
  }

  /// The header is a Python literal: any key order, spacing, quotes, trailing commas.
  @Test(arguments: [
    "{'shape': (3, 2), 'fortran_order': False, 'descr': '<f8'}",
    "{ \"descr\" : \"<f8\" ,\"fortran_order\":False,\"shape\":(3,2) , }",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2,), }",
    "{'descr':'<f8','fortran_order':False,'shape':(3L, 2L)}",
    "\n{'fortran_order': False,\n 'shape': ( 3 , 2 ),\n 'descr': '<f8',\n}",
  ])
  func headerLiteralForms(dictionary: String) throws {
    let bytes = Self.npyFile(dictionary: dictionary, data: Self.float64Bytes(rowMajor))
    #expect(try read(bytes).points == expected)
  }

  @Test func bytesAfterTheArrayAreIgnored() throws {
    let bytes = Self.npyFile(dictionary: Self.dictionary(shape: "(3, 2)"), data: Self.float64Bytes(rowMajor + [99]))
    #expect(try read(bytes).points == expected)
  }

  // MARK: - Files written by numpy

  /// `np.save` of a (4, 3) little-endian float64 array (see Fixtures); values as in the
  /// Python source that wrote it.
  @Test func numpyWrittenFloat64() throws {
    let path = fixturePath("numpy-f8-4x3.npy")
    let contents = try PointFileReader.read(path: path, columns: [.index(0), .index(1)])
    #expect(contents.points == [SIMD2(0.5, -1.25), SIMD2(1e-7, 2.5), SIMD2(123.456, -7.0), SIMD2(0.1, 0.2)])
    let last = try PointFileReader.read(path: path, columns: [.index(2), .index(1)])
    #expect(last.points == [SIMD2(3.0, -1.25), SIMD2(-0.0, 2.5), SIMD2(1e10, -7.0), SIMD2(0.3, 0.2)])
  }

  /// `np.save` of a Fortran-ordered big-endian float32 (3, 2) array; every value is exact in
  /// float32.
  @Test func numpyWrittenBigEndianFloat32Fortran() throws {
    let contents = try PointFileReader.read(path: fixturePath("numpy-bigendian-f4-fortran-3x2.npy"))
    #expect(contents.points == [SIMD2(1.5, -2.0), SIMD2(0.25, 4.0), SIMD2(-3.75, 0.125)])
  }

  // MARK: - Malformed files

  func headerError(_ bytes: [UInt8]) -> String? {
    readError(bytes).map { $0.description.replacingOccurrences(of: files.path("array.npy"), with: "array.npy") }
  }

  @Test func badMagicInAFileNamedNpy() {
    var bytes = Self.npyFile(dictionary: Self.dictionary(shape: "(3, 2)"), data: Self.float64Bytes(rowMajor))
    bytes[5] = UInt8(ascii: "X")
    #expect(headerError(bytes) == "array.npy: header: bad magic '\\x93NUMPX', expected '\\x93NUMPY'")
    #expect(readError(bytes)?.exitCode == 65)
  }

  @Test func unsupportedVersion() {
    let four = Self.npyFile(major: 4, dictionary: Self.dictionary(shape: "(3, 2)"), data: Self.float64Bytes(rowMajor))
    #expect(headerError(four) == "array.npy: header: unsupported format version 4.0, expected 1.0, 2.0 or 3.0")
    let oneOne = Self.npyFile(minor: 1, dictionary: Self.dictionary(shape: "(3, 2)"), data: Self.float64Bytes(rowMajor))
    #expect(headerError(oneOne) == "array.npy: header: unsupported format version 1.1, expected 1.0, 2.0 or 3.0")
  }

  @Test func fileEndsInsideTheHeader() {
    let whole = Self.npyFile(dictionary: Self.dictionary(shape: "(3, 2)"), data: [])
    #expect(
      headerError(Array(whole.prefix(40))) == "array.npy: header: truncated: expected 128 bytes of header, found 40")
    #expect(
      headerError(Array(whole.prefix(9)))
        == "array.npy: header: truncated: expected at least 10 bytes of header, found 9")
  }

  /// Character positions count from the dictionary's opening brace; they were counted by
  /// hand (the text ends after 54 characters: 15 written, 38 spaces of padding, a newline).
  @Test(arguments: [
    (
      "{'descr': '<i2', 'fortran_order': False, 'shape': (3, 2), }",
      "unsupported dtype '<i2', expected float32 or float64: '<f4', '<f8', '>f4' or '>f8'"
    ),
    (
      "{'descr': '<c16', 'fortran_order': False, 'shape': (3, 2), }",
      "unsupported dtype '<c16', expected float32 or float64: '<f4', '<f8', '>f4' or '>f8'"
    ),
    (
      "{'descr': [('x', '<f8'), ('y', '<f8')], 'fortran_order': False, 'shape': (3,), }",
      "unsupported dtype [('x', '<f8'), ('y', '<f8')], expected float32 or float64: '<f4', '<f8', '>f4' or '>f8'"
    ),
    (
      "{'descr': '<f8', 'fortran_order': 'no', 'shape': (3, 2), }",
      "fortran_order must be True or False, found 'no'"
    ),
    (
      "{'descr': '<f8', 'fortran_order': False, 'shape': [3, 2], }",
      "shape must be a tuple, found [3, 2]"
    ),
    (
      "{'descr': '<f8', 'fortran_order': False, 'shape': (-3, 2), }",
      "shape (-3, 2) must hold non-negative integers"
    ),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (10,), }", "shape (10,) needs 2 columns"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 1), }", "shape (3, 1) needs 2 columns"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", "shape () needs 2 columns"),
    (
      "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3, 2), }",
      "shape (1, 3, 2) has 3 dimensions, expected (N, 2)"
    ),
    ("{'descr': '<f8', 'fortran_order': False, }", "missing key 'shape'"),
    ("{'fortran_order': False, 'shape': (3, 2)}", "missing key 'descr'"),
    ("{'descr': '<f8', 'shape': (3, 2)}", "missing key 'fortran_order'"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), 'extra': 1}", "unexpected key 'extra'"),
    ("['<f8', False, (3, 2)]", "expected a dictionary, found ['<f8', False, (3, 2)]"),
    (
      "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2}",
      "expected ',' or ')' at character 56 of the dictionary"
    ),
    (
      "{'descr': '<f8' 'fortran_order': False}",
      "expected ',' or '}' in the dictionary at character 17 of the dictionary"
    ),
    (
      "{'descr': '<f8, 'fortran_order': False, 'shape': (3, 2)}",
      "expected ',' or '}' in the dictionary at character 18 of the dictionary"
    ),
    (
      "{'descr': '<f8', 'fortran_order': false, 'shape': (3, 2)}",
      "unexpected 'false' at character 35 of the dictionary"
    ),
    (
      "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2)} x",
      "unexpected 'x' after the dictionary at character 59 of the dictionary"
    ),
    ("{'descr': '<f8'", "unexpected end of header at character 55 of the dictionary"),
  ])
  func malformedHeaders(dictionary: String, message: String) {
    let bytes = Self.npyFile(dictionary: dictionary, data: Self.float64Bytes(rowMajor))
    #expect(headerError(bytes) == "array.npy: header: " + message)
  }

  @Test func truncatedData() {
    let bytes = Self.npyFile(dictionary: Self.dictionary(shape: "(4, 2)"), data: Self.float64Bytes(rowMajor))
    #expect(headerError(bytes) == "array.npy: truncated data: expected 64 bytes for shape (4, 2), found 48")
  }

  @Test func missingAndInfiniteValues() throws {
    let values: [Double] = [0.5, -1.25, .nan, 2.5, 123.456, -7, 1, .infinity, 3, 4]
    let bytes = Self.npyFile(dictionary: Self.dictionary(shape: "(5, 2)"), data: Self.float64Bytes(values))
    #expect(headerError(bytes) == "array.npy: missing value 'nan' at index [1, 0]")
    let contents = try read(bytes, dropMissing: true)
    #expect(contents.points == [SIMD2(0.5, -1.25), SIMD2(123.456, -7), SIMD2(3, 4)])
    #expect(contents.droppedRows == 2)
    let infinite = Self.npyFile(
      dictionary: Self.dictionary(shape: "(3, 2)"), data: Self.float64Bytes([1, 2, 3, -.infinity, 5, 6]))
    #expect(headerError(infinite) == "array.npy: infinite value '-inf' at index [1, 1]")
  }

  @Test func columnsThatDoNotFit() {
    let bytes = Self.npyFile(dictionary: Self.dictionary(shape: "(3, 2)"), data: Self.float64Bytes(rowMajor))
    let byName = readError(bytes, columns: [.name("x"), .name("y")])
    #expect(byName?.exitCode == 64)
    let outOfRange = readError(bytes, columns: [.index(0), .index(2)])
    #expect(outOfRange?.exitCode == 64)
    #expect(outOfRange?.message == "column index 2 is out of range: the array has 2 columns (0 to 1)")
    #expect(readError(bytes, columns: [.index(-1), .index(0)])?.exitCode == 64)
  }

  @Test func fewerThanTwoPoints() {
    let bytes = Self.npyFile(dictionary: Self.dictionary(shape: "(1, 2)"), data: Self.float64Bytes([1, 2]))
    #expect(headerError(bytes) == "array.npy: expected at least 2 points, found 1")
  }
}
