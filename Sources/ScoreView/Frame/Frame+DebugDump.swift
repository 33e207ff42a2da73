// A frame as readable text: its glyph lines, then its style runs (ratatui's Buffer dump).

extension Frame: CustomDebugStringConvertible {
  /// The frame's glyphs and styles as text, for test failure messages and snapshots.
  ///
  /// Shape: a header `Frame W×H`, every row in double quotes at full width (`"` and `\`
  /// escaped with `\`), then `styles:` and one line per run
  /// `x: X, y: Y, fg: F, bg: B, attributes: [..]` at each cell, in reading order, whose style
  /// differs from the cell before it (the first cell always starts a run). Colours print as
  /// `#rrggbb` or `default`.
  ///
  /// ```
  /// Frame 3×1
  /// "ab "
  /// styles:
  /// x: 0, y: 0, fg: default, bg: default, attributes: []
  /// x: 1, y: 0, fg: #ff0000, bg: default, attributes: [bold]
  /// ```
  public var debugDump: String {
    var text = "Frame \(width)×\(height)\n"
    for y in 0..<height {
      var line = "\""
      for x in 0..<width {
        let glyph = cells[y * width + x].glyph
        if glyph == "\"" || glyph == "\\" { line += "\\" }
        line.unicodeScalars.append(glyph)
      }
      text += line + "\"\n"
    }
    text += "styles:"
    var previous: Cell?
    for (index, cell) in cells.enumerated() {
      if let previous, previous.foreground == cell.foreground,
        previous.background == cell.background, previous.attributes == cell.attributes
      {
        continue
      }
      text += "\nx: \(index % width), y: \(index / width), fg: \(Self.name(cell.foreground)), "
      text += "bg: \(Self.name(cell.background)), attributes: [\(Self.names(cell.attributes))]"
      previous = cell
    }
    return text
  }

  /// The same text as `debugDump`.
  public var debugDescription: String { debugDump }

  private static func name(_ color: CellColor) -> String {
    switch color {
    case .terminalDefault: return "default"
    case .rgb(let rgb): return rgb.hexString
    }
  }

  private static func names(_ attributes: CellAttributes) -> String {
    let all: [(CellAttributes, String)] = [
      (.bold, "bold"), (.dim, "dim"), (.underline, "underline"), (.reverse, "reverse"),
    ]
    return all.filter { attributes.contains($0.0) }.map(\.1).joined(separator: ", ")
  }
}
