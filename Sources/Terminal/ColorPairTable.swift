// The colour pairs defined so far, keyed by final colour numbers so equal colours share a pair.

/// Which colour pair shows each (foreground, background) combination of colour numbers.
///
/// Keys are the numbers after quantisation, so two RGB colours that quantise alike share one
/// pair; pairs are handed out in order from 1 (pair 0 is the terminal default) and are never
/// redefined while the table holds them, because redefining a pair that is on screen makes
/// ncurses rescan and repaint every cell that uses it.
package struct ColorPairTable: Sendable {
  /// What `lookUp` found.
  package enum Lookup: Sendable, Equatable {
    /// The combination already has this pair.
    case existing(Int32)
    /// The combination was given this new pair, which the caller must now define.
    case new(Int32)
    /// Every pair is taken.
    case full
  }

  private struct Colors: Hashable {
    let foreground: Int32
    let background: Int32
  }

  /// How many pairs the table may hand out (pairs 1 … capacity).
  package let capacity: Int
  private var pairs: [Colors: Int32] = [:]

  /// A table for a terminal with `colorPairs` pairs (`COLOR_PAIRS`, pair 0 included).
  package init(colorPairs: Int) {
    capacity = max(0, colorPairs - 1)
  }

  /// Pairs handed out so far.
  package var count: Int { pairs.count }

  /// The pair for `foreground` on `background`, giving out the next free one if needed.
  package mutating func lookUp(foreground: Int32, background: Int32) -> Lookup {
    let key = Colors(foreground: foreground, background: background)
    if let pair = pairs[key] { return .existing(pair) }
    guard pairs.count < capacity else { return .full }
    let pair = Int32(pairs.count &+ 1)
    pairs[key] = pair
    return .new(pair)
  }

  /// Shows `foreground` on `background` with pair 0 from now on, after ncurses rejected the
  /// definition `lookUp` asked for.
  package mutating func useDefaultPair(foreground: Int32, background: Int32) {
    pairs[Colors(foreground: foreground, background: background)] = 0
  }

  /// Forgets every pair; the caller must also drop the definitions (`reset_color_pairs`).
  package mutating func removeAll() {
    pairs.removeAll(keepingCapacity: true)
  }
}
