// Seeded random frames and the path of the shipped themes folder, for the view tests.

import ScoreCore
import ScoreView

/// A `width` × `height` frame of random glyphs from a small set, random colours (some the
/// default) and random attributes, drawn from `generator`.
func randomFrame(width: Int, height: Int, generator: inout SeededGenerator) -> Frame {
  let glyphs: [Unicode.Scalar] = ["a", "b", " ", "⠿", "▀", "→", "#"]
  let palette: [CellColor] = [
    .terminalDefault, .rgb(RGB(255, 0, 0)), .rgb(RGB(128, 128, 128)), .rgb(RGB(0, 95, 215)),
    .rgb(RGB(254, 1, 0)),
  ]
  var frame = Frame(width: width, height: height)
  for y in 0..<height {
    for x in 0..<width {
      frame[x, y] = Cell(
        glyphs[Int.random(in: 0..<glyphs.count, using: &generator)],
        foreground: palette[Int.random(in: 0..<palette.count, using: &generator)],
        background: palette[Int.random(in: 0..<palette.count, using: &generator)],
        attributes: CellAttributes(rawValue: UInt8.random(in: 0...15, using: &generator)))
    }
  }
  return frame
}

/// The repository's top-level `themes` folder, found from this source file's place.
func shippedThemesFolder(file: String = #filePath) -> String {
  let parts = file.split(separator: "/", omittingEmptySubsequences: false).dropLast(4)
  return (parts + ["themes"]).joined(separator: "/")
}
