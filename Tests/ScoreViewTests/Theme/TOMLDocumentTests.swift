// The TOML subset: every value form, positions, and each error with its line and column.

import ScoreView
import Testing

@Suite struct TOMLDocumentTests {
  private func parse(_ text: String) throws(ThemeError) -> TOMLDocument {
    try TOMLDocument.parse(text, file: "t.toml")
  }

  /// Values of every supported form, with the key's and the value's places.
  @Test func values() throws {
    let text = """
      # leading comment
      top = 1
      [colors]   # trailing comment
      "quoted key" = "a\\tb\\"c\\\\d\\u00e9\\U0001F600"
      literal = 'C:\\path'
      negative = -1_000
      ratio = 2.5e-3
      plain = +3.0
      flag = true
      other = false
      list = [ "#112233" , 4,
        # comment inside
        [1.5], ]
      empty = []
      """
    let document = try parse(text)
    #expect(document.tables == [TOMLDocument.Table(name: "colors", line: 3, column: 2)])
    let entries = Dictionary(uniqueKeysWithValues: document.entries.map { ($0.key, $0) })
    #expect(entries["top"]?.table == "")
    #expect(entries["top"]?.value.kind == .integer(1))
    #expect(entries["quoted key"]?.value.kind == .string("a\tb\"c\\dé😀"))
    #expect(entries["quoted key"]?.line == 4)
    #expect(entries["quoted key"]?.column == 1)
    #expect(entries["quoted key"]?.value.column == 16)
    #expect(entries["literal"]?.value.kind == .string("C:\\path"))
    #expect(entries["negative"]?.value.kind == .integer(-1000))
    #expect(entries["ratio"]?.value.kind == .float(2.5e-3))
    #expect(entries["plain"]?.value.kind == .float(3))
    #expect(entries["flag"]?.value.kind == .boolean(true))
    #expect(entries["other"]?.value.kind == .boolean(false))
    guard case .array(let list)? = entries["list"]?.value.kind else {
      Issue.record("list is not an array")
      return
    }
    #expect(
      list.map(\.kind) == [.string("#112233"), .integer(4), .array([TOMLValue(.float(1.5), line: 13, column: 4)])])
    #expect(list.map(\.line) == [11, 11, 13])
    #expect(list.map(\.column) == [10, 22, 3])
    #expect(entries["empty"]?.value.kind == .array([]))
    #expect(entries["empty"]?.table == "colors")
  }

  /// CRLF line ends and a file without a final newline parse the same as LF.
  @Test func lineEnds() throws {
    let unix = try parse("[a]\nk = 1\n")
    let windows = try parse("[a]\r\nk = 1\r\n")
    let bare = try parse("[a]\nk = 1")
    #expect(unix == windows)
    #expect(unix == bare)
  }

  /// Each malformed input gives its exact `file:line:column: message`.
  @Test(arguments: [
    ("k = \"abc", "t.toml:1:5: unterminated string"),
    ("\nk = \"a\\qb\"", "t.toml:2:7: unknown escape '\\q'"),
    ("k = \"\\u12\"", "t.toml:1:6: invalid Unicode escape '\\u12'"),
    ("k = \"\\uD800\"", "t.toml:1:6: invalid Unicode escape '\\uD800'"),
    ("k 1", "t.toml:1:3: expected '=' after key 'k', found '1'"),
    ("k = ", "t.toml:1:5: expected a value, found the end of the file"),
    ("k = abc", "t.toml:1:5: expected a value, found 'abc'"),
    ("k = 1__0", "t.toml:1:5: expected a value, found '1__0'"),
    ("k = 1.", "t.toml:1:5: expected a value, found '1.'"),
    ("k = inf", "t.toml:1:5: expected a value, found 'inf'"),
    ("k = 0x1F", "t.toml:1:5: expected a value, found '0x1F'"),
    ("k = 99999999999999999999", "t.toml:1:5: integer '99999999999999999999' is out of range"),
    ("k = 1 2", "t.toml:1:7: expected the end of the line, found '2'"),
    ("k = [1, 2", "t.toml:1:5: unterminated array"),
    ("k = [1 2]", "t.toml:1:8: expected ',' or ']' in an array, found '2'"),
    ("k = {a = 1}", "t.toml:1:5: inline tables are not supported"),
    ("k = \"\"\"a\"\"\"", "t.toml:1:5: multi-line strings are not supported"),
    ("a.b = 1", "t.toml:1:2: dotted keys are not supported"),
    ("[[t]]", "t.toml:1:2: arrays of tables are not supported"),
    ("[t", "t.toml:1:3: expected ']' to close the table header, found the end of the file"),
    ("[t]\n[t]", "t.toml:2:2: duplicate table 't'"),
    ("k = 1\n  k = 2", "t.toml:2:3: duplicate key 'k'"),
    ("= 1", "t.toml:1:1: expected a key, found '='"),
  ])
  func errors(text: String, message: String) {
    #expect(throws: ThemeError.self) { try parse(text) }
    do {
      _ = try parse(text)
    } catch {
      #expect(error.description == message)
    }
  }
}
