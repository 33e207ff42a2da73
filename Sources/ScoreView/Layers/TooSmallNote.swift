// The note a terminal below the minimum size gets instead of the view.

/// Draws "Terminal too small: W×H, need 80×24" centred in the frame.
enum TooSmallNote {
  /// The note on one line when it fits the width, else as "Terminal too small" over
  /// "W×H, need 80×24", each line centred and clipped; rows that do not exist are skipped.
  static func draw(_ state: ViewState, into frame: inout Frame) {
    let glyphs = ViewGlyphs.forStyle(state.glyphStyle)
    let sizes =
      "\(frame.width)\(glyphs.times)\(frame.height), need "
      + "\(ViewLayout.minimumWidth)\(glyphs.times)\(ViewLayout.minimumHeight)"
    let single = "Terminal too small: " + sizes
    let lines =
      single.unicodeScalars.count <= frame.width ? [single] : ["Terminal too small", sizes]
    let top = (frame.height - lines.count) / 2
    for (index, line) in lines.enumerated() {
      let length = line.unicodeScalars.count
      frame.put(
        line, x: max(0, (frame.width - length) / 2), y: top + index, limit: frame.width,
        style: state.glyphStyle, foreground: state.theme[.text])
    }
  }
}
