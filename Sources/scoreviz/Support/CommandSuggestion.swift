// What a mistyped command word was probably meant to be.

/// The closest of `names` to a word typed where a command was expected.
enum CommandSuggestion {
  /// The name within two edits (insertions, deletions, substitutions, or swapping two
  /// neighbours) of `word`, the nearest first; nil when none is that close.
  static func closest(to word: String, among names: [String]) -> String? {
    let typed = Array(word.lowercased())
    let scored = names.map { (name: $0, distance: editDistance(typed, Array($0))) }
    guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 2 else { return nil }
    return best.name
  }

  /// The optimal string alignment distance: Levenshtein plus the swap of two neighbours.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          best = min(best, table[i - 2][j - 2] + 1)
        }
        table[i][j] = best
      }
    }
    return table[a.count][b.count]
  }
}
