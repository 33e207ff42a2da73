// CSV and other delimited text as pandas, numpy and R write it: every accepted variant and every error's place.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct DelimitedTextReaderTests {
  let files = TemporaryFiles()

  /// Writes `text` to points.csv and reads it.
  func read(
    _ text: String, columns: [ColumnSelector]? = nil, dropMissing: Bool = false
  ) throws -> PointFileContents {
    try PointFileReader.read(path: files.write("points.csv", text), columns: columns, dropMissing: dropMissing)
  }

  /// The error reading `text` gives, or nil when it reads.
  func readError(
    _ text: String, columns: [ColumnSelector]? = nil, dropMissing: Bool = false
  ) -> DatasetError? {
    do {
      _ = try read(text, columns: columns, dropMissing: dropMissing)
      return nil
    } catch {
      return error as? DatasetError
    }
  }

  let twoPoints: [SIMD2<Double>] = [SIMD2(1.5, -2), SIMD2(0.25, 3)]

  // MARK: - Accepted variants

  @Test func headerNamesXAndY() throws {
    let contents = try read("x,y\n1.5,-2\n0.25,3\n")
    #expect(contents.points == twoPoints)
    #expect(contents.header == ["x", "y"])
    #expect(contents.format == .csv)
    #expect(contents.droppedRows == 0)
  }

  @Test func noHeader() throws {
    let contents = try read("1.5,-2\n0.25,3")
    #expect(contents.points == twoPoints)
    #expect(contents.header == nil)
  }

  @Test(arguments: [
    "x;y\n1.5;-2\n0.25;3\n",
    "x\ty\n1.5\t-2\n0.25\t3\n",
    "x y\n1.5 -2\n0.25 3\n",
    "   x      y\n  1.5     -2   \n 0.25  \t  3\n",
    "1.5;-2\n0.25;3\n",
    "1.5\t-2\n0.25\t3\n",
    "1.5    -2\n0.25 3\n",
    "x , y\n 1.5 , -2 \n0.25,3\n",
  ])
  func delimiters(text: String) throws {
    #expect(try read(text).points == twoPoints)
  }

  @Test func tabSeparatedKeepsEmptyFieldsAsMissing() {
    let error = readError("x\ty\n1\t2\n\t3\n")
    #expect(error?.line == 3)
    #expect(error?.column == 1)
    #expect(error?.message == "missing value: empty field")
  }

  @Test func windowsLineEndings() throws {
    #expect(try read("x,y\r\n1.5,-2\r\n0.25,3\r\n").points == twoPoints)
    let error = readError("x,y\r\n1.5,-2\r\n0.25,oops\r\n")
    #expect(error?.line == 3)
    #expect(error?.column == 6)
    #expect(error?.message == "expected a number, found 'oops'")
  }

  @Test func byteOrderMark() throws {
    let contents = try read("\u{FEFF}x,y\n1.5,-2\n0.25,3\n")
    #expect(contents.header == ["x", "y"])
    #expect(contents.points == twoPoints)
    // The mark is not a character of line 1: 'abc' starts in column 3.
    let error = readError("\u{FEFF}1,abc\n2,3\n")
    #expect(error?.line == 1)
    #expect(error?.column == 3)
  }

  @Test func commentAndBlankLinesAreSkippedButCounted() throws {
    let text = "# made by numpy.savetxt\n# x,y\nx,y\n\n1.5,-2\n   # aside\n0.25,3\n\n"
    #expect(try read(text).points == twoPoints)
    let error = readError("# comment\n\nx,y\n1,2\n# aside\n3,zz\n")
    #expect(error?.line == 6)
    #expect(error?.column == 3)
  }

  @Test func quotedFields() throws {
    let contents = try read("\"x\",\"y\"\n\"1.5\",\"-2\"\n 0.25 , \"3\" \n")
    #expect(contents.points == twoPoints)
    let named = try read(
      "\"a,b\",\"say \"\"hi\"\"\",c\n1.5,-2,9\n0.25,3,9\n",
      columns: [.name("a,b"), .name("say \"hi\"")])
    #expect(named.points == twoPoints)
    #expect(named.header == ["a,b", "say \"hi\"", "c"])
  }

  @Test func quotedFieldSpanningLinesKeepsLineNumbers() {
    let error = readError("\"long\nname\",y\n1,2\n3,bad\n")
    #expect(error?.line == 4)
    #expect(error?.column == 3)
  }

  @Test func unterminatedQuoteAndTextAfterQuote() {
    let unterminated = readError("x,y\n1,2\n3,\"4\n")
    #expect(unterminated?.line == 3)
    #expect(unterminated?.column == 3)
    #expect(unterminated?.message == "unterminated quoted field")
    let trailing = readError("x,y\n1,2\n\"3\"z,4\n")
    #expect(trailing?.line == 3)
    #expect(trailing?.column == 4)
    #expect(trailing?.message == "expected a separator after the closing quote, found 'z'")
  }

  /// R `write.csv`: an empty first header field and quoted row names.
  @Test func rWriteCSVRowNames() throws {
    let text = "\"\",\"x\",\"y\"\n\"1\",1.5,-2\n\"2\",0.25,3\n"
    let contents = try read(text)
    #expect(contents.points == twoPoints)
    #expect(contents.header == ["x", "y"])
    #expect(try read(text, columns: [.index(0), .index(1)]).points == twoPoints)
    #expect(try read(text, columns: [.index(1), .index(0)]).points == twoPoints.map { SIMD2($0.y, $0.x) })
  }

  /// R `write.table`: a header one field shorter than the rows, space separated.
  @Test func rWriteTableRowNames() throws {
    let contents = try read("\"x\" \"y\"\n\"1\" 1.5 -2\n\"2\" 0.25 3\n")
    #expect(contents.points == twoPoints)
    #expect(contents.header == ["x", "y"])
  }

  /// pandas `to_csv()` with its index: `,x,y` then `0,…`.
  @Test func pandasIndexColumn() throws {
    let contents = try read(",a,b\n0,1.5,-2\n1,0.25,3\n")
    #expect(contents.points == twoPoints)
    #expect(contents.header == ["a", "b"])
  }

  /// pandas' default column names `0,1` are a header when the data are not integers.
  @Test func pandasDefaultColumnNames() throws {
    let header = try read("0,1\n1.5,-2\n0.25,3\n")
    #expect(header.points == twoPoints)
    #expect(header.header == ["0", "1"])
    let indexed = try read(",0,1\n0,1.5,-2\n1,0.25,3\n")
    #expect(indexed.points == twoPoints)
    let integers = try read("0,1\n2,3\n")
    #expect(integers.points == [SIMD2(0, 1), SIMD2(2, 3)])
    #expect(integers.header == nil)
  }

  @Test func columnsByNameAndIndex() throws {
    let text = "a,b,c\n1,2,3\n4,5,6\n"
    let expected: [SIMD2<Double>] = [SIMD2(3, 1), SIMD2(6, 4)]
    #expect(try read(text, columns: [.name("c"), .name("a")]).points == expected)
    #expect(try read(text, columns: [.index(2), .index(0)]).points == expected)
    #expect(try read(text, columns: [.name("c"), .index(0)]).columnIndices == [2, 0])
    // Three columns, none named x and y: which two is the user's to say.
    #expect(
      readError(text)?.message
        == "the file has 3 columns, named 'a', 'b', 'c', and none named x and y; choose two with --columns")
    #expect(readError(text)?.kind == .usage)
    #expect(
      readError("1,2,3\n4,5,6\n")?.message
        == "the file has 3 columns, without a header (indices 0 to 2), and none named x and y; choose two with --columns"
    )
    #expect(try read("1,2,3\n4,5,6\n", columns: [.index(2), .index(0)]).points == expected)
  }

  @Test func defaultColumnsAreXAndYByName() throws {
    let contents = try read("id,y,x,label\n7,-2,1.5,cat\n8,3,0.25,dog\n")
    #expect(contents.points == twoPoints)
    #expect(contents.columnIndices == [2, 1])
  }

  @Test func unchosenColumnsMayHoldAnything() throws {
    #expect(try read("label,x,y\ncat,1.5,-2\n,0.25,3\n").points == twoPoints)
  }

  /// Every spelling the reader parses is compared bit for bit with the standard library's
  /// correctly rounded `Double(String)`.
  @Test func numbersAreCorrectlyRounded() throws {
    let spellings = [
      "0.1", "-1.48863", "1e-07", "1E5", "+3", ".5", "5.", "-0", "0.30000000000000004",
      "123456789012345678901", "0.12345678901234567", "2.2250738585072014e-308", "4.9e-324",
      "1.7976931348623157e308", "9007199254740993", "0.000000000000000000000000001234",
      "1e22", "1e23", "8.589973e9", "-7.0e-10",
    ]
    let text = spellings.map { "\($0),\($0)" }.joined(separator: "\n")
    let points = try read(text).points
    for (point, spelling) in zip(points, spellings) {
      #expect(point.x.bitPattern == Double(spelling)!.bitPattern, "\(spelling)")
    }
    #expect(points.count == spellings.count)
  }

  // MARK: - Errors

  @Test(arguments: ["NA", "NaN", "nan", "null", "None", "N/A", "NULL"])
  func missingValueSpellings(spelling: String) {
    let error = readError("x,y\n1,2\n3,\(spelling)\n4,5\n")
    #expect(error?.line == 3)
    #expect(error?.column == 3)
    #expect(error?.message == "missing value '\(spelling)'")
    #expect(error?.exitCode == 65)
  }

  @Test func emptyFieldIsMissing() {
    let error = readError("x,y\n1,2\n,4\n")
    #expect(error?.line == 3)
    #expect(error?.column == 1)
    #expect(error?.message == "missing value: empty field")
    let last = readError("x,y\n1,2\n3,\n")
    #expect(last?.column == 3)
  }

  @Test(arguments: ["inf", "-inf", "+inf", "Infinity", "-Infinity", "INF", "1e999", "-1e400"])
  func infinities(spelling: String) {
    let error = readError("x,y\n1,2\n3,4\n\(spelling),5\n")
    #expect(error?.line == 4)
    #expect(error?.column == 1)
    #expect(error?.message == "infinite value '\(spelling)'")
  }

  @Test func dropMissingSkipsAndCounts() throws {
    let text = "x,y\n1.5,-2\nNA,1\n2,inf\n,\n0.25,3\n9,None\n"
    let contents = try read(text, dropMissing: true)
    #expect(contents.points == twoPoints)
    #expect(contents.droppedRows == 4)
    // A value that is not a number at all is still an error.
    let error = readError("x,y\n1,2\nNA,3\n4,five\n", dropMissing: true)
    #expect(error?.line == 4)
    #expect(error?.column == 3)
    #expect(error?.message == "expected a number, found 'five'")
    // Missing values in columns that are not chosen never matter.
    #expect(try read("x,y,z\n1.5,-2,NA\n0.25,3,\n").droppedRows == 0)
  }

  @Test func raggedRows() {
    let long = readError("x,y\n1,2\n3,4,5\n")
    #expect(long?.line == 3)
    #expect(long?.column == 5)
    #expect(long?.message == "expected 2 fields, found 3")
    let short = readError("x,y\n1,2\n3\n")
    #expect(short?.line == 3)
    #expect(short?.column == 2)
    #expect(short?.message == "expected 2 fields, found 1")
  }

  @Test func notANumberWithExactPlace() throws {
    let path = files.write("points.csv", "x,y\n1,2\n3, abc\n")
    #expect(throws: DatasetError.self) { try PointFileReader.read(path: path) }
    do {
      _ = try PointFileReader.read(path: path)
    } catch let error as DatasetError {
      #expect(error.description == "\(path):3:4: expected a number, found 'abc'")
      #expect(error.kind == .data)
    }
  }

  /// Columns count characters, not bytes: 'ï' is two bytes but one column.
  @Test func columnsCountCharacters() {
    let error = readError("label,x,y\nnaïve,1,abc\nok,1,2\n")
    #expect(error?.line == 2)
    #expect(error?.column == 9)
  }

  @Test func fewerThanTwoPoints() {
    let one = readError("x,y\n1,2\n")
    #expect(one?.message == "expected at least 2 points, found 1")
    #expect(one?.line == nil)
    #expect(one?.exitCode == 65)
    let none = readError("x,y\n")
    #expect(none?.message == "expected at least 2 points, found 0")
    let empty = readError("")
    #expect(empty?.message == "expected at least 2 points, found 0")
    let dropped = readError("x,y\n1,2\nNA,3\n", dropMissing: true)
    #expect(dropped?.message == "expected at least 2 points, found 1 (skipped rows with missing values: 1)")
  }

  @Test func oneColumnIsNotEnough() {
    let error = readError("x\n1\n2\n")
    #expect(error?.message == "expected at least 2 columns, found 1")
    #expect(error?.line == 1)
  }

  @Test func missingFileExits66() {
    let path = files.path("absent.csv")
    do {
      _ = try PointFileReader.read(path: path)
      Issue.record("reading a missing file succeeded")
    } catch let error as DatasetError {
      #expect(error.exitCode == 66)
      #expect(error.description == "\(path): cannot open: No such file or directory")
    } catch {
      Issue.record("unexpected error \(error)")
    }
    do {
      _ = try PointFileReader.read(path: files.folder)
      Issue.record("reading a folder succeeded")
    } catch let error as DatasetError {
      #expect(error.exitCode == 66)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func columnChoicesThatDoNotFitAreUsageErrors() {
    let unknown = readError("a,b\n1,2\n3,4\n", columns: [.name("a"), .name("z")])
    #expect(unknown?.exitCode == 64)
    #expect(unknown?.message == "no column named 'z'; the columns are 'a', 'b'")
    let outOfRange = readError("a,b\n1,2\n3,4\n", columns: [.index(0), .index(2)])
    #expect(outOfRange?.exitCode == 64)
    #expect(outOfRange?.message == "column index 2 is out of range: the file has 2 columns (0 to 1)")
    let noHeader = readError("1,2\n3,4\n", columns: [.name("x"), .name("y")])
    #expect(noHeader?.exitCode == 64)
    let negative = readError("1,2\n3,4\n", columns: [.index(-1), .index(1)])
    #expect(negative?.exitCode == 64)
    let three = readError("1,2\n3,4\n", columns: [.index(0), .index(1), .index(1)])
    #expect(three?.exitCode == 64)
  }

  // MARK: - Column lists from the command line

  @Test func parsesColumnLists() throws {
    #expect(try ColumnSelector.parseList("a,b") == [.name("a"), .name("b")])
    #expect(try ColumnSelector.parseList("0,2") == [.index(0), .index(2)])
    #expect(try ColumnSelector.parseList(" x , 3 ") == [.name("x"), .index(3)])
    for bad in ["a", "a,b,c", "a,", ",b", "1,1", ""] {
      #expect(throws: DatasetError.self, "\(bad)") { try ColumnSelector.parseList(bad) }
    }
    do {
      _ = try ColumnSelector.parseList("a")
    } catch let error as DatasetError {
      #expect(error.exitCode == 64)
      #expect(error.description == "--columns: expected two columns such as 'x,y' or '0,1', found 'a'")
    }
  }

  // MARK: - Shared benchmark data

  /// The shared file has 10,000 data lines; the first point is compared with the first data
  /// line split by hand and parsed by `Double(String)`.
  @Test func readsSharedMoons10k() throws {
    let path = sharedDataPath("moons-10k.csv")
    let contents = try PointFileReader.read(path: path)
    #expect(contents.points.count == 10_000)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 10_001)
    let fields = lines[1].split(separator: ",").map { Double(String($0))! }
    #expect(contents.points.first == SIMD2(fields[0], fields[1]))
    let lastFields = lines[10_000].split(separator: ",").map { Double(String($0))! }
    #expect(contents.points.last == SIMD2(lastFields[0], lastFields[1]))
  }

  /// Reading the 100k-row file must stay fast; the bound is ten times the 100 ms target so
  /// that a busy shared machine does not fail it, while a quadratic or per-line-allocating
  /// reader would.
  @Test func readsSharedMoons100kQuickly() throws {
    let path = sharedDataPath("moons-100k.csv")
    _ = try PointFileReader.read(path: path)
    let clock = ContinuousClock()
    var best = Duration.seconds(1_000)
    var count = 0
    for _ in 0..<5 {
      let start = clock.now
      count = try PointFileReader.read(path: path).points.count
      best = min(best, clock.now - start)
    }
    #expect(count == 100_000)
    #expect(best < .seconds(1))
    print("moons-100k.csv read in \(best) (best of 5)")
  }
}
