// A parser for the small subset of Python literals that an NPY header dictionary is written in.

/// A Python literal value: what `ast.literal_eval` would return for an NPY header.
///
/// Covers dicts, tuples, lists, strings (single or double quotes, backslash escapes),
/// integers, `True`, `False` and `None`, with any spacing and trailing commas. Containers
/// nest at most `nestingLimit` deep (an NPY header nests 2 deep), so a header of thousands
/// of `(` is an error rather than a stack overflow.
indirect enum PythonLiteral {
  case dictionary([(key: PythonLiteral, value: PythonLiteral)])
  case tuple([PythonLiteral])
  case list([PythonLiteral])
  case string(String)
  case integer(Int)
  case boolean(Bool)
  case none

  /// The deepest nesting of dicts, tuples and lists `parse` accepts.
  static let nestingLimit = 64

  /// The literal written the way Python's `repr` writes it: `'<f8'`, `(10, 2)`, `(10,)`;
  /// strings escaped by `EscapedText.escaped` as `repr` escapes them (`'\x1b'`).
  var pythonRepresentation: String {
    switch self {
    case .dictionary(let pairs):
      "{" + pairs.map { "\($0.key.pythonRepresentation): \($0.value.pythonRepresentation)" }.joined(separator: ", ")
        + "}"
    case .tuple(let items) where items.count == 1: "(\(items[0].pythonRepresentation),)"
    case .tuple(let items): "(" + items.map(\.pythonRepresentation).joined(separator: ", ") + ")"
    case .list(let items): "[" + items.map(\.pythonRepresentation).joined(separator: ", ") + "]"
    case .string(let text): "'\(EscapedText.escaped(text))'"
    case .integer(let value): String(value)
    case .boolean(let value): value ? "True" : "False"
    case .none: "None"
    }
  }

  /// `pythonRepresentation` cut after 40 scalars (then `…`), for messages.
  var shownRepresentation: String {
    let full = pythonRepresentation.unicodeScalars
    guard full.count > EscapedText.shownLimit else { return pythonRepresentation }
    return String(String.UnicodeScalarView(full.prefix(EscapedText.shownLimit))) + "…"
  }

  /// Why a text is not a literal: a message and the 0-based character offset it refers to.
  struct SyntaxError: Error {
    var message: String
    var offset: Int
  }

  /// Parses `text`, which must hold exactly one literal (surrounding whitespace allowed).
  static func parse(_ text: String) throws(SyntaxError) -> PythonLiteral {
    var parser = Parser(characters: Array(text.unicodeScalars))
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    guard parser.index == parser.characters.count else {
      throw parser.failure(
        "unexpected \(EscapedText.quoted(String(parser.characters[parser.index]))) after the dictionary")
    }
    return value
  }

  /// Recursive descent over Unicode scalars.
  private struct Parser {
    let characters: [Unicode.Scalar]
    var index = 0

    func failure(_ message: String) -> SyntaxError {
      SyntaxError(message: message, offset: index)
    }

    mutating func skipWhitespace() {
      while index < characters.count, characters[index].properties.isWhitespace { index += 1 }
    }

    /// The value at `index`; `depth` is the number of containers around it.
    mutating func parseValue(depth: Int) throws(SyntaxError) -> PythonLiteral {
      skipWhitespace()
      guard index < characters.count else { throw failure("unexpected end of header") }
      if "{([".unicodeScalars.contains(characters[index]), depth >= PythonLiteral.nestingLimit {
        throw failure("nested deeper than \(PythonLiteral.nestingLimit) levels")
      }
      switch characters[index] {
      case "{":
        index += 1
        var pairs: [(key: PythonLiteral, value: PythonLiteral)] = []
        while true {
          skipWhitespace()
          if try consume("}") { return .dictionary(pairs) }
          let key = try parseValue(depth: depth + 1)
          skipWhitespace()
          guard try consume(":") else { throw failure("expected ':' after key \(key.shownRepresentation)") }
          let value = try parseValue(depth: depth + 1)
          pairs.append((key, value))
          skipWhitespace()
          if try consume("}") { return .dictionary(pairs) }
          guard try consume(",") else { throw failure("expected ',' or '}' in the dictionary") }
        }
      case "(":
        index += 1
        let (items, sawComma) = try parseSequence(closing: ")", depth: depth + 1)
        return items.count == 1 && !sawComma ? items[0] : .tuple(items)
      case "[":
        index += 1
        return .list(try parseSequence(closing: "]", depth: depth + 1).items)
      case "'", "\"":
        return .string(try parseString())
      case "-", "+", "0"..."9":
        return .integer(try parseInteger())
      default:
        let start = index
        while index < characters.count,
          characters[index].properties.isAlphabetic || characters[index] == "_"
        {
          index += 1
        }
        let word = String(String.UnicodeScalarView(characters[start..<index]))
        switch word {
        case "True": return .boolean(true)
        case "False": return .boolean(false)
        case "None": return .none
        default:
          index = start
          let shown = word.isEmpty ? String(characters[start]) : word
          throw failure("unexpected \(EscapedText.quoted(shown))")
        }
      }
    }

    /// Items up to `closing`, and whether a comma was seen (which makes `(1,)` a tuple).
    mutating func parseSequence(
      closing: Unicode.Scalar, depth: Int
    ) throws(SyntaxError) -> (items: [PythonLiteral], sawComma: Bool) {
      var items: [PythonLiteral] = []
      var sawComma = false
      while true {
        skipWhitespace()
        if try consume(closing) { return (items, sawComma) }
        items.append(try parseValue(depth: depth))
        skipWhitespace()
        if try consume(closing) { return (items, sawComma) }
        guard try consume(",") else { throw failure("expected ',' or '\(closing)'") }
        sawComma = true
      }
    }

    mutating func consume(_ character: Unicode.Scalar) throws(SyntaxError) -> Bool {
      guard index < characters.count else { throw failure("unexpected end of header") }
      if characters[index] == character {
        index += 1
        return true
      }
      return false
    }

    mutating func parseString() throws(SyntaxError) -> String {
      let quote = characters[index]
      let start = index
      index += 1
      var text = String.UnicodeScalarView()
      while index < characters.count {
        let c = characters[index]
        index += 1
        if c == quote { return String(text) }
        if c == "\\" && index < characters.count {
          let escaped = characters[index]
          index += 1
          switch escaped {
          case "n": text.append("\n")
          case "t": text.append("\t")
          default: text.append(escaped)
          }
        } else {
          text.append(c)
        }
      }
      index = start
      throw failure("unterminated string")
    }

    mutating func parseInteger() throws(SyntaxError) -> Int {
      let start = index
      if characters[index] == "-" || characters[index] == "+" { index += 1 }
      let digitsStart = index
      while index < characters.count, ("0"..."9").contains(characters[index]) { index += 1 }
      let digits = String(String.UnicodeScalarView(characters[start..<index]))
      guard index > digitsStart else {
        index = start
        throw failure("expected an integer, found \(EscapedText.quoted(digits))")
      }
      guard let value = Int(digits) else {
        index = start
        throw failure("integer \(EscapedText.quoted(digits)) is out of range")
      }
      if index < characters.count, characters[index] == "L" { index += 1 }
      return value
    }
  }
}
