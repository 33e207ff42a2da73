// A strict JSON reader for the safetensors header: bounded nesting, no duplicate keys, a place for every error.

/// Parses the JSON text of a safetensors header (RFC 8259) into a `JSONValue`.
///
/// Stricter than `JSONDecoder` where a hostile header would do harm or be misread:
/// - arrays and objects nest at most `nestingLimit` deep (a real header nests 3 deep), so
///   `[[[[…` cannot exhaust the stack;
/// - a key may appear only once in an object, as the safetensors library requires: two
///   tensors of the same name are an error, not one silently dropped;
/// - every error names its 1-based line and column (in Unicode scalars) in the header.
///
/// Numbers without a fraction or exponent that fit in `Int` are `.integer`, all others
/// `.number`. Strings must not hold raw control characters; `\uXXXX` escapes must form
/// whole scalars (a lone surrogate is an error). The text must already be valid UTF-8.
struct HeaderJSONParser {
  /// The deepest nesting of arrays and objects accepted.
  static let nestingLimit = 64

  /// Why the header is not accepted: the reason and the byte offset it refers to.
  struct Failure: Error {
    enum Reason {
      /// Not JSON: the message says what was expected and found.
      case syntax(String)
      /// Arrays and objects nested deeper than `nestingLimit`.
      case tooDeep
      /// `key` appears twice in the object that is the value of `enclosingKey` (nil: the
      /// top-level object).
      case duplicateKey(String, enclosingKey: String?)
    }

    var reason: Reason
    var offset: Int
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  private var index = 0

  /// Parses `bytes`, which must hold one JSON value with optional whitespace around it.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
    var parser = HeaderJSONParser(bytes: bytes)
    let value = try parser.parseValue(depth: 0, enclosingKey: nil)
    parser.skipWhitespace()
    guard parser.index == bytes.count else { throw parser.syntax("expected the end of the header") }
    return value
  }

  /// The 1-based line and column (in Unicode scalars) of byte `offset` of `bytes`.
  static func place(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for byte in bytes[0..<min(offset, bytes.count)] {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }

  private init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  /// A syntax failure at the current byte, naming what is there.
  private func syntax(_ expected: String) -> Failure {
    Failure(reason: .syntax("\(expected), found \(foundToken)"), offset: index)
  }

  /// The byte or scalar at the current position as a message quotes it.
  private var foundToken: String {
    guard index < bytes.count else { return "the end of the header" }
    var end = index + 1
    while end < bytes.count, end - index < 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
    return EscapedText.quoted(bytes: bytes[index..<end])
  }

  private mutating func skipWhitespace() {
    while let byte = current,
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
        || byte == UInt8(ascii: "\r")
    {
      index += 1
    }
  }

  private mutating func parseValue(depth: Int, enclosingKey: String?) throws(Failure) -> JSONValue {
    skipWhitespace()
    guard let byte = current else { throw syntax("expected a value") }
    switch byte {
    case UInt8(ascii: "{"):
      guard depth < Self.nestingLimit else { throw Failure(reason: .tooDeep, offset: index) }
      return try parseObject(depth: depth + 1, ownKey: enclosingKey)
    case UInt8(ascii: "["):
      guard depth < Self.nestingLimit else { throw Failure(reason: .tooDeep, offset: index) }
      return try parseArray(depth: depth + 1, enclosingKey: enclosingKey)
    case UInt8(ascii: "\""):
      return .string(try parseString())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return try parseNumber()
    default:
      for (word, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)]
      where matches(word) {
        index += word.utf8.count
        return value
      }
      throw syntax("expected a value")
    }
  }

  private func matches(_ word: String) -> Bool {
    let utf8 = word.utf8
    guard bytes.count - index >= utf8.count else { return false }
    return zip(bytes[index...], utf8).allSatisfy { $0 == $1 }
  }

  /// An object; `ownKey` is the key whose value it is (nil at the top or in an array of the
  /// top), for the duplicate-key message.
  private mutating func parseObject(depth: Int, ownKey: String?) throws(Failure) -> JSONValue {
    index += 1
    var members = JSONObject()
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      let keyOffset = index
      guard current == UInt8(ascii: "\"") else { throw syntax("expected a key in double quotes") }
      let key = try parseString()
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw syntax("expected ':' after the key") }
      index += 1
      let value = try parseValue(depth: depth, enclosingKey: key)
      guard members[key] == nil else {
        throw Failure(reason: .duplicateKey(key, enclosingKey: ownKey), offset: keyOffset)
      }
      members.append(key, value)
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","):
        index += 1
      case UInt8(ascii: "}"):
        index += 1
        return .object(members)
      default:
        throw syntax("expected ',' or '}' in an object")
      }
    }
  }

  private mutating func parseArray(depth: Int, enclosingKey: String?) throws(Failure) -> JSONValue {
    index += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      elements.append(try parseValue(depth: depth, enclosingKey: enclosingKey))
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","):
        index += 1
      case UInt8(ascii: "]"):
        index += 1
        return .array(elements)
      default:
        throw syntax("expected ',' or ']' in an array")
      }
    }
  }

  /// A string from its opening quote to its closing one, escapes decoded.
  private mutating func parseString() throws(Failure) -> String {
    let opening = index
    index += 1
    var scalars = String.UnicodeScalarView()
    var runStart = index
    func flushRun(upTo end: Int) {
      scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
    }
    while true {
      guard let byte = current else {
        throw Failure(reason: .syntax("unterminated string"), offset: opening)
      }
      switch byte {
      case UInt8(ascii: "\\"):
        flushRun(upTo: index)
        scalars.append(try parseEscape())
        runStart = index
      case UInt8(ascii: "\""):
        flushRun(upTo: index)
        index += 1
        return String(scalars)
      case 0..<0x20:
        throw syntax("expected control characters in a string to be escaped")
      default:
        index += 1
      }
    }
  }

  /// One escape after a backslash; `\uD83D\uDE00` pairs make one scalar.
  private mutating func parseEscape() throws(Failure) -> Unicode.Scalar {
    let start = index
    index += 1
    guard let letter = current else { throw syntax("expected an escape") }
    index += 1
    switch letter {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let first = try parseHexQuad()
      if (0xD800..<0xDC00).contains(first), matches("\\u") {
        index += 2
        let second = try parseHexQuad()
        if (0xDC00..<0xE000).contains(second),
          let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        {
          return scalar
        }
      }
      guard let scalar = Unicode.Scalar(first) else {
        throw Failure(reason: .syntax("unpaired surrogate in a \\u escape"), offset: start)
      }
      return scalar
    default:
      index -= 1
      throw syntax("expected an escape letter (\\\" \\\\ / b f n r t u) after a backslash")
    }
  }

  private mutating func parseHexQuad() throws(Failure) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = current, let digit = Self.hexDigitValue(byte) else {
        throw syntax("expected four hexadecimal digits after \\u")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
  private mutating func parseNumber() throws(Failure) -> JSONValue {
    let start = index
    if current == UInt8(ascii: "-") { index += 1 }
    func digits() -> Int {
      let first = index
      while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
      return index - first
    }
    let integerStart = index
    let integerDigits = digits()
    guard integerDigits > 0 else { throw syntax("expected a digit") }
    if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") {
      index = integerStart + 1
      throw syntax("expected no leading zero in a number")
    }
    var isInteger = true
    if current == UInt8(ascii: ".") {
      index += 1
      isInteger = false
      guard digits() > 0 else { throw syntax("expected a digit after the decimal point") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      index += 1
      isInteger = false
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard digits() > 0 else { throw syntax("expected a digit in the exponent") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if isInteger, let value = Int(text) { return .integer(value) }
    return .number(Double(text) ?? (text.hasPrefix("-") ? -.infinity : .infinity))
  }
}
