// A frame as text with ANSI SGR escape sequences, for headless output and tests.

extension Frame {
  /// The frame as lines of text with SGR escapes, for a terminal of `colorDepth`.
  ///
  /// Colours: `.trueColor` writes `38;2;r;g;b` / `48;2;r;g;b`, `.palette256` writes
  /// `38;5;n` / `48;5;n`, `.ansi16` writes `30`–`37`/`90`–`97` and `40`–`47`/`100`–`107`,
  /// `.monochrome` writes no colour; the terminal default is `39` / `49`. Attributes: bold `1`,
  /// dim `2`, underline `4`, reverse `7`, switched off with `22` (bold and dim together),
  /// `24`, `27`. Every line starts in the default style; between cells only the parameters
  /// that change are written, compared after quantisation (two RGB values that become the
  /// same palette index need no escape); a line that ends styled ends with `ESC[0m`.
  /// Trailing cells that would show nothing (a space on the default background, neither
  /// underlined nor reversed) are left out, so with escapes removed each line equals the
  /// corresponding line of `plainText` whenever no trailing space is coloured. Lines are
  /// joined by `\n` with none after the last; a 0 × 0 frame gives "".
  public func ansiText(colorDepth: ColorDepth) -> String {
    var lines: [String] = []
    lines.reserveCapacity(height)
    for y in 0..<height {
      let row = cells[(y * width)..<(y * width + width)]
      var end = row.endIndex
      while end > row.startIndex, isInvisible(row[end - 1], colorDepth: colorDepth) { end -= 1 }
      var line = ""
      var pen = RenderedStyle.plain
      for cell in row[row.startIndex..<end] {
        let style = RenderedStyle(cell, colorDepth: colorDepth)
        if style != pen {
          line += pen.transition(to: style, colorDepth: colorDepth)
          pen = style
        }
        line.unicodeScalars.append(cell.glyph)
      }
      if pen != .plain { line += "\u{1B}[0m" }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  /// Whether `cell` shows nothing at the end of a line: a space on the default background
  /// without underline or reverse.
  private func isInvisible(_ cell: Cell, colorDepth: ColorDepth) -> Bool {
    cell.glyph == " " && colorDepth.quantize(cell.background) == .terminalDefault
      && cell.attributes.isDisjoint(with: [.underline, .reverse])
  }
}

/// A cell's style as the ANSI writer sends it: colours already quantised.
private struct RenderedStyle: Equatable {
  var foreground: QuantizedColor
  var background: QuantizedColor
  var attributes: CellAttributes

  static let plain = RenderedStyle(
    foreground: .terminalDefault, background: .terminalDefault, attributes: [])

  init(foreground: QuantizedColor, background: QuantizedColor, attributes: CellAttributes) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  init(_ cell: Cell, colorDepth: ColorDepth) {
    foreground = colorDepth.quantize(cell.foreground)
    background = colorDepth.quantize(cell.background)
    attributes = cell.attributes
  }

  /// The one SGR sequence that turns this style into `next`, naming only what changes.
  func transition(to next: RenderedStyle, colorDepth: ColorDepth) -> String {
    var parameters: [String] = []
    let removed = attributes.subtracting(next.attributes)
    var added = next.attributes.subtracting(attributes)
    if !removed.isDisjoint(with: [.bold, .dim]) {
      parameters.append("22")
      added.formUnion(next.attributes.intersection([.bold, .dim]))
    }
    if removed.contains(.underline) { parameters.append("24") }
    if removed.contains(.reverse) { parameters.append("27") }
    if added.contains(.bold) { parameters.append("1") }
    if added.contains(.dim) { parameters.append("2") }
    if added.contains(.underline) { parameters.append("4") }
    if added.contains(.reverse) { parameters.append("7") }
    if next.foreground != foreground {
      parameters.append(Self.code(next.foreground, isBackground: false, colorDepth: colorDepth))
    }
    if next.background != background {
      parameters.append(Self.code(next.background, isBackground: true, colorDepth: colorDepth))
    }
    return "\u{1B}[" + parameters.joined(separator: ";") + "m"
  }

  /// The SGR parameter that selects `color` as foreground or background.
  private static func code(
    _ color: QuantizedColor, isBackground: Bool, colorDepth: ColorDepth
  ) -> String {
    switch color {
    case .terminalDefault:
      return isBackground ? "49" : "39"
    case .rgb(let rgb):
      return (isBackground ? "48;2;" : "38;2;") + "\(rgb.red);\(rgb.green);\(rgb.blue)"
    case .palette(let index):
      if colorDepth == .ansi16 || colorDepth == .ansi8 {
        let base = index < 8 ? (isBackground ? 40 : 30) : (isBackground ? 100 : 90)
        return String(base + Int(index % 8))
      }
      return (isBackground ? "48;5;" : "38;5;") + String(index)
    }
  }
}
