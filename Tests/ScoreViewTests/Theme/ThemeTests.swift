// Theme files: every role and gradient, defaults, warnings, errors, the shipped files, the library.

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
    #expect(loaded.warnings.map(\.description) == [
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
    ("[gradients]\nheat_map = [\"#000000\",\n  \"default\"]", "t.toml:3:3: expected a gradient colour '#RRGGBB' or '#GG', found 'default'"),
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

  /// The three shipped files load without warnings; dark.toml is exactly the built-in theme.
  @Test func shippedThemes() throws {
    let library = ThemeLibrary(folder: shippedThemesFolder())
    #expect(library.names() == ["dark", "high-contrast", "light"])
    for name in library.names() {
      let loaded = try library.load(named: name)
      #expect(loaded.warnings.isEmpty, "\(name): \(loaded.warnings)")
      #expect(loaded.theme.name == name)
    }
    #expect(try library.load(named: "dark").theme == Theme.builtIn)
    #expect(try library.load(named: "light").theme != Theme.builtIn)
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

  /// Without a folder only the built-in theme exists; unknown names list the available ones;
  /// cycling wraps around.
  @Test func library() throws {
    let none = ThemeLibrary(folder: nil)
    #expect(none.names() == ["dark"])
    #expect(try none.load(named: "dark") == LoadedTheme(theme: .builtIn, warnings: []))
    #expect(ThemeLibrary(folder: "/nonexistent/themes").names() == ["dark"])
    do {
      _ = try ThemeLibrary(folder: shippedThemesFolder()).load(named: "neon")
      Issue.record("no error for an unknown theme")
    } catch {
      #expect(error.message == "no theme named 'neon'; available: 'dark', 'high-contrast', 'light'")
      #expect(error.line == 0)
    }
    let shipped = ThemeLibrary(folder: shippedThemesFolder())
    #expect(shipped.name(after: "dark") == "high-contrast")
    #expect(shipped.name(after: "light") == "dark")
    #expect(shipped.name(after: "missing") == "dark")
  }

  /// A file with a malformed value reports the file's path, line and column.
  @Test func fileErrorsCarryThePath() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "scoreview-theme-\(getpid())"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "[colors]\ntext = \"#zz\"\n".write(toFile: folder + "/bad.toml", atomically: true, encoding: .utf8)
    try Data([0x5B, 0xFF, 0x5D]).write(to: URL(fileURLWithPath: folder + "/binary.toml"))
    let library = ThemeLibrary(folder: folder)
    #expect(library.names() == ["bad", "binary", "dark"])
    do {
      _ = try library.load(named: "bad")
      Issue.record("no error for bad.toml")
    } catch {
      #expect(error.description == folder + "/bad.toml:2:8: expected a colour '#RRGGBB', '#GG' or 'default', found '#zz'")
    }
    do {
      _ = try library.load(named: "binary")
      Issue.record("no error for binary.toml")
    } catch {
      #expect(error.description == folder + "/binary.toml: the file is not valid UTF-8")
    }
  }
}
