// Data files made to hurt the reader: deep nesting, sizes taken on trust, binary and escape bytes.

import Foundation
import ScoreCore
import Testing

@Suite struct HostileDataTests {
  let files = TemporaryFiles()

  /// The error reading `bytes` from a file called `name` gives, or nil when it reads.
  func readError(_ name: String, _ bytes: [UInt8], columns: [ColumnSelector]? = nil) -> String? {
    do {
      _ = try PointFileReader.read(path: files.write(name, bytes: bytes), columns: columns)
      return nil
    } catch {
      return (error as? DatasetError)?.description.replacingOccurrences(of: files.folder + "/", with: "")
    }
  }

  func npy(major: UInt8 = 1, _ dictionary: String, data: [UInt8] = []) -> [UInt8] {
    NumpyArrayReaderTests.npyFile(major: major, dictionary: dictionary, data: data)
  }

  // MARK: - Nesting

  /// The header dictionary nests at most 64 containers deep: 64 (the dict and 63 brackets
  /// around the dtype) read, 65 are an error at the 64th bracket, and 30,000 fail the same
  /// way instead of overflowing the stack.
  @Test func npyHeaderNestingIsBounded() throws {
    func descr(_ depth: Int) -> String {
      String(repeating: "(", count: depth) + "'<f8'" + String(repeating: ")", count: depth)
    }
    let data = NumpyArrayReaderTests.float64Bytes([1, 2, 3, 4])
    let deepest = try PointFileReader.read(
      path: files.write(
        "ok.npy", bytes: npy(NumpyArrayReaderTests.dictionary(descr: descr(63), shape: "(2, 2)"), data: data)))
    #expect(deepest.points == [SIMD2(1, 2), SIMD2(3, 4)])
    let expected = "deep.npy: header: nested deeper than 64 levels at character 74 of the dictionary"
    for depth in [64, 30_000] {
      #expect(
        readError(
          "deep.npy", npy(major: 2, NumpyArrayReaderTests.dictionary(descr: descr(depth), shape: "(2, 2)"), data: data))
          == expected)
    }
    let unclosed = "{'descr': " + String(repeating: "[", count: 30_000)
    #expect(readError("deep.npy", npy(major: 2, unclosed)) == expected)
  }

  // MARK: - Sizes

  /// A header length beyond 65,535 bytes is refused before the header is read, whatever the
  /// file holds after it.
  @Test func npyHeaderLengthIsBounded() {
    var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 2, 0]
    for length in [802_000_000, 65_536] {
      let declared = (0..<4).map { UInt8((length >> (8 * $0)) & 0xFF) }
      bytes = Array(bytes[0..<8]) + declared + Array("{'descr': '<f8', }".utf8)
      #expect(
        readError("big.npy", bytes)
          == "big.npy: header: length \(length) is more than the 65535 bytes a header may have")
    }
  }

  /// Shapes are checked before anything is allocated: too many rows, a product that
  /// overflows, too many dimensions.
  @Test(arguments: [
    (
      "(4611686018427387904, 2)",
      "s.npy: shape (4611686018427387904, 2): more than 50000000 points, the most a data file may have"
    ),
    ("(50000001, 2)", "s.npy: shape (50000001, 2): more than 50000000 points, the most a data file may have"),
    (
      "(3, 4611686018427387904)",
      "s.npy: truncated data: expected more than 9223372036854775807 bytes for shape (3, 4611686018427387904), found 0"
    ),
    ("(10, 1000000)", "s.npy: truncated data: expected 80000000 bytes for shape (10, 1000000), found 0"),
    ("(" + String(repeating: "1, ", count: 65) + ")", "s.npy: header: shape has 65 dimensions, more than 64"),
    (
      "(99999999999999999999, 2)",
      "s.npy: header: integer '99999999999999999999' is out of range at character 52 of the dictionary"
    ),
  ])
  func npyShapesAreBoundedBeforeAllocating(shape: String, message: String) {
    #expect(readError("s.npy", npy(NumpyArrayReaderTests.dictionary(shape: shape))) == message)
  }

  /// The point bound holds for both formats, at the record or shape that passes it.
  @Test func pointCountIsBounded() throws {
    let csv = Array("x,y\n1,2\n3,4\n5,6\n".utf8)
    #expect(try PointFileReader.parse(csv, file: "p.csv", pointLimit: 3).points.count == 3)
    #expect(
      throws: DatasetError(
        .data, file: "p.csv", line: 4, column: 1, message: "more than 2 points, the most a data file may have")
    ) {
      try PointFileReader.parse(csv, file: "p.csv", pointLimit: 2)
    }
    let array = npy(
      NumpyArrayReaderTests.dictionary(shape: "(3, 2)"), data: NumpyArrayReaderTests.float64Bytes([1, 2, 3, 4, 5, 6]))
    #expect(try PointFileReader.parse(array, file: "p.npy", pointLimit: 3).points.count == 3)
    #expect(
      throws: DatasetError(
        .data, file: "p.npy", message: "shape (3, 2): more than 2 points, the most a data file may have")
    ) {
      try PointFileReader.parse(array, file: "p.npy", pointLimit: 2)
    }
  }

  /// A record of more than 100,000 fields is an error at the field that passes the bound.
  @Test func fieldCountIsBounded() throws {
    let wide = String(repeating: "1,", count: 99_999) + "1\n"
    let firstTwo: [ColumnSelector] = [.index(0), .index(1)]
    #expect(try PointFileReader.parse(Array((wide + wide).utf8), file: "w.csv", columns: firstTwo).points.count == 2)
    let tooWide = String(repeating: "1,", count: 100_000) + "1\n"
    #expect(readError("w.csv", Array(tooWide.utf8)) == "w.csv:1:200001: more than 100000 fields in one record")
  }

  /// Text never holds a NUL byte: a binary or UTF-16 file, or /dev/zero, is refused at the
  /// first one, and an endless device stops after its first chunk.
  @Test func nulBytesEndTheRead() throws {
    #expect(
      readError("n.csv", Array("x,y\n1,2\n3,".utf8) + [0, 0x0A])
        == "n.csv:3:3: expected CSV text or an NPY file, found a NUL byte")
    #expect(
      readError("u16.csv", Array("x,y\n1,2\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        == "u16.csv:1:2: expected CSV text or an NPY file, found a NUL byte")
    #expect(
      throws: DatasetError(
        .data, file: "/dev/zero", line: 1, column: 1, message: "expected CSV text or an NPY file, found a NUL byte")
    ) {
      try PointFileReader.read(path: "/dev/zero")
    }
  }

  // MARK: - Escapes

  /// Fields echoed in messages are escaped and cut: no ESC, BEL, CR or LF from the file
  /// reaches the terminal, invalid UTF-8 shows as \xNN, long fields end in '…'.
  @Test(arguments: [
    ("x,y\n1,2\n3,\u{1B}[31mred\u{07}\r\n", "e.csv:3:3: expected a number, found '\\x1b[31mred\\x07'"),
    ("x,y\n1,\"2\r\n3\"\n", "e.csv:2:3: expected a number, found '2\\r\\n3'"),
    ("x,y\n1,\"\u{1B}]0;pwned\u{07}\"\"\"\n", "e.csv:2:3: expected a number, found '\\x1b]0;pwned\\x07\"'"),
    (
      "x,y\n1,\(String(repeating: "a", count: 10_000))\n",
      "e.csv:2:3: expected a number, found '\(String(repeating: "a", count: 40))…'"
    ),
    ("x,y\n1,\"2\"\u{1B}\n", "e.csv:2:6: expected a separator after the closing quote, found '\\x1b'"),
    ("x,y\n1,1e999\u{9B}\n", "e.csv:2:3: expected a number, found '1e999\\x9b'"),
  ])
  func fieldsAreEscapedInMessages(text: String, message: String) {
    #expect(readError("e.csv", Array(text.utf8)) == message)
  }

  /// Bytes that are not UTF-8 are shown one by one; header names in a usage error are
  /// escaped too.
  @Test func invalidUTF8AndHeaderNamesAreEscaped() {
    #expect(
      readError("b.csv", Array("x,y\n1,".utf8) + [0xFF, 0xC3, 0x0A])
        == "b.csv:2:3: expected a number, found '\\xff\\xc3'")
    #expect(
      readError("h.csv", Array("a\u{1B}[2J,b\n1,2\n".utf8), columns: [.name("z"), .name("b")])
        == "h.csv: no column named 'z'; the columns are 'a\\x1b[2J', 'b'")
  }

  /// Strings in an NPY header are shown as Python's repr shows them.
  @Test func npyHeaderStringsAreEscaped() {
    let dictionary = "{'descr': '\u{1B}[31m', 'fortran_order': False, 'shape': (1, 2), }"
    #expect(
      readError("k.npy", npy(dictionary))
        == "k.npy: header: unsupported dtype '\\x1b[31m', expected float32 or float64: '<f4', '<f8', '>f4' or '>f8'")
    let key = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), '\r\n': 0}"
    #expect(readError("k.npy", npy(key)) == "k.npy: header: unexpected key '\\r\\n'")
  }
}
