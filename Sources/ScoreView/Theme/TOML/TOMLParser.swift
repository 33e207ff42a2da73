// The recursive-descent reader behind TOMLDocument.parse.

import ScoreCore

/// Reads the TOML subset documented on `TOMLDocument`, one scalar at a time, tracking the
/// line and column of every token for error messages. Tokens from the file are quoted in
/// messages by `EscapedText`, and arrays nest at most `nestingLimit` deep.
struct TOMLParser {
  /// The deepest nesting of arrays accepted (a theme's gradients nest 1 deep), so that
  /// `k = [[[[…` is an error rather than a stack overflow.
  static let nestingLimit = 64

  private let file: String
  private let scalars: [Unicode.Scalar]
  private var index = 0
  private var line = 1
  private var lineStart = 0

  init(text: String, file: String) {
    self.file = file
    scalars = Array(text.unicodeScalars)
  }

  private var column: Int { index - lineStart + 1 }
  private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

  private func scalar(at offset: Int) -> Unicode.Scalar? {
    index + offset < scalars.count ? scalars[index + offset] : nil
  }

  private mutating func advance() {
    if scalars[index] == "\n" {
      line += 1
      lineStart = index + 1
    }
    index += 1
  }

  private func error(_ message: String, line: Int, column: Int) -> ThemeError {
    ThemeError(file: file, line: line, column: column, message: message)
  }

  private func errorHere(_ message: String) -> ThemeError {
    error(message, line: line, column: column)
  }

  /// The token at the current position as an error message quotes it.
  private var foundToken: String {
    guard let first = current else { return "the end of the file" }
    if first == "\n" || first == "\r" { return "the end of the line" }
    var end = index
    while end < scalars.count, end - index < 24 {
      let scalar = scalars[end]
      if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
        || scalar == "," || scalar == "]" || scalar == "#" || (end > index && scalar == "=")
      {
        break
      }
      end += 1
    }
    var token = String.UnicodeScalarView()
    token.append(contentsOf: scalars[index..<max(end, index + 1)])
    return EscapedText.quoted(String(token))
  }

  mutating func parseDocument() throws(ThemeError) -> TOMLDocument {
    var document = TOMLDocument(tables: [], entries: [])
    var table = ""
    var tableNames: Set<String> = [""]
    var keys: Set<[String]> = []
    while true {
      skipBlanks()
      guard let first = current else { break }
      if first == "[" {
        let header = try parseHeader()
        guard tableNames.insert(header.name).inserted else {
          throw error("duplicate table \(EscapedText.quoted(header.name))", line: header.line, column: header.column)
        }
        document.tables.append(header)
        table = header.name
      } else if first != "\n", first != "\r", first != "#" {
        let entry = try parseEntry(table: table)
        guard keys.insert([table, entry.key]).inserted else {
          throw error("duplicate key \(EscapedText.quoted(entry.key))", line: entry.line, column: entry.column)
        }
        document.entries.append(entry)
      }
      try parseEndOfLine()
    }
    return document
  }

  private mutating func skipBlanks() {
    while let scalar = current, scalar == " " || scalar == "\t" { advance() }
  }

  /// Blanks, an optional comment, then a line break or the end of the file.
  private mutating func parseEndOfLine() throws(ThemeError) {
    skipBlanks()
    if current == "#" {
      while let scalar = current, scalar != "\n" { advance() }
    }
    if current == "\r", scalar(at: 1) == "\n" { advance() }
    guard let scalar = current else { return }
    guard scalar == "\n" else { throw errorHere("expected the end of the line, found \(foundToken)") }
    advance()
  }

  private mutating func parseHeader() throws(ThemeError) -> TOMLDocument.Table {
    advance()
    if current == "[" { throw errorHere("arrays of tables are not supported") }
    skipBlanks()
    let nameLine = line
    let nameColumn = column
    let name = try parseKey()
    skipBlanks()
    if current == "." { throw errorHere("dotted keys are not supported") }
    guard current == "]" else {
      throw errorHere("expected ']' to close the table header, found \(foundToken)")
    }
    advance()
    return TOMLDocument.Table(name: name, line: nameLine, column: nameColumn)
  }

  private mutating func parseEntry(table: String) throws(ThemeError) -> TOMLDocument.Entry {
    let keyLine = line
    let keyColumn = column
    let key = try parseKey()
    skipBlanks()
    if current == "." { throw errorHere("dotted keys are not supported") }
    guard current == "=" else {
      throw errorHere("expected '=' after key \(EscapedText.quoted(key)), found \(foundToken)")
    }
    advance()
    skipBlanks()
    let value = try parseValue(depth: 0)
    return TOMLDocument.Entry(
      table: table, key: key, line: keyLine, column: keyColumn, value: value)
  }

  private mutating func parseKey() throws(ThemeError) -> String {
    if current == "\"" { return try parseBasicString() }
    var key = String.UnicodeScalarView()
    while let scalar = current, Self.isBareKeyScalar(scalar) {
      key.append(scalar)
      advance()
    }
    guard !key.isEmpty else { throw errorHere("expected a key, found \(foundToken)") }
    return String(key)
  }

  private static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
    default: return false
    }
  }

  /// The value at the current position; `depth` is the number of arrays around it.
  private mutating func parseValue(depth: Int) throws(ThemeError) -> TOMLValue {
    let valueLine = line
    let valueColumn = column
    func value(_ kind: TOMLValue.Kind) -> TOMLValue {
      TOMLValue(kind, line: valueLine, column: valueColumn)
    }
    switch current {
    case "\"":
      if scalar(at: 1) == "\"", scalar(at: 2) == "\"" {
        throw errorHere("multi-line strings are not supported")
      }
      return value(.string(try parseBasicString()))
    case "'":
      if scalar(at: 1) == "'", scalar(at: 2) == "'" {
        throw errorHere("multi-line strings are not supported")
      }
      return value(.string(try parseLiteralString()))
    case "[":
      guard depth < Self.nestingLimit else {
        throw errorHere("arrays nested deeper than \(Self.nestingLimit) levels")
      }
      return value(.array(try parseArray(depth: depth + 1)))
    case "{":
      throw errorHere("inline tables are not supported")
    default:
      return value(try parseBareValue())
    }
  }

  /// `true`, `false`, an integer or a float.
  private mutating func parseBareValue() throws(ThemeError) -> TOMLValue.Kind {
    let startColumn = column
    var token = ""
    while let scalar = current, Self.isBareKeyScalar(scalar) || scalar == "+" || scalar == "." {
      token.unicodeScalars.append(scalar)
      advance()
    }
    guard !token.isEmpty else { throw errorHere("expected a value, found \(foundToken)") }
    if token == "true" { return .boolean(true) }
    if token == "false" { return .boolean(false) }
    let badNumber = error("expected a value, found \(EscapedText.quoted(token))", line: line, column: startColumn)
    guard let digits = Self.numberWithoutUnderscores(token) else { throw badNumber }
    let isFloat = digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
    if isFloat {
      guard let number = Double(digits), number.isFinite, Self.isDecimalFloat(digits) else {
        throw badNumber
      }
      return .float(number)
    }
    guard digits.allSatisfy({ $0.isNumber || $0 == "+" || $0 == "-" }) else { throw badNumber }
    guard let number = Int(digits) else {
      throw error("integer \(EscapedText.quoted(token)) is out of range", line: line, column: startColumn)
    }
    return .integer(number)
  }

  /// `token` with its underscores removed, or nil when one is not between two digits.
  private static func numberWithoutUnderscores(_ token: String) -> String? {
    let characters = Array(token)
    for (position, character) in characters.enumerated() where character == "_" {
      guard position > 0, position + 1 < characters.count,
        characters[position - 1].isASCII, characters[position - 1].isNumber,
        characters[position + 1].isASCII, characters[position + 1].isNumber
      else { return nil }
    }
    return String(characters.filter { $0 != "_" })
  }

  /// Whether `digits` is sign? digits (. digits)? ([eE] sign? digits)? with a fraction or an
  /// exponent.
  private static func isDecimalFloat(_ digits: String) -> Bool {
    var characters = Substring(digits)
    if characters.first == "+" || characters.first == "-" { characters.removeFirst() }
    func takeDigits() -> Bool {
      let count = characters.prefix(while: { $0.isASCII && $0.isNumber }).count
      characters.removeFirst(count)
      return count > 0
    }
    guard takeDigits() else { return false }
    if characters.first == "." {
      characters.removeFirst()
      guard takeDigits() else { return false }
    }
    if characters.first == "e" || characters.first == "E" {
      characters.removeFirst()
      if characters.first == "+" || characters.first == "-" { characters.removeFirst() }
      guard takeDigits() else { return false }
    }
    return characters.isEmpty
  }

  /// The elements of an array; `depth` counts it and the arrays around it.
  private mutating func parseArray(depth: Int) throws(ThemeError) -> [TOMLValue] {
    let openLine = line
    let openColumn = column
    advance()
    var elements: [TOMLValue] = []
    while true {
      skipArraySpace()
      guard let scalar = current else {
        throw error("unterminated array", line: openLine, column: openColumn)
      }
      if scalar == "]" {
        advance()
        return elements
      }
      elements.append(try parseValue(depth: depth))
      skipArraySpace()
      if current == "," {
        advance()
      } else if current == "]" {
        advance()
        return elements
      } else if current == nil {
        throw error("unterminated array", line: openLine, column: openColumn)
      } else {
        throw errorHere("expected ',' or ']' in an array, found \(foundToken)")
      }
    }
  }

  /// Blanks, line breaks and comments inside an array.
  private mutating func skipArraySpace() {
    while let scalar = current {
      if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
        advance()
      } else if scalar == "#" {
        while let inComment = current, inComment != "\n" { advance() }
      } else {
        return
      }
    }
  }

  private mutating func parseBasicString() throws(ThemeError) -> String {
    let openLine = line
    let openColumn = column
    advance()
    var text = String.UnicodeScalarView()
    while true {
      guard let scalar = current, scalar != "\n", scalar != "\r" else {
        throw error("unterminated string", line: openLine, column: openColumn)
      }
      if scalar == "\"" {
        advance()
        return String(text)
      }
      if scalar == "\\" {
        text.append(try parseEscape())
      } else {
        text.append(scalar)
        advance()
      }
    }
  }

  private mutating func parseEscape() throws(ThemeError) -> Unicode.Scalar {
    let escapeColumn = column
    advance()
    guard let letter = current, letter != "\n", letter != "\r" else {
      throw error("unterminated string", line: line, column: escapeColumn)
    }
    advance()
    switch letter {
    case "b": return "\u{08}"
    case "t": return "\t"
    case "n": return "\n"
    case "f": return "\u{0C}"
    case "r": return "\r"
    case "\"": return "\""
    case "\\": return "\\"
    case "u", "U":
      let count = letter == "u" ? 4 : 8
      var hex = ""
      for _ in 0..<count {
        guard let digit = current, digit.properties.isASCIIHexDigit else { break }
        hex.unicodeScalars.append(digit)
        advance()
      }
      guard hex.unicodeScalars.count == count, let value = UInt32(hex, radix: 16),
        let decoded = Unicode.Scalar(value)
      else {
        throw error(
          "invalid Unicode escape '\\\(letter)\(hex)'", line: line, column: escapeColumn)
      }
      return decoded
    default:
      throw error(
        "unknown escape '\\\(EscapedText.escaped(String(letter)))'", line: line, column: escapeColumn)
    }
  }

  private mutating func parseLiteralString() throws(ThemeError) -> String {
    let openLine = line
    let openColumn = column
    advance()
    var text = String.UnicodeScalarView()
    while true {
      guard let scalar = current, scalar != "\n", scalar != "\r" else {
        throw error("unterminated string", line: openLine, column: openColumn)
      }
      advance()
      if scalar == "'" { return String(text) }
      text.append(scalar)
    }
  }
}
