// File content shown in a message: escaped so it cannot reach the terminal as control bytes, and shortened.

/// Text taken from a file, made safe to print in a one-line message.
///
/// Error messages quote the offending token (`expected a number, found 'abc'`). That token
/// comes from a file, so it may hold an escape sequence, a bell, a carriage return or a line
/// break, which would recolour, beep or split the user's terminal, or invalid UTF-8. As git
/// and Python's `repr` do, every scalar that does not print is written as an escape:
///
/// | found | shown |
/// | --- | --- |
/// | tab, line feed, carriage return | `\t`, `\n`, `\r` |
/// | backslash | `\\` |
/// | other scalars up to U+00FF that do not print (ESC, BEL, DEL, C1 controls, NBSP) | `\x1b`, `\x07`, `\x7f` |
/// | other scalars that do not print (format, separators, private use, unassigned) | `\u202e`, `\U000e0001` |
/// | a byte that is not part of valid UTF-8 | `\xff` |
///
/// "Does not print" means Unicode general category Cc, Cf, Cs, Co, Cn, Zl, Zp, or Zs other
/// than the space. Long tokens are cut after `shownLimit` scalars (or invalid bytes) and end
/// in `…`.
///
/// ```
/// EscapedText.quoted("\u{1B}[31mred\u{07}")   // '\x1b[31mred\x07'
/// EscapedText.quoted(bytes: [0x61, 0xFF])     // 'a\xff'
/// ```
public enum EscapedText {
  /// The most scalars of a token that `quoted` shows before `…`.
  public static let shownLimit = 40

  /// `text` in single quotes, escaped and cut to `shownLimit` scalars.
  public static func quoted(_ text: some StringProtocol) -> String {
    "'" + escaped(text, limit: shownLimit) + "'"
  }

  /// `bytes`, read as UTF-8, in single quotes, escaped and cut to `shownLimit` scalars; a byte
  /// that is not valid UTF-8 is shown as `\xNN`.
  public static func quoted(bytes: some Collection<UInt8>) -> String {
    "'" + escaped(bytes: bytes, limit: shownLimit) + "'"
  }

  /// `text` escaped as the table above says, cut after `limit` scalars (`…` appended) when
  /// `limit` is given.
  public static func escaped(_ text: some StringProtocol, limit: Int? = nil) -> String {
    var out = ""
    var shown = 0
    for scalar in text.unicodeScalars {
      if let limit, shown == limit {
        out += "…"
        break
      }
      appendEscaped(scalar, to: &out, escapingBackslash: true)
      shown += 1
    }
    return out
  }

  /// `bytes` read as UTF-8 and escaped as `escaped(_:limit:)` does; invalid bytes as `\xNN`.
  public static func escaped(bytes: some Collection<UInt8>, limit: Int? = nil) -> String {
    var out = ""
    var shown = 0
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var pending = bytes.makeIterator()
    decoding: while true {
      if let limit, shown == limit {
        if parser.parseScalar(from: &iterator).isEmptyInput == false { out += "…" }
        break
      }
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        for _ in 0..<encoded.count { _ = pending.next() }
        appendEscaped(Unicode.UTF8.decode(encoded), to: &out, escapingBackslash: true)
      case .error(let length):
        for _ in 0..<length {
          if let byte = pending.next() { out += hexEscape(UInt32(byte), digits: 2, letter: "x") }
        }
      case .emptyInput:
        break decoding
      }
      shown += 1
    }
    return out
  }

  /// `line` with every scalar that does not print escaped, backslashes left as they are: the
  /// last step before a message reaches the terminal, so that nothing in it (a file name, a
  /// library's reason) can move the cursor or break the line. Text that `quoted` made is
  /// unchanged by it.
  public static func singleLine(_ line: some StringProtocol) -> String {
    var out = ""
    for scalar in line.unicodeScalars { appendEscaped(scalar, to: &out, escapingBackslash: false) }
    return out
  }

  /// Whether `scalar` shows as itself on a terminal: not a control, format, separator
  /// (other than the space), surrogate, private-use or unassigned code point.
  static func prints(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value >= 0x20 && scalar.value < 0x7F { return true }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
      return false
    case .spaceSeparator:
      return scalar == " "
    default:
      return true
    }
  }

  private static func appendEscaped(_ scalar: Unicode.Scalar, to out: inout String, escapingBackslash: Bool) {
    switch scalar {
    case "\\" where escapingBackslash: out += "\\\\"
    case "\t": out += "\\t"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case _ where prints(scalar): out.unicodeScalars.append(scalar)
    case _ where scalar.value <= 0xFF: out += hexEscape(scalar.value, digits: 2, letter: "x")
    case _ where scalar.value <= 0xFFFF: out += hexEscape(scalar.value, digits: 4, letter: "u")
    default: out += hexEscape(scalar.value, digits: 8, letter: "U")
    }
  }

  private static func hexEscape(_ value: UInt32, digits: Int, letter: Character) -> String {
    let hex = String(value, radix: 16)
    return "\\" + String(letter) + String(repeating: "0", count: digits - hex.count) + hex
  }
}

extension Unicode.ParseResult {
  /// Whether the parser found no more input.
  fileprivate var isEmptyInput: Bool {
    if case .emptyInput = self { return true }
    return false
  }
}
