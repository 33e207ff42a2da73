// Reading points from CSV and other delimited text as pandas, numpy and R write it.

import Foundation

extension PointFileReader {
  /// The value a field holds, classified.
  enum FieldValue {
    case number(Double)
    /// An empty field or one of pandas' missing-value spellings.
    case missing
    /// An infinity spelled out, or a decimal beyond the double range.
    case infinite
    case notANumber
  }

  /// pandas' default `na_values`, the spellings read as a missing value.
  static let missingValueSpellings: Set<String> = [
    "", "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "null", "NULL", "None", "<NA>",
    "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "1.#IND", "1.#QNAN",
  ]

  /// Reads points from delimited text.
  ///
  /// - Separator: detected from the first record: a comma if it has one outside quotes, else
  ///   a semicolon, else a tab, else runs of spaces and tabs.
  /// - Lines: LF or CRLF; a UTF-8 byte order mark, blank lines and lines starting with `#`
  ///   are skipped (so numpy `savetxt`'s `# x,y` header is a comment).
  /// - Fields: in double quotes where needed, with `""` for a quote; spaces around fields are
  ///   ignored.
  /// - Header: the first record is a header when none of its fields is a number (and not all
  ///   are missing values), or when it is pandas' default `0,1,…,k−1` (optionally after an
  ///   empty index field) and the next record holds a number that is not an integer.
  /// - R row names: with a header whose first field is empty (`write.csv`, pandas `to_csv`
  ///   with its index) or whose records have one field more than the header (`write.table`),
  ///   the first column is row names and is dropped before columns are counted.
  /// - Columns: `x` and `y` when the header names both, else the only two; more columns are
  ///   fine and only the chosen two are parsed. Every record must have the same number of
  ///   fields, at most `DelimitedTextScanner.largestFieldCount`.
  /// - Limits: a NUL byte is an error (text never holds one: the file is binary, or UTF-16);
  ///   more than `pointLimit` points are an error at the record that passes it.
  static func readDelimitedText(
    _ bytes: UnsafeBufferPointer<UInt8>, file: String, columns: [ColumnSelector]?, dropMissing: Bool,
    coordinateLimit: Double, pointLimit: Int
  ) throws -> PointFileContents {
    var scanner = DelimitedTextScanner(bytes: bytes, file: file)
    if let base = bytes.baseAddress, let nul = memchr(base, 0, bytes.count) {
      let offset = base.distance(to: nul.assumingMemoryBound(to: UInt8.self))
      throw scanner.error(at: offset, message: "expected CSV text or an NPY file, found a NUL byte")
    }
    scanner.separator = scanner.detectSeparator()
    let start = scanner.position
    guard try scanner.nextRecord() else {
      return PointFileContents(points: [], droppedRows: 0, format: .csv, header: nil, columnIndices: [0, 1])
    }
    let firstLine = scanner.recordStart.line
    let firstFields = scanner.fields.map { scanner.text(of: $0) }
    let firstValues = scanner.fields.map { classify(scanner.content(of: $0)) }
    let afterFirst = scanner.position
    let hasSecond = try scanner.nextRecord()
    let secondFieldCount = hasSecond ? scanner.fields.count : 0
    let secondHasFraction =
      hasSecond
      && scanner.fields.contains { field in
        if case .number(let value) = classify(scanner.content(of: field)) { return value.rounded() != value }
        return false
      }

    let isHeader = looksLikeHeader(firstFields, values: firstValues, nextRecordHasFraction: secondHasFraction)
    var header: [String]? = nil
    var hasRowNames = false
    var fieldCount = firstFields.count
    if isHeader {
      if firstFields.first == "" && firstFields.count > 1 {
        hasRowNames = true
        header = Array(firstFields.dropFirst())
      } else if hasSecond && secondFieldCount == firstFields.count + 1 {
        hasRowNames = true
        fieldCount += 1
        header = firstFields
      } else {
        header = firstFields
      }
      scanner.rewind(to: afterFirst)
    } else {
      scanner.rewind(to: start)
    }
    let dataColumnCount = fieldCount - (hasRowNames ? 1 : 0)
    guard dataColumnCount >= 2 else {
      throw DatasetError(
        .data, file: file, line: firstLine,
        message: "expected at least 2 columns, found \(dataColumnCount)")
    }
    let chosen = try resolveColumns(columns, header: header, columnCount: dataColumnCount, file: file)
    let xField = chosen[0] + (hasRowNames ? 1 : 0)
    let yField = chosen[1] + (hasRowNames ? 1 : 0)

    var points: [SIMD2<Double>] = []
    points.reserveCapacity(min(bytes.count / 16, pointLimit))
    var droppedRows = 0
    while try scanner.nextRecord() {
      let fields = scanner.fields
      guard fields.count == fieldCount else {
        let offset = fields.count > fieldCount ? fields[fieldCount].tokenStart : fields[fields.count - 1].contentEnd
        throw scanner.error(at: offset, message: "expected \(fieldCount) fields, found \(fields.count)")
      }
      let x = classify(scanner.content(of: fields[xField]))
      let y = classify(scanner.content(of: fields[yField]))
      if case .number(let xValue) = x, case .number(let yValue) = y {
        if abs(xValue) > coordinateLimit || abs(yValue) > coordinateLimit {
          let field = abs(xValue) > coordinateLimit ? fields[xField] : fields[yField]
          throw scanner.error(
            at: field.tokenStart, message: tooLargeMessage(scanner.text(of: field), limit: coordinateLimit))
        }
        guard points.count < pointLimit else {
          throw scanner.error(at: fields[0].tokenStart, message: tooManyPointsMessage(limit: pointLimit))
        }
        points.append(SIMD2(xValue, yValue))
        continue
      }
      for (value, field) in [(x, fields[xField]), (y, fields[yField])] {
        switch value {
        case .number:
          continue
        case .missing, .infinite:
          if dropMissing { continue }
        case .notANumber:
          break
        }
        throw scanner.error(
          at: field.tokenStart,
          message: describeBadValue(value, isEmpty: field.contentStart == field.contentEnd, shown: scanner.shown(field))
        )
      }
      droppedRows += 1
    }
    return PointFileContents(
      points: points, droppedRows: droppedRows, format: .csv, header: header, columnIndices: chosen)
  }

  /// Classifies a field's content; the fast path is a plain decimal number.
  @inline(__always)
  static func classify(_ content: UnsafeBufferPointer<UInt8>) -> FieldValue {
    if let value = DecimalParser.parse(content) {
      return value.isFinite ? .number(value) : .infinite
    }
    let text = String(decoding: content, as: UTF8.self)
    if missingValueSpellings.contains(text) { return .missing }
    var unsigned = Substring(text)
    if unsigned.first == "+" || unsigned.first == "-" { unsigned = unsigned.dropFirst() }
    let lowered = unsigned.lowercased()
    if lowered == "inf" || lowered == "infinity" { return .infinite }
    return .notANumber
  }

  /// The message for a field that is not a usable number; `shown` is the field as
  /// `DelimitedTextScanner.shown(_:)` quotes it.
  static func describeBadValue(_ value: FieldValue, isEmpty: Bool, shown: String) -> String {
    switch value {
    case .missing where isEmpty: return "missing value: empty field"
    case .missing: return "missing value \(shown)"
    case .infinite: return "infinite value \(shown)"
    case .number, .notANumber: return "expected a number, found \(shown)"
    }
  }

  /// Whether the first record is a header; see `readDelimitedText` for the rule.
  private static func looksLikeHeader(
    _ fields: [String], values: [FieldValue], nextRecordHasFraction: Bool
  ) -> Bool {
    var anyNumber = false
    var allMissing = true
    for value in values {
      switch value {
      case .number, .infinite: anyNumber = true
      case .missing: continue
      case .notANumber: break
      }
      allMissing = false
    }
    if !anyNumber { return !allMissing }
    let names = fields.first == "" ? Array(fields.dropFirst()) : fields
    let isPandasDefault = !names.isEmpty && names.enumerated().allSatisfy { $0.element == String($0.offset) }
    return isPandasDefault && nextRecordHasFraction
  }

  /// The 0-based data columns for x and y.
  static func resolveColumns(
    _ selectors: [ColumnSelector]?, header: [String]?, columnCount: Int, file: String
  ) throws -> [Int] {
    guard let selectors else {
      if let header, let x = header.firstIndex(of: "x"), let y = header.firstIndex(of: "y") {
        return [x, y]
      }
      guard columnCount <= 2 else {
        // Which two of several columns are x and y is the user's to say, not a guess.
        let listed =
          header.map { "named \(listedColumns($0))" } ?? "without a header (indices 0 to \(columnCount - 1))"
        throw DatasetError(
          .usage, file: file,
          message: "the file has \(columnCount) columns, \(listed), and none named x and y; choose two with --columns")
      }
      return [0, 1]
    }
    return try selectors.map { selector in
      switch selector {
      case .index(let index):
        guard index >= 0 && index < columnCount else {
          throw DatasetError(
            .usage, file: file,
            message:
              "column index \(index) is out of range: the file has \(columnCount) columns (0 to \(columnCount - 1))")
        }
        return index
      case .name(let name):
        guard let header else {
          throw DatasetError(
            .usage, file: file,
            message:
              "column \(EscapedText.quoted(name)) is chosen by name but the file has no header; choose columns by index"
          )
        }
        guard let index = header.firstIndex(of: name) else {
          throw DatasetError(
            .usage, file: file,
            message: "no column named \(EscapedText.quoted(name)); the columns are \(listedColumns(header))")
        }
        return index
      }
    }
  }

  /// The header names as an error lists them: quoted, at most the first 20.
  private static func listedColumns(_ header: [String]) -> String {
    let shown = header.prefix(20).map { EscapedText.quoted($0) }.joined(separator: ", ")
    return header.count > 20 ? shown + " and \(header.count - 20) more" : shown
  }
}
