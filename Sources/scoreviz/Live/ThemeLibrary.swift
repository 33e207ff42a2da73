// The themes a user can choose by name: the built-in ones, then the user's and --themes-dir's files.

import Foundation
import ScoreCore
import ScoreView

/// The themes available by name: the shipped ones built into the binary, then every
/// `NAME.toml` in each of `folders`, a later folder's file taking the place of an earlier
/// one's or of a built-in theme of the same name.
///
/// The live view's folders are the user's (`$XDG_CONFIG_HOME/scoreviz/themes`, by default
/// `~/.config/scoreviz/themes`) and then `--themes-dir`. A missing or unreadable folder
/// adds nothing, so scoreviz starts without any files. Names sort by Unicode scalar order;
/// `name(after:)` cycles through them for a key. The library reads the files;
/// `Theme.decode(fileContents:name:file:)` in ScoreView validates and parses them.
///
/// ```
/// let library = ThemeLibrary(folders: [ThemeLibrary.userFolder(environment: env)])
/// let loaded = try library.load(named: options.theme ?? Theme.builtIn.name)
/// for warning in loaded.warnings { log(warning.description) }
/// ```
struct ThemeLibrary: Sendable, Equatable {
  /// The folders searched for `*.toml` files, the last one first.
  var folders: [String]

  /// A library of the built-in themes and the files in `folders` (later ones win).
  init(folders: [String]) {
    self.folders = folders
  }

  /// A library of the built-in themes and the files in `folder`.
  init(folder: String?) {
    self.init(folders: folder.map { [$0] } ?? [])
  }

  /// The user's themes folder: `$XDG_CONFIG_HOME/scoreviz/themes`, or
  /// `$HOME/.config/scoreviz/themes` when `XDG_CONFIG_HOME` is unset, empty or relative (as
  /// the XDG Base Directory specification says); nil without either.
  static func userFolder(environment: [String: String]) -> String? {
    if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
      return config + "/scoreviz/themes"
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.config/scoreviz/themes"
  }

  /// The themes shipped in the package's `themes` folder and built in, offered by shell completion.
  static let shippedNames = Theme.shippedFiles.keys.sorted()

  /// The largest theme file read, 1 MiB; the shipped ones are about 1 kB.
  static let largestFileSize = 1 << 20

  /// Every theme name, sorted, each once; always contains the built-in ones.
  func names() -> [String] {
    var names = Set(Theme.shippedFiles.keys).union([Theme.builtIn.name])
    for folder in folders {
      guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
      for file in files where file.hasSuffix(".toml") && file.count > 5 {
        names.insert(String(file.dropLast(5)))
      }
    }
    return names.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
  }

  /// The theme called `name`: the file `name.toml` of the last folder that has one, else
  /// the built-in theme of that name.
  ///
  /// - Throws: `ThemeError` for an unknown name (listing the available ones), an unreadable
  ///   file (kind `.cannotOpen`), one larger than `largestFileSize` or not UTF-8 (line 0),
  ///   or a malformed file (its line and column).
  func load(named name: String) throws(ThemeError) -> LoadedTheme {
    if !name.isEmpty, !name.contains("/") {
      for folder in folders.reversed() {
        let path = folder + "/" + name + ".toml"
        guard FileManager.default.fileExists(atPath: path) else { continue }
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
    if let text = Theme.shippedFiles[name] {
      return try Theme.decode(fileContents: Array(text.utf8), name: name, file: "built-in \(name).toml")
    }
    let available = names().map { EscapedText.quoted($0) }.joined(separator: ", ")
    throw ThemeError(
      file: folders.last ?? "themes", line: 0, column: 0,
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
