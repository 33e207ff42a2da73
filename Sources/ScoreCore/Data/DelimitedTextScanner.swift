// Splits delimited text into records of fields in one pass over the bytes, keeping track of lines.

/// A byte-level tokenizer for CSV-like text.
///
/// Handles a UTF-8 byte order mark, LF, CRLF and lone-CR line ends, blank lines and `#`
/// comment lines (both skipped), and fields in double quotes with `""` for a quote (quoted
/// fields may span lines). Unquoted fields are trimmed of spaces (and tabs, unless the tab is
/// the separator). With the whitespace separator, runs of spaces and tabs separate fields and
/// leading or trailing ones are ignored.
struct DelimitedTextScanner {
  /// What separates fields.
  enum Separator: Equatable {
    /// One byte: comma, semicolon or tab. Two in a row make an empty field.
    case byte(UInt8)
    /// Any run of spaces and tabs.
    case whitespace
  }

  /// One field of the current record as offsets into the bytes.
  struct Field {
    /// Where the field's text starts: its opening quote or first non-blank byte.
    var tokenStart: Int
    /// The field's content, without quotes and surrounding blanks.
    var contentStart: Int
    var contentEnd: Int
    /// The content holds `""` pairs that stand for one quote each.
    var hasEscapedQuotes: Bool
  }

  /// Where the scanner is: the next byte to read and the line it is on.
  struct Position {
    var offset: Int
    var line: Int
  }

  /// The most fields a record may have, 100,000: far more columns than a data file of
  /// points has (Excel stops at 16,384), while a line of millions of separators cannot make
  /// the field list (32 bytes a field) grow without bound.
  static let largestFieldCount = 100_000

  let bytes: UnsafeBufferPointer<UInt8>
  let file: String
  var separator: Separator = .byte(UInt8(ascii: ","))
  private(set) var position: Position
  /// The fields of the record read last by `nextRecord()`.
  private(set) var fields: [Field] = []
  /// The line and offset where the record read last starts (the start of the text before
  /// the first).
  private(set) var recordStart = Position(offset: 0, line: 1)

  private static let quote = UInt8(ascii: "\"")
  private static let space = UInt8(ascii: " ")
  private static let tab = UInt8(ascii: "\t")
  private static let newline = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")
  private static let hash = UInt8(ascii: "#")

  /// A scanner at the start of `bytes`, past a UTF-8 byte order mark if there is one.
  init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
    self.bytes = bytes
    self.file = file
    let hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    position = Position(offset: hasByteOrderMark ? 3 : 0, line: 1)
    recordStart = position
    fields.reserveCapacity(16)
  }

  /// Moves the scanner back (or forward) to a position it reported earlier.
  mutating func rewind(to earlier: Position) {
    position = earlier
  }

  /// The separator the first record uses: a comma if it has one outside quotes, else a
  /// semicolon, else a tab, else runs of whitespace.
  func detectSeparator() -> Separator {
    var probe = self
    guard probe.skipBlankAndCommentLines() else { return .byte(UInt8(ascii: ",")) }
    var counts: [UInt8: Int] = [:]
    var inQuotes = false
    var i = probe.position.offset
    while i < bytes.count {
      let c = bytes[i]
      if c == Self.quote {
        inQuotes.toggle()
      } else if !inQuotes {
        if c == Self.newline || c == Self.carriageReturn { break }
        counts[c, default: 0] += 1
      }
      i += 1
    }
    for candidate in [UInt8(ascii: ","), UInt8(ascii: ";"), Self.tab] where counts[candidate] != nil {
      return .byte(candidate)
    }
    return .whitespace
  }

  /// Reads the next record into `fields`; false at the end of the text.
  ///
  /// - Throws: `DatasetError` (data) for an unterminated quoted field or text after a closing
  ///   quote.
  mutating func nextRecord() throws -> Bool {
    guard skipBlankAndCommentLines() else { return false }
    recordStart = position
    fields.removeAll(keepingCapacity: true)
    let count = bytes.count
    let whitespace = separator == .whitespace
    let separatorByte: UInt8
    if case .byte(let byte) = separator { separatorByte = byte } else { separatorByte = Self.space }
    let padsWithTab = separatorByte != Self.tab
    var p = position.offset
    var line = position.line
    if whitespace { p = skipPadding(from: p, tabs: true) }
    while true {
      p = skipPadding(from: p, tabs: padsWithTab)
      guard fields.count < Self.largestFieldCount else {
        throw error(at: p, message: "more than \(Self.largestFieldCount) fields in one record")
      }
      if p < count && bytes[p] == Self.quote {
        let opening = p
        var q = p &+ 1
        var escaped = false
        while true {
          guard q < count else {
            throw error(at: opening, message: "unterminated quoted field")
          }
          let c = bytes[q]
          if c == Self.quote {
            if q &+ 1 < count && bytes[q &+ 1] == Self.quote {
              escaped = true
              q &+= 2
              continue
            }
            break
          }
          if isLineEnd(at: q) { line &+= 1 }
          q &+= 1
        }
        fields.append(Field(tokenStart: opening, contentStart: opening &+ 1, contentEnd: q, hasEscapedQuotes: escaped))
        p = whitespace ? q &+ 1 : skipPadding(from: q &+ 1, tabs: padsWithTab)
        if p < count {
          let c = bytes[p]
          let atSeparator = whitespace ? (c == Self.space || c == Self.tab) : c == separatorByte
          if !atSeparator && c != Self.newline && c != Self.carriageReturn {
            var end = p + 1
            while end < count, end - p < 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
            throw error(
              at: p,
              message:
                "expected a separator after the closing quote, found \(EscapedText.quoted(bytes: bytes[p..<end]))")
          }
        }
      } else {
        var q = p
        if whitespace {
          while q < count {
            let c = bytes[q]
            if c == Self.space || c == Self.tab || c == Self.newline || c == Self.carriageReturn { break }
            q &+= 1
          }
        } else {
          while q < count {
            let c = bytes[q]
            if c == separatorByte || c == Self.newline || c == Self.carriageReturn { break }
            q &+= 1
          }
        }
        var end = q
        while end > p && (bytes[end &- 1] == Self.space || (padsWithTab && bytes[end &- 1] == Self.tab)) {
          end &-= 1
        }
        fields.append(Field(tokenStart: p, contentStart: p, contentEnd: end, hasEscapedQuotes: false))
        p = q
      }
      if p >= count {
        position = Position(offset: count, line: line)
        return true
      }
      if whitespace {
        p = skipPadding(from: p, tabs: true)
        if p >= count {
          position = Position(offset: count, line: line)
          return true
        }
      } else if bytes[p] == separatorByte {
        p &+= 1
        continue
      }
      if bytes[p] == Self.newline || bytes[p] == Self.carriageReturn {
        position = Position(offset: endOfLineBreak(at: p), line: line &+ 1)
        return true
      }
    }
  }

  /// The field's content as text, with `""` turned into `"`.
  func text(of field: Field) -> String {
    let raw = String(
      decoding: UnsafeBufferPointer(rebasing: bytes[field.contentStart..<field.contentEnd]), as: UTF8.self)
    return field.hasEscapedQuotes ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
  }

  /// The field as an error message quotes it: escaped and shortened by `EscapedText`, bytes
  /// that are not UTF-8 shown as `\xNN`.
  func shown(_ field: Field) -> String {
    field.hasEscapedQuotes ? EscapedText.quoted(text(of: field)) : EscapedText.quoted(bytes: content(of: field))
  }

  /// The field's content bytes (quotes excluded).
  func content(of field: Field) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[field.contentStart..<field.contentEnd])
  }

  /// The 1-based line and character column of byte `offset`, which lies in the current record.
  func place(of offset: Int) -> (line: Int, column: Int) {
    var line = recordStart.line
    var lineStart = recordStart.offset
    var i = recordStart.offset
    while i < offset {
      if isLineEnd(at: i) {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    var column = 1
    for j in lineStart..<offset where bytes[j] & 0xC0 != 0x80 { column += 1 }
    return (line, column)
  }

  /// A data error at byte `offset` of the current record.
  func error(at offset: Int, message: String) -> DatasetError {
    let (line, column) = place(of: offset)
    return DatasetError(.data, file: file, line: line, column: column, message: message)
  }

  // MARK: - Private

  /// Skips blank and comment lines; false when nothing but those is left.
  private mutating func skipBlankAndCommentLines() -> Bool {
    let count = bytes.count
    while position.offset < count {
      let p = skipPadding(from: position.offset, tabs: true)
      if p >= count {
        position.offset = count
        return false
      }
      let c = bytes[p]
      if c == Self.hash {
        var q = p
        while q < count && bytes[q] != Self.newline && bytes[q] != Self.carriageReturn { q &+= 1 }
        if q >= count {
          position.offset = count
          return false
        }
        position = Position(offset: endOfLineBreak(at: q), line: position.line &+ 1)
      } else if c == Self.newline || c == Self.carriageReturn {
        position = Position(offset: endOfLineBreak(at: p), line: position.line &+ 1)
      } else {
        return true
      }
    }
    return false
  }

  private func skipPadding(from start: Int, tabs: Bool) -> Int {
    var p = start
    while p < bytes.count && (bytes[p] == Self.space || (tabs && bytes[p] == Self.tab)) { p &+= 1 }
    return p
  }

  /// The offset after the line break starting at `offset` (LF, CRLF or a lone CR).
  private func endOfLineBreak(at offset: Int) -> Int {
    if bytes[offset] == Self.carriageReturn && offset &+ 1 < bytes.count && bytes[offset &+ 1] == Self.newline {
      return offset &+ 2
    }
    return offset &+ 1
  }

  /// Whether the byte at `offset` ends a line: an LF, or a CR not followed by an LF.
  private func isLineEnd(at offset: Int) -> Bool {
    let c = bytes[offset]
    if c == Self.newline { return true }
    return c == Self.carriageReturn && (offset &+ 1 >= bytes.count || bytes[offset &+ 1] != Self.newline)
  }
}
