// A parser for the small subset of Python literals that an NPY header dictionary is written in.

/// A Python literal value: what `ast.literal_eval` would return for an NPY header.
///
/// Covers dicts, tuples, lists, strings (single or double quotes, backslash escapes),
/// integers, `True`, `False` and `None`, with any spacing and trailing commas.
indirect enum PythonLiteral {
  case dictionary([(key: PythonLiteral, value: PythonLiteral)])
  case tuple([PythonLiteral])
  case list([PythonLiteral])
  case string(String)
  case integer(Int)
  case boolean(Bool)
  case none

  /// The literal written the way Python's `repr` writes it: `'<f8'`, `(10, 2)`, `(10,)`.
  var pythonRepresentation: String {
    switch self {
    case .dictionary(let pairs):
      "{" + pairs.map { "\($0.key.pythonRepresentation): \($0.value.pythonRepresentation)" }.joined(separator: ", ") + "}"
    case .tuple(let items) where items.count == 1: "(\(items[0].pythonRepresentation),)"
    case .tuple(let items): "(" + items.map(\.pythonRepresentation).joined(separator: ", ") + ")"
    case .list(let items): "[" + items.map(\.pythonRepresentation).joined(separator: ", ") + "]"
    case .string(let text): "'\(text)'"
    case .integer(let value): String(value)
    case .boolean(let value): value ? "True" : "False"
    case .none: "None"
    }
  }

  /// Why a text is not a literal: a message and the 0-based character offset it refers to.
  struct SyntaxError: Error {
    var message: String
    var offset: Int
  }

  /// Parses `text`, which must hold exactly one literal (surrounding whitespace allowed).
  static func parse(_ text: String) throws(SyntaxError) -> PythonLiteral {
    var parser = Parser(characters: Array(text.unicodeScalars))
    let value = try parser.parseValue()
    parser.skipWhitespace()
    guard parser.index == parser.characters.count else {
      throw parser.failure("unexpected '\(parser.characters[parser.index])' after the dictionary")
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

    mutating func parseValue() throws(SyntaxError) -> PythonLiteral {
      skipWhitespace()
      guard index < characters.count else { throw failure("unexpected end of header") }
      switch characters[index] {
      case "{":
        index += 1
        var pairs: [(key: PythonLiteral, value: PythonLiteral)] = []
        while true {
          skipWhitespace()
          if try consume("}") { return .dictionary(pairs) }
          let key = try parseValue()
          skipWhitespace()
          guard try consume(":") else { throw failure("expected ':' after key \(key.pythonRepresentation)") }
          let value = try parseValue()
          pairs.append((key, value))
          skipWhitespace()
          if try consume("}") { return .dictionary(pairs) }
          guard try consume(",") else { throw failure("expected ',' or '}' in the dictionary") }
        }
      case "(":
        index += 1
        let (items, sawComma) = try parseSequence(closing: ")")
        return items.count == 1 && !sawComma ? items[0] : .tuple(items)
      case "[":
        index += 1
        return .list(try parseSequence(closing: "]").items)
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
          throw failure("unexpected '\(shown)'")
        }
      }
    }

    /// Items up to `closing`, and whether a comma was seen (which makes `(1,)` a tuple).
    mutating func parseSequence(closing: Unicode.Scalar) throws(SyntaxError) -> (items: [PythonLiteral], sawComma: Bool) {
      var items: [PythonLiteral] = []
      var sawComma = false
      while true {
        skipWhitespace()
        if try consume(closing) { return (items, sawComma) }
        items.append(try parseValue())
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
      guard index > digitsStart, let value = Int(digits) else {
        index = start
        throw failure("expected an integer, found '\(digits)'")
      }
      if index < characters.count, characters[index] == "L" { index += 1 }
      return value
    }
  }
}
