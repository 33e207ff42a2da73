// File content quoted in messages: every kind of byte that must not reach the terminal, and the cut.

import ScoreCore
import Testing

@Suite struct EscapedTextTests {
  /// Each scalar that does not print becomes its escape, as Python's repr writes it.
  @Test(arguments: [
    ("abc", "'abc'"),
    ("\u{1B}[31mred\u{07}", "'\\x1b[31mred\\x07'"),
    ("a\rb\nc\td", "'a\\rb\\nc\\td'"),
    ("C:\\path", "'C:\\\\path'"),
    ("\u{00}\u{7F}\u{85}\u{9B}", "'\\x00\\x7f\\x85\\x9b'"),
    ("no\u{A0}break", "'no\\xa0break'"),
    ("\u{202E}evil\u{2028}", "'\\u202eevil\\u2028'"),
    ("\u{E0001}\u{10FFFF}", "'\\U000e0001\\U0010ffff'"),
    ("σ = 0.1 😀 é", "'σ = 0.1 😀 é'"),
    ("it's", "'it's'"),
  ])
  func quotedEscapesWhatDoesNotPrint(text: String, shown: String) {
    #expect(EscapedText.quoted(text) == shown)
  }

  /// Bytes that are not UTF-8 show as \xNN, one escape per byte; valid sequences around them
  /// decode.
  @Test(arguments: [
    ([0x61, 0xFF, 0x62] as [UInt8], "'a\\xffb'"),
    ([0xC3, 0xA9, 0xC3], "'é\\xc3'"),
    ([0xED, 0xA0, 0x80], "'\\xed\\xa0\\x80'"),
    ([0xC0, 0xAF], "'\\xc0\\xaf'"),
    ([0x1B, 0x5B, 0x32, 0x4A], "'\\x1b[2J'"),
    ([], "''"),
  ])
  func quotedBytesShowInvalidUTF8(bytes: [UInt8], shown: String) {
    #expect(EscapedText.quoted(bytes: bytes) == shown)
  }

  /// Tokens are cut after 40 scalars (invalid bytes count one each), and only when longer.
  @Test func longTokensAreCut() {
    let forty = String(repeating: "a", count: 40)
    #expect(EscapedText.quoted(forty) == "'" + forty + "'")
    #expect(EscapedText.quoted(forty + "b") == "'" + forty + "…'")
    #expect(
      EscapedText.quoted(String(repeating: "\u{1B}", count: 100)) == "'" + String(repeating: "\\x1b", count: 40) + "…'")
    #expect(
      EscapedText.quoted(bytes: Array(repeating: 0xFF, count: 41)) == "'" + String(repeating: "\\xff", count: 40) + "…'"
    )
    #expect(EscapedText.quoted(bytes: Array(forty.utf8)) == "'" + forty + "'")
    #expect(EscapedText.quoted(bytes: Array((forty + "é").utf8)) == "'" + forty + "…'")
    let combining = "e" + String(repeating: "\u{301}", count: 100_000)
    #expect(EscapedText.quoted(combining).unicodeScalars.count == 40 + 3)
  }

  /// The last pass over a whole line escapes what does not print but leaves backslashes,
  /// so quoted text passes through unchanged.
  @Test func singleLineKeepsQuotedTextAndEscapesTheRest() {
    let quoted = EscapedText.quoted("\u{1B}]0;title\u{07} \\ \n")
    #expect(EscapedText.singleLine(quoted) == quoted)
    #expect(EscapedText.singleLine("dir\u{1B}/f.csv:1:2: a\\b\r\n") == "dir\\x1b/f.csv:1:2: a\\b\\r\\n")
  }
}
