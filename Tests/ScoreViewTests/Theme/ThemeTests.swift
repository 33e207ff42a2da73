// Theme files: every role and gradient, defaults, warnings, errors, the shipped files.

import Foundation
import ScoreView
import Testing

@Suite struct ThemeTests {
  private func decode(_ text: String) throws(ThemeError) -> LoadedTheme {
    try Theme.decode(toml: text, name: "t", file: "t.toml")
  }

  /// Every role and every gradient set in a file comes through, each with a distinct value.
  @Test func everyRoleAndGradient() throws {
    var text = "[colors]\n"
    for (offset, role) in ThemeRole.allCases.enumerated() {
      text += "\(role.rawValue) = \"#\(String(format: "%02x", offset))1020\"\n"
    }
    text += "[gradients]\n"
    for (offset, gradient) in ThemeGradient.allCases.enumerated() {
      text += "\(gradient.rawValue) = [\"#\(String(format: "%02x", offset))\", \"#ffffff\"]\n"
    }
    let loaded = try decode(text)
    #expect(loaded.warnings.isEmpty)
    #expect(loaded.theme.name == "t")
    for (offset, role) in ThemeRole.allCases.enumerated() {
      #expect(loaded.theme[role] == .rgb(RGB(UInt8(offset), 0x10, 0x20)), "\(role)")
    }
    for (offset, gradient) in ThemeGradient.allCases.enumerated() {
      let grey = UInt8(offset)
      #expect(loaded.theme[gradient] == ColorMap(stops: [RGB(grey, grey, grey), RGB(255, 255, 255)]))
    }
  }

  /// An empty file is the built-in theme under the file's name; "default" is the
  /// terminal's colour; unset roles keep the built-in ones.
  @Test func defaults() throws {
    var expected = Theme.builtIn
    expected.name = "t"
    #expect(try decode("") == LoadedTheme(theme: expected, warnings: []))
    let partial = try decode("[colors]\ntext = \"default\"\n").theme
    #expect(partial[.text] == .terminalDefault)
    #expect(partial[.points] == Theme.builtIn[.points])
    #expect(partial[.heatMap] == Theme.builtIn[.heatMap])
  }

  /// Unknown tables and keys are skipped with a warning naming their place; known keys
  /// around them still load.
  @Test func unknownKeysWarn() throws {
    let text = """
      version = 2
      [colors]
      text = "#010203"
      sparkle = "#ffffff"
      [fonts]
      size = 12
      [gradients]
      rainbow = ["#000000", "#ffffff"]
      """
    let loaded = try decode(text)
    #expect(loaded.theme[.text] == .rgb(RGB(1, 2, 3)))
    #expect(
      loaded.warnings.map(\.description) == [
        "t.toml:5:2: unknown table 'fonts' skipped",
        "t.toml:1:1: unknown key 'version' outside any table skipped",
        "t.toml:4:1: unknown key 'sparkle' in table 'colors' skipped",
        "t.toml:8:1: unknown key 'rainbow' in table 'gradients' skipped",
      ])
  }

  /// Malformed values give their exact place: the value, or the array element.
  @Test(arguments: [
    ("[colors]\ntext = \"#12345\"", "t.toml:2:8: expected a colour '#RRGGBB', '#GG' or 'default', found '#12345'"),
    ("[colors]\naxis   = 3", "t.toml:2:10: expected a colour string, found integer '3'"),
    ("[colors]\naxis = [\"#000000\"]", "t.toml:2:8: expected a colour string, found an array"),
    ("[gradients]\nheat_map = \"#000000\"", "t.toml:2:12: expected an array of colours, found string '#000000'"),
    (
      "[gradients]\nheat_map = [\"#000000\",\n  \"default\"]",
      "t.toml:3:3: expected a gradient colour '#RRGGBB' or '#GG', found 'default'"
    ),
    ("[gradients]\nerror = [\"#000000\", true]", "t.toml:2:21: expected a colour string, found boolean 'true'"),
    ("[gradients]\nerror = [\"#000000\"]", "t.toml:2:9: a gradient needs at least 2 colours, found 1"),
    ("[colors]\ntext = \"#000000\" junk", "t.toml:2:18: expected the end of the line, found 'junk'"),
  ])
  func errors(text: String, message: String) {
    do {
      _ = try decode(text)
      Issue.record("no error for \(text)")
    } catch {
      #expect(error.description == message)
    }
  }

  /// Every shipped file sets every role and gradient itself rather than leaning on defaults.
  @Test func shippedThemesAreComplete() throws {
    let folder = shippedThemesFolder()
    for name in ["dark", "light", "high-contrast"] {
      let text = try String(contentsOfFile: folder + "/" + name + ".toml", encoding: .utf8)
      let document = try TOMLDocument.parse(text, file: name)
      let keys = Set(document.entries.map { $0.table + "." + $0.key })
      for role in ThemeRole.allCases { #expect(keys.contains("colors." + role.rawValue), "\(name) \(role)") }
      for gradient in ThemeGradient.allCases {
        #expect(keys.contains("gradients." + gradient.rawValue), "\(name) \(gradient)")
      }
    }
  }

  /// Bytes that are not UTF-8 are refused before parsing, naming the file.
  @Test func fileContentsMustBeUTF8() throws {
    #expect(throws: ThemeError(file: "b.toml", line: 0, column: 0, message: "the file is not valid UTF-8")) {
      try Theme.decode(fileContents: [0x5B, 0xFF, 0x5D], name: "b", file: "b.toml")
    }
    let loaded = try Theme.decode(fileContents: Array("[colors]\ntext = \"#102030\"\n".utf8), name: "b", file: "b.toml")
    #expect(loaded.theme[.text] == (try decode("[colors]\ntext = \"#102030\"\n")).theme[.text])
  }
}
