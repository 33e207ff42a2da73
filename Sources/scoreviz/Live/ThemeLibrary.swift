// The themes a user can choose by name: the files of a themes folder plus the built-in one.

import Foundation
import ScoreCore
import ScoreView

/// The themes available by name: every `NAME.toml` in `folder`, plus the built-in "dark".
///
/// A missing or unreadable folder leaves just the built-in theme, so scoreviz starts
/// without any files. A file `dark.toml` takes the built-in name's place (so an edited copy
/// wins). Names sort by Unicode scalar order; `name(after:)` cycles through them for a key.
/// The library reads the files; `Theme.decode(fileContents:name:file:)` in ScoreView
/// validates and parses them.
///
/// ```
/// let library = ThemeLibrary(folder: "themes")
/// let loaded = try library.load(named: options.theme ?? Theme.builtIn.name)
/// for warning in loaded.warnings { log(warning.description) }
/// ```
struct ThemeLibrary: Sendable, Equatable {
  /// The folder searched for `*.toml` files; nil for the built-in theme only.
  var folder: String?

  /// The themes shipped in the package's `themes` folder, offered by shell completion.
  static let shippedNames = ["dark", "light", "high-contrast"]

  /// The largest theme file read, 1 MiB; the shipped ones are about 1 kB.
  static let largestFileSize = 1 << 20

  /// Every theme name, sorted, each once; always contains `Theme.builtIn.name`.
  func names() -> [String] {
    var names: Set<String> = [Theme.builtIn.name]
    if let folder, let files = try? FileManager.default.contentsOfDirectory(atPath: folder) {
      for file in files where file.hasSuffix(".toml") && file.count > 5 {
        names.insert(String(file.dropLast(5)))
      }
    }
    return names.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
  }

  /// The theme called `name`: the file `folder/name.toml` if there is one, else the
  /// built-in theme when `name` is its name.
  ///
  /// - Throws: `ThemeError` for an unknown name (listing the available ones), an unreadable
  ///   file (kind `.cannotOpen`), one larger than `largestFileSize` or not UTF-8 (line 0),
  ///   or a malformed file (its line and column).
  func load(named name: String) throws(ThemeError) -> LoadedTheme {
    if let folder, !name.isEmpty, !name.contains("/") {
      let path = folder + "/" + name + ".toml"
      if FileManager.default.fileExists(atPath: path) {
        let data: [UInt8]
        do {
          data = try FileBytes.read(path: path, limit: Self.largestFileSize)
        } catch {
          switch error {
          case .cannotOpen(let reason):
            throw ThemeError(file: path, line: 0, column: 0, message: "cannot open: " + reason, kind: .cannotOpen)
          case .tooLarge(let limit):
            throw ThemeError(
              file: path, line: 0, column: 0,
              message: "file is larger than \(limit) bytes, the most a theme file may have")
          }
        }
        return try Theme.decode(fileContents: data, name: name, file: path)
      }
    }
    if name == Theme.builtIn.name { return LoadedTheme(theme: .builtIn, warnings: []) }
    let available = names().map { EscapedText.quoted($0) }.joined(separator: ", ")
    throw ThemeError(
      file: folder ?? "themes", line: 0, column: 0,
      message: "no theme named \(EscapedText.quoted(name)); available: \(available)")
  }

  /// The name after `current` in `names()`, wrapping to the first; the first name when
  /// `current` is not among them.
  func name(after current: String) -> String {
    let all = names()
    guard let position = all.firstIndex(of: current) else { return all[0] }
    return all[(position + 1) % all.count]
  }
}
