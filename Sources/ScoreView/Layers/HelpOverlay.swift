// A centred bordered box listing every key the executable binds, one line each, scrolled when tall.

/// Draws the help box over everything else.
public enum HelpOverlay {
  /// The bindings shown at once in a frame `height` rows high when `count` bindings do not
  /// all fit: the rows inside the box (the frame's height minus 4) less the position line.
  /// `count` when they all fit.
  public static func pageSize(count: Int, height: Int) -> Int {
    let available = max(0, height - 4)
    return count <= available ? count : max(1, available - 1)
  }

  /// The largest useful `ViewState.helpScroll`: 0 when every binding fits.
  public static func largestScroll(count: Int, height: Int) -> Int {
    max(0, count - pageSize(count: count, height: height))
  }

  /// A box centred in `frame`: a border (box drawing, or `+ - |` in ASCII) titled " Keys ",
  /// one line per binding (the key left-aligned in the accent colour, padded to the longest
  /// key, two spaces, the summary), on the help background. The box is as wide as its
  /// longest line allows, at most the frame's width minus 2; lines are clipped to it. When
  /// the bindings do not fit the frame's height minus 4, a page of them from
  /// `state.helpScroll` is shown and the last line says which ("12–30 of 31  ↑↓ PgUp PgDn").
  static func draw(_ state: ViewState, into frame: inout Frame) {
    let style = state.glyphStyle
    let glyphs = ViewGlyphs.forStyle(style)
    let theme = state.theme
    let keys = state.keyBindings
    let keyWidth = keys.map(\.key.unicodeScalars.count).max() ?? 0
    let summaryWidth = keys.map(\.summary.unicodeScalars.count).max() ?? 0
    let title = " Keys "
    let availableLines = frame.height - 4
    let isCut = keys.count > availableLines
    let lineCount = isCut ? availableLines : keys.count
    let page = pageSize(count: keys.count, height: frame.height)
    let first = min(max(0, state.helpScroll), largestScroll(count: keys.count, height: frame.height))
    let dash = style == .unicode ? "–" : "-"
    let scrollKeys = style == .unicode ? "↑↓ PgUp PgDn" : "up/down PgUp PgDn"
    let position = isCut ? "\(first + 1)\(dash)\(first + page) of \(keys.count)  " + scrollKeys : ""
    let contentWidth = max(
      title.count + 2, keyWidth + 2 + summaryWidth, position.unicodeScalars.count)
    let boxWidth = min(frame.width - 2, contentWidth + 4)
    guard boxWidth >= 4, availableLines >= 1 else { return }
    let boxHeight = lineCount + 2
    let left = (frame.width - boxWidth) / 2
    let top = (frame.height - boxHeight) / 2
    let border = theme[.border]
    let background = theme[.helpBackground]
    for y in top..<(top + boxHeight) {
      for x in left..<(left + boxWidth) {
        frame[x, y] = Cell(" ", foreground: theme[.helpText], background: background)
      }
    }
    func put(_ glyph: Unicode.Scalar, _ x: Int, _ y: Int) {
      frame[x, y] = Cell(glyph, foreground: border, background: background)
    }
    for x in (left + 1)..<(left + boxWidth - 1) {
      put(glyphs.horizontalLine, x, top)
      put(glyphs.horizontalLine, x, top + boxHeight - 1)
    }
    for y in (top + 1)..<(top + boxHeight - 1) {
      put(glyphs.verticalLine, left, y)
      put(glyphs.verticalLine, left + boxWidth - 1, y)
    }
    put(glyphs.topLeft, left, top)
    put(glyphs.topRight, left + boxWidth - 1, top)
    put(glyphs.bottomLeft, left, top + boxHeight - 1)
    put(glyphs.bottomRight, left + boxWidth - 1, top + boxHeight - 1)
    frame.put(
      title, x: left + 2, y: top, limit: boxWidth - 4, style: style, foreground: theme[.accent],
      attributes: .bold)
    let innerWidth = boxWidth - 4
    for index in 0..<lineCount {
      let y = top + 1 + index
      if isCut, index == lineCount - 1 {
        frame.put(
          position, x: left + 2, y: y, limit: innerWidth, style: style,
          foreground: theme[.helpText])
        continue
      }
      let binding = keys[first + index]
      let used = frame.put(
        binding.key, x: left + 2, y: y, limit: innerWidth, style: style,
        foreground: theme[.accent], attributes: .bold)
      let summaryStart = keyWidth + 2
      guard summaryStart > used, summaryStart < innerWidth else { continue }
      frame.put(
        binding.summary, x: left + 2 + summaryStart, y: y, limit: innerWidth - summaryStart,
        style: style, foreground: theme[.helpText])
    }
  }
}
