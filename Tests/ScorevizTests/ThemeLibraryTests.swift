// The themes folder: names, loading by name, cycling, and files that cannot be read or used.

import Foundation
import ScoreTestSupport
import ScoreView
import Testing

@testable import scoreviz

@Suite struct ThemeLibraryTests {
  /// The repository's top-level `themes` folder, found from this source file's place.
  private func shippedThemesFolder(file: String = #filePath) -> String {
    let parts = file.split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
    return (parts + ["themes"]).joined(separator: "/")
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

  /// Without a folder the three built-in themes exist, each the same as its file; unknown
  /// names list the available ones; cycling wraps around.
  @Test func library() throws {
    let none = ThemeLibrary(folder: nil)
    #expect(none.names() == ["dark", "high-contrast", "light"])
    #expect(try none.load(named: "dark") == LoadedTheme(theme: .builtIn, warnings: []))
    let files = ThemeLibrary(folder: shippedThemesFolder())
    for name in ["dark", "high-contrast", "light"] {
      #expect(try none.load(named: name).theme == files.load(named: name).theme)
    }
    #expect(ThemeLibrary(folder: "/nonexistent/themes").names() == ["dark", "high-contrast", "light"])
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

  /// The built-in texts are the shipped files byte for byte, so the two cannot drift apart.
  @Test func builtInTextsAreTheShippedFiles() throws {
    let folder = shippedThemesFolder()
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".toml") }
    #expect(Set(files.map { String($0.dropLast(5)) }) == Set(Theme.shippedFiles.keys))
    for (name, text) in Theme.shippedFiles {
      #expect(try String(contentsOfFile: folder + "/\(name).toml", encoding: .utf8) == text, "\(name)")
    }
  }

  /// The user's folder is $XDG_CONFIG_HOME/scoreviz/themes, else under $HOME; a later folder's
  /// file replaces a built-in theme or an earlier folder's file of the same name.
  @Test func userFoldersOverrideInOrder() throws {
    #expect(ThemeLibrary.userFolder(environment: ["XDG_CONFIG_HOME": "/c", "HOME": "/h"]) == "/c/scoreviz/themes")
    #expect(
      ThemeLibrary.userFolder(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]) == "/h/.config/scoreviz/themes")
    #expect(ThemeLibrary.userFolder(environment: [:]) == nil)
    let user = try makeTemporaryFolder()
    let given = try makeTemporaryFolder()
    let light = try String(contentsOfFile: shippedThemesFolder() + "/light.toml", encoding: .utf8)
    try light.write(toFile: user + "/dark.toml", atomically: true, encoding: .utf8)
    try light.write(toFile: user + "/mine.toml", atomically: true, encoding: .utf8)
    let dark = try String(contentsOfFile: shippedThemesFolder() + "/dark.toml", encoding: .utf8)
    try dark.write(toFile: given + "/mine.toml", atomically: true, encoding: .utf8)
    let library = ThemeLibrary(folders: [user, given])
    #expect(library.names() == ["dark", "high-contrast", "light", "mine"])
    let lightNamedDark = try Theme.decode(fileContents: Array(light.utf8), name: "dark", file: "light.toml").theme
    #expect(try library.load(named: "dark").theme == lightNamedDark)
    let darkNamedMine = try Theme.decode(fileContents: Array(dark.utf8), name: "mine", file: "dark.toml").theme
    #expect(try library.load(named: "mine").theme == darkNamedMine)
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
    #expect(library.names() == ["bad", "binary", "dark", "high-contrast", "light"])
    do {
      _ = try library.load(named: "bad")
      Issue.record("no error for bad.toml")
    } catch {
      #expect(
        error.description == folder + "/bad.toml:2:8: expected a colour '#RRGGBB', '#GG' or 'default', found '#zz'")
    }
    do {
      _ = try library.load(named: "binary")
      Issue.record("no error for binary.toml")
    } catch {
      #expect(error.description == folder + "/binary.toml: the file is not valid UTF-8")
    }
  }

  /// A theme file that never ends (a link to /dev/zero) stops at 1 MiB; a folder named like a
  /// theme cannot be opened; file names listed in a message are escaped.
  @Test func filesAreBoundedAndNamesEscaped() throws {
    let folder = NSTemporaryDirectory() + "scoreview-hostile-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder + "/folder.toml", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createSymbolicLink(atPath: folder + "/zero.toml", withDestinationPath: "/dev/zero")
    _ = FileManager.default.createFile(atPath: folder + "/bell\u{07}.toml", contents: Data())
    let library = ThemeLibrary(folder: folder)
    #expect(
      throws: ThemeError(
        file: folder + "/zero.toml", line: 0, column: 0,
        message: "file is larger than 1048576 bytes, the most a theme file may have")
    ) {
      try library.load(named: "zero")
    }
    #expect(
      throws: ThemeError(
        file: folder + "/folder.toml", line: 0, column: 0, message: "cannot open: Is a directory", kind: .cannotOpen)
    ) {
      try library.load(named: "folder")
    }
    do {
      _ = try library.load(named: "none")
      Issue.record("no error for an unknown theme")
    } catch {
      #expect(
        error.description == folder
          + ": no theme named 'none'; available: 'bell\\x07', 'dark', 'folder', 'high-contrast', 'light', 'zero'")
    }
  }
}
