// Reading a theme from the text of a TOML theme file.

import ScoreCore

/// A theme read from a file, with the keys that were skipped.
public struct LoadedTheme: Sendable, Equatable {
  /// The theme; roles and gradients the file did not set are the built-in ones.
  public var theme: Theme
  /// Unknown tables and keys, skipped, in file order.
  public var warnings: [ThemeWarning]

  public init(theme: Theme, warnings: [ThemeWarning]) {
    self.theme = theme
    self.warnings = warnings
  }
}

extension Theme {
  /// Reads a theme named `name` from the bytes of a theme file; `file` names it in messages.
  ///
  /// - Throws: `ThemeError` for bytes that are not UTF-8 (line 0, "the file is not valid
  ///   UTF-8"), otherwise as `decode(toml:name:file:)`.
  public static func decode(
    fileContents bytes: [UInt8], name: String, file: String
  ) throws(ThemeError) -> LoadedTheme {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw ThemeError(file: file, line: 0, column: 0, message: "the file is not valid UTF-8")
    }
    return try decode(toml: text, name: name, file: file)
  }

  /// Reads a theme named `name` from the text of a theme file; `file` names it in messages.
  ///
  /// Format (the TOML subset of `TOMLDocument`):
  ///
  /// ```
  /// [colors]                      # one key per ThemeRole raw value
  /// text = "#d0d0d0"              # "#RRGGBB", the grey "#GG", or "default" (terminal's own)
  /// [gradients]                   # one key per ThemeGradient raw value
  /// heat_map = ["#440154", "#21918c", "#fde725"]   # ≥ 2 stops, evenly spaced, RGB only
  /// ```
  ///
  /// As in btop, a role or gradient the file leaves out takes `Theme.builtIn`'s value, and
  /// unknown tables and keys (including any key outside a table) are skipped and returned as
  /// warnings. A value of the wrong type or form is an error.
  ///
  /// - Throws: `ThemeError` with the line and column of the malformed value (of the element,
  ///   inside an array) or of the TOML syntax error.
  public static func decode(
    toml text: String, name: String, file: String
  ) throws(ThemeError) -> LoadedTheme {
    let document = try TOMLDocument.parse(text, file: file)
    var warnings: [ThemeWarning] = []
    for table in document.tables where table.name != "colors" && table.name != "gradients" {
      warnings.append(
        ThemeWarning(
          file: file, line: table.line, column: table.column,
          message: "unknown table \(EscapedText.quoted(table.name)) skipped"))
    }
    var colors: [ThemeRole: CellColor] = [:]
    var gradients: [ThemeGradient: ColorMap] = [:]
    for entry in document.entries {
      switch entry.table {
      case "colors":
        if let role = ThemeRole(rawValue: entry.key) {
          colors[role] = try color(entry.value, file: file)
          continue
        }
      case "gradients":
        if let gradient = ThemeGradient(rawValue: entry.key) {
          gradients[gradient] = try colorMap(entry.value, file: file)
          continue
        }
      case "":
        break
      default:
        continue
      }
      let place = entry.table.isEmpty ? "outside any table" : "in table \(EscapedText.quoted(entry.table))"
      warnings.append(
        ThemeWarning(
          file: file, line: entry.line, column: entry.column,
          message: "unknown key \(EscapedText.quoted(entry.key)) \(place) skipped"))
    }
    return LoadedTheme(
      theme: Theme(name: name, colors: colors, gradients: gradients), warnings: warnings)
  }

  private static func color(_ value: TOMLValue, file: String) throws(ThemeError) -> CellColor {
    guard case .string(let text) = value.kind else {
      throw typeError(value, expected: "a colour string", file: file)
    }
    if text == "default" { return .terminalDefault }
    guard let rgb = RGB(hex: text) else {
      throw ThemeError(
        file: file, line: value.line, column: value.column,
        message: "expected a colour '#RRGGBB', '#GG' or 'default', found \(EscapedText.quoted(text))")
    }
    return .rgb(rgb)
  }

  private static func colorMap(_ value: TOMLValue, file: String) throws(ThemeError) -> ColorMap {
    guard case .array(let elements) = value.kind else {
      throw typeError(value, expected: "an array of colours", file: file)
    }
    var stops: [RGB] = []
    for element in elements {
      guard case .string(let text) = element.kind else {
        throw typeError(element, expected: "a colour string", file: file)
      }
      guard let rgb = RGB(hex: text) else {
        throw ThemeError(
          file: file, line: element.line, column: element.column,
          message: "expected a gradient colour '#RRGGBB' or '#GG', found \(EscapedText.quoted(text))")
      }
      stops.append(rgb)
    }
    guard stops.count >= 2 else {
      throw ThemeError(
        file: file, line: value.line, column: value.column,
        message: "a gradient needs at least 2 colours, found \(stops.count)")
    }
    return ColorMap(stops: stops)
  }

  private static func typeError(
    _ value: TOMLValue, expected: String, file: String
  ) -> ThemeError {
    let found: String
    switch value.kind {
    case .string(let text): found = "string \(EscapedText.quoted(text))"
    case .integer(let number): found = "integer '\(number)'"
    case .float(let number): found = "float '\(number)'"
    case .boolean(let flag): found = "boolean '\(flag)'"
    case .array: found = "an array"
    }
    return ThemeError(
      file: file, line: value.line, column: value.column,
      message: "expected \(expected), found \(found)")
  }
}
