// Theme files made to hurt the parser: deep nesting, escape bytes in keys and values.

import ScoreView
import Testing

@Suite struct HostileThemeTests {
  /// The description of the error decoding `text`, or nil when it decodes.
  private func decodeError(_ text: String) -> String? {
    do {
      _ = try Theme.decode(toml: text, name: "t", file: "t.toml")
      return nil
    } catch {
      return error.description
    }
  }

  /// Arrays nest at most 64 deep: 100,000 brackets are an error at the 65th, not a stack
  /// overflow; 64 parse.
  @Test func nestingIsBounded() throws {
    let message = "t.toml:2:72: arrays nested deeper than 64 levels"
    #expect(decodeError("[colors]\ntext = " + String(repeating: "[", count: 100_000)) == message)
    #expect(
      decodeError("[colors]\ntext = " + String(repeating: "[", count: 65) + String(repeating: "]", count: 65))
        == message)
    let deepest = "k = " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    let document = try TOMLDocument.parse(deepest, file: "t.toml")
    #expect(document.entries.count == 1)
  }

  /// Values, keys and tokens from the file are escaped in errors and warnings.
  @Test(arguments: [
    (
      "[colors]\ntext = \"\u{1B}[31m\"",
      "t.toml:2:8: expected a colour '#RRGGBB', '#GG' or 'default', found '\\x1b[31m'"
    ),
    (
      "[colors]\ntext = \"\\u001b]0;x\\u0007\"",
      "t.toml:2:8: expected a colour '#RRGGBB', '#GG' or 'default', found '\\x1b]0;x\\x07'"
    ),
    (
      "[gradients]\nheat_map = [\"#000000\", \"\\r\\n\"]",
      "t.toml:2:24: expected a gradient colour '#RRGGBB' or '#GG', found '\\r\\n'"
    ),
    ("[colors]\naxis = \"\u{202E}\"", "t.toml:2:8: expected a colour '#RRGGBB', '#GG' or 'default', found '\\u202e'"),
    ("k = \u{1B}[2J", "t.toml:1:5: expected a value, found '\\x1b[2J'"),
    ("k = \"a\\\u{1B}\"", "t.toml:1:7: unknown escape '\\\\x1b'"),
    ("\"\u{07}\" = 1\n\"\u{07}\" = 2", "t.toml:2:1: duplicate key '\\x07'"),
    (
      "k = \(String(repeating: "9", count: 1000))",
      "t.toml:1:5: integer '\(String(repeating: "9", count: 40))…' is out of range"
    ),
  ])
  func fileTextIsEscapedInErrors(text: String, message: String) {
    #expect(decodeError(text) == message)
  }

  @Test func warningsAreEscaped() throws {
    let loaded = try Theme.decode(
      toml: "colors = 5\n[\"\u{1B}[2J\"]\n[colors]\n\"a\\u001bb\" = 1", name: "t", file: "t.toml")
    #expect(
      loaded.warnings.map(\.description) == [
        "t.toml:2:2: unknown table '\\x1b[2J' skipped",
        "t.toml:1:1: unknown key 'colors' outside any table skipped",
        "t.toml:4:1: unknown key 'a\\x1bb' in table 'colors' skipped",
      ])
  }
}
