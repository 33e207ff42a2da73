// A loss history as a one-row chart of eight block heights (or eight ASCII marks).

/// Turns a series into one glyph per value, lowest to highest of eight levels.
enum Sparkline {
  /// The newest `width` finite values of `history` (non-finite ones are dropped first), each
  /// as level ⌊(v − min) / (max − min) · 7 + ½⌋ of `levels` (min and max over the values
  /// shown); a flat series sits at level 3. Empty when nothing finite remains or `width` ≤ 0.
  static func glyphs(_ history: [Double], width: Int, levels: [Unicode.Scalar]) -> String {
    guard width > 0, levels.count == 8 else { return "" }
    var shown: [Double] = []
    shown.reserveCapacity(width)
    var index = history.endIndex
    while index > history.startIndex, shown.count < width {
      index -= 1
      if history[index].isFinite { shown.append(history[index]) }
    }
    shown.reverse()
    guard let lowest = shown.min(), let highest = shown.max() else { return "" }
    let span = highest - lowest
    var text = String.UnicodeScalarView()
    for value in shown {
      let level = span > 0 && span.isFinite ? Int(((value - lowest) / span * 7).rounded()) : 3
      text.append(levels[min(7, max(0, level))])
    }
    return String(text)
  }
}
