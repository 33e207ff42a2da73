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
      var line: [UInt8] = []
      var pen = SGRStyle.plain
      for cell in row[row.startIndex..<end] {
        let style = SGRStyle(cell, depth: colorDepth)
        pen.appendTransition(to: style, into: &line)
        pen = style
        line.append(contentsOf: String(cell.glyph).utf8)
      }
      if pen != .plain { line += SGRStyle.reset }
      lines.append(String(decoding: line, as: UTF8.self))
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
