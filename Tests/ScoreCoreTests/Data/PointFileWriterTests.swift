// Written files read back exactly, CSV numbers are spelled as Python spells them, NPY bytes match numpy's.

import Foundation
import ScoreCore
import Testing

@Suite struct PointFileWriterTests {
  let files = TemporaryFiles()

  /// Doubles that stress shortest round-trip printing and parsing: thirds, tiny, huge,
  /// subnormal, negative zero, integers beyond 2⁵³, and values from the generator.
  func awkwardValues(count: Int, seed: UInt64) -> [Double] {
    var rng = SeededGenerator(seed: seed)
    let fixed: [Double] = [
      1.0 / 3, -2.0 / 3, 0.1, 1e-7, 1e16, 123_456_789, -0.0, .leastNonzeroMagnitude, 2.2250738585072014e-308,
      .greatestFiniteMagnitude, 9_007_199_254_740_994, 0.30000000000000004, 1e22, 1e23,
    ]
    let random = (0..<count).map { _ in
      rng.nextNormal() * pow(10, Double(Int(rng.next(upperBound: UInt64(40)))) - 20)
    }
    return fixed + random
  }

  /// Values are spelled as Python's `repr` spells them (written out here by hand).
  @Test func csvTextSpellsValuesAsPythonRepr() {
    let table = DataTable(
      columnNames: ["x", "y", "density"],
      columns: [[0.1, 1.0 / 3], [1e-7, 1e16], [123_456_789, -0.0]])
    #expect(PointFileWriter.csvText(table) == "x,y,density\n0.1,1e-07,123456789.0\n0.3333333333333333,1e+16,-0.0\n")
  }

  @Test func kdeColumnsHeader() {
    let names = ["x", "y", "density", "log_density", "score_x", "score_y"]
    let table = DataTable(columnNames: names, columns: names.indices.map { [Double($0) + 0.5] })
    #expect(PointFileWriter.csvText(table) == "x,y,density,log_density,score_x,score_y\n0.5,1.5,2.5,3.5,4.5,5.5\n")
    #expect(DataTable(columnNames: [], columns: []).rowCount == 0)
  }

  @Test func namesThatNeedQuotesAreQuoted() throws {
    let table = DataTable(columnNames: ["a,b", "say \"hi\"", "c"], columns: [[1, 2], [3, 4], [5, 6]])
    let text = PointFileWriter.csvText(table)
    #expect(text.hasPrefix("\"a,b\",\"say \"\"hi\"\"\",c\n"))
    let path = files.write("quoted.csv", text)
    let contents = try PointFileReader.read(path: path, columns: [.name("say \"hi\""), .name("a,b")])
    #expect(contents.points == [SIMD2(3, 1), SIMD2(4, 2)])
  }

  @Test func csvRoundTripsExactly() throws {
    let xs = awkwardValues(count: 500, seed: 11)
    let ys = awkwardValues(count: 500, seed: 12)
    let points = zip(xs, ys).map { SIMD2($0, $1) }
    let path = files.path("round.csv")
    try PointFileWriter.write(points, to: path)
    let read = try PointFileReader.read(path: path).points
    #expect(read.count == points.count)
    #expect(zip(read, points).allSatisfy { $0.x.bitPattern == $1.x.bitPattern && $0.y.bitPattern == $1.y.bitPattern })
  }

  @Test func npyRoundTripsExactlyWithExtraColumns() throws {
    let columns = (0..<4).map { awkwardValues(count: 300, seed: UInt64(20 + $0)) }
    let table = DataTable(columnNames: ["a", "b", "c", "d"], columns: columns)
    let path = files.path("round.npy")
    try PointFileWriter.write(table, to: path)
    let read = try PointFileReader.read(path: path, columns: [.index(3), .index(1)])
    #expect(read.format == .npy)
    #expect(read.points.count == table.rowCount)
    #expect(
      read.points.indices.allSatisfy {
        read.points[$0].x.bitPattern == columns[3][$0].bitPattern
          && read.points[$0].y.bitPattern == columns[1][$0].bitPattern
      })
  }

  /// The committed fixture was written by `np.save` from the same values: the bytes must be
  /// identical, header padding included.
  @Test func npyBytesMatchNumpy() throws {
    let rows: [[Double]] = [[0.5, -1.25, 3.0], [1e-7, 2.5, -0.0], [123.456, -7.0, 1e10], [0.1, 0.2, 0.3]]
    let table = DataTable(columnNames: ["a", "b", "c"], columns: (0..<3).map { j in rows.map { $0[j] } })
    let numpy = try Data(contentsOf: URL(fileURLWithPath: fixturePath("numpy-f8-4x3.npy")))
    #expect(PointFileWriter.npyBytes(table) == Array(numpy))
  }

  @Test func formatFollowsTheFileNameUnlessGiven() throws {
    let points: [SIMD2<Double>] = [SIMD2(1, 2), SIMD2(3, 4)]
    let npy = files.path("p.NPY")
    try PointFileWriter.write(points, to: npy)
    #expect(try PointFileReader.read(path: npy).format == .npy)
    let csvNamedTxt = files.path("p.txt")
    try PointFileWriter.write(points, to: csvNamedTxt)
    #expect(try String(contentsOfFile: csvNamedTxt, encoding: .utf8) == "x,y\n1.0,2.0\n3.0,4.0\n")
    let forced = files.path("forced.dat")
    try PointFileWriter.write(DataTable(points: points), to: forced, format: .npy)
    #expect(try PointFileReader.read(path: forced).points == points)
  }

  @Test func writingIntoAMissingFolderFails() {
    #expect(throws: FileWriteError.self) {
      try PointFileWriter.write([SIMD2(1, 2), SIMD2(3, 4)], to: files.path("absent/p.csv"))
    }
  }
}
