// Changed cells as the escape sequences a terminal reads, for colours ncurses does not send.

import ScoreView

/// Writes a frame's changed cells as cursor moves, SGR sequences and UTF-8 glyphs into a
/// byte buffer, for the depths ncurses cannot draw through colour pairs: 24-bit colour
/// (`38;2;r;g;b` / `48;2;r;g;b`), and a palette depth forced beyond the terminfo entry's.
///
/// `Screen` walks the one diff (`Frame.forEachChangedRun`) and hands each run to `append`;
/// the bytes then go to the terminal after ncurses' refresh, so ncurses keeps the modes,
/// input, alternate screen and resizes while never drawing a cell itself.
///
/// ```
/// var writer = DirectColorWriter(depth: .trueColor, isSingleColumn: { _ in true })
/// writer.beginFrame(screenWidth: 80, clearing: true)
/// frame.forEachChangedRun(since: Frame(width: 80, height: 24), columns: 80, rows: 24) { y, xs in
///   writer.append(row: y, columns: xs, of: frame)
///   return true
/// }
/// writer.endFrame()
/// send(writer.takeBytes())
/// ```
///
/// Bytes are kept few:
/// - a frame starts from the default style (the previous one ended with `ESC[0m`, and
///   ncurses ends each refresh in the default style) and an unknown cursor position;
/// - a clearing frame writes `ESC[H ESC[2J` (the whole screen blank in the default colours,
///   cursor home);
/// - the cursor is moved only when it is not where the next cell goes: not at all after the
///   cell to its left, `ESC[nC` further along the same row, `ESC[row;colH` otherwise (`;col`
///   left out for column 1, both for the top-left cell). After the screen's last column the
///   position counts as unknown, as terminals differ there;
/// - an SGR sequence is written only when the next cell's style differs from the last one
///   written, comparing colours after quantisation to `depth`, and it names only what
///   changes: `38;2;r;g;b` (true colour), `38;5;n` (256 colours), `30`–`37`/`90`–`97` (8 and
///   16), `39` for the default, and the same for backgrounds; attributes bold `1`, dim `2`,
///   underline `4`, reverse `7`, switched off with `22` (bold and dim together), `24`, `27`;
/// - the frame ends with `ESC[0m` only when the style is not the default.
///
/// A glyph that is not one column wide (`isSingleColumn` false: control characters, wide
/// glyphs, or any glyph the locale cannot encode) is written as `?`, so no control byte
/// reaches the terminal and a row cannot shift.
package struct DirectColorWriter {
  /// The depth colours are written at.
  package let depth: ColorDepth
  private let isSingleColumn: (Unicode.Scalar) -> Bool
  private var bytes: [UInt8] = []
  private var style = SGRStyle.plain
  /// Where the next glyph would land, nil when not known.
  private var cursor: (x: Int, y: Int)?
  private var screenWidth = 0

  /// A writer for `depth`; `isSingleColumn` tells whether a glyph takes exactly one column
  /// on the terminal (`wcwidth` = 1).
  package init(depth: ColorDepth, isSingleColumn: @escaping (Unicode.Scalar) -> Bool) {
    self.depth = depth
    self.isSingleColumn = isSingleColumn
  }

  /// Starts a frame on a screen `screenWidth` columns wide, clearing it first if asked.
  package mutating func beginFrame(screenWidth: Int, clearing: Bool) {
    self.screenWidth = screenWidth
    style = .plain
    cursor = nil
    if clearing {
      bytes.append(contentsOf: Self.clearScreen)
      cursor = (0, 0)
    }
  }

  /// Writes the cells `xs` of row `y` of `frame`; they must lie on the screen.
  package mutating func append(row y: Int, columns xs: Range<Int>, of frame: Frame) {
    for x in xs {
      let cell = frame[x, y]
      moveCursor(toX: x, y: y, in: frame)
      let next = SGRStyle(cell, depth: depth)
      style.appendTransition(to: next, into: &bytes)
      style = next
      appendGlyph(cell.glyph)
      cursor = x + 1 < screenWidth ? (x + 1, y) : nil
    }
  }

  /// Ends the frame in the default style.
  package mutating func endFrame() {
    if style != .plain { bytes.append(contentsOf: SGRStyle.reset) }
    style = .plain
  }

  /// The bytes written since the last call; the buffer is emptied.
  package mutating func takeBytes() -> [UInt8] {
    defer { bytes.removeAll(keepingCapacity: true) }
    return bytes
  }

  /// `ESC[H ESC[2J`: cursor home, screen erased.
  private static let clearScreen: [UInt8] = Array("\u{1B}[H\u{1B}[2J".utf8)
  /// Moves the cursor to (x, y) by the shortest of the moves the type documents.
  ///
  /// Skipped cells on the same row are passed with `ESC[nC`; when the one or two cells
  /// between are unchanged, in the current style and ASCII, rewriting them is shorter.
  private mutating func moveCursor(toX x: Int, y: Int, in frame: Frame) {
    if let cursor, cursor.y == y, cursor.x <= x {
      let gap = x - cursor.x
      if gap == 0 { return }
      if gap <= 2, rewriteSkipped(from: cursor.x, to: x, row: y, of: frame) { return }
      bytes.append(contentsOf: [0x1B, UInt8(ascii: "[")])
      if gap > 1 { appendDecimal(gap) }
      bytes.append(UInt8(ascii: "C"))
      return
    }
    bytes.append(contentsOf: [0x1B, UInt8(ascii: "[")])
    if x > 0 || y > 0 {
      appendDecimal(y + 1)
      if x > 0 {
        bytes.append(UInt8(ascii: ";"))
        appendDecimal(x + 1)
      }
    }
    bytes.append(UInt8(ascii: "H"))
  }

  /// Writes the cells from `start` up to `end` of row `y` again when each is an ASCII glyph
  /// in the current style (so the screen keeps showing them), and says whether it did.
  private mutating func rewriteSkipped(from start: Int, to end: Int, row y: Int, of frame: Frame) -> Bool {
    for x in start..<end {
      let cell = frame[x, y]
      guard cell.glyph.isASCII, cell.glyph.value >= 0x20, cell.glyph.value < 0x7F,
        SGRStyle(cell, depth: depth) == style
      else { return false }
    }
    for x in start..<end { bytes.append(UInt8(frame[x, y].glyph.value)) }
    return true
  }

  private mutating func appendGlyph(_ glyph: Unicode.Scalar) {
    if glyph.value >= 0x20 && glyph.value < 0x7F {
      bytes.append(UInt8(glyph.value))
    } else if isSingleColumn(glyph) && glyph.value >= 0xA0 {
      bytes.append(contentsOf: String(glyph).utf8)
    } else {
      bytes.append(UInt8(ascii: "?"))
    }
  }

  /// `value` (not negative) in decimal digits.
  private mutating func appendDecimal(_ value: Int) {
    SGRStyle.appendDecimal(value, into: &bytes)
  }
}
