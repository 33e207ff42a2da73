// Comparing what the terminal model shows with a frame as a writer of a given depth sends it.

import ScoreTestSupport
import ScoreView

extension ANSITerminalModel {
  /// The first differences between the shown cells and `frame`'s cells as `depth` writes
  /// them (colours quantised, glyphs a single-column terminal cannot show as `?`), within
  /// the model's screen; empty when they agree.
  func differences(
    from frame: Frame, depth: ColorDepth, shows: (Unicode.Scalar) -> Bool = { _ in true }
  ) -> [String] {
    var found: [String] = []
    for y in 0..<min(height, frame.height) {
      for x in 0..<min(width, frame.width) {
        let cell = frame[x, y]
        let expected = ShownCell(
          glyph: shows(cell.glyph) ? cell.glyph : "?",
          foreground: Self.color(depth.quantize(cell.foreground)),
          background: Self.color(depth.quantize(cell.background)),
          bold: cell.attributes.contains(.bold), dim: cell.attributes.contains(.dim),
          underline: cell.attributes.contains(.underline), reverse: cell.attributes.contains(.reverse))
        if self[x, y] != expected, found.count < 5 {
          found.append("(\(x),\(y)): shown \(self[x, y]), expected \(expected)")
        }
      }
    }
    return found
  }

  /// A quantised colour as the terminal stores it.
  static func color(_ color: QuantizedColor) -> Color {
    switch color {
    case .terminalDefault: .standard
    case .palette(let index): .index(Int(index))
    case .rgb(let rgb): .rgb(Int(rgb.red), Int(rgb.green), Int(rgb.blue))
    }
  }
}
