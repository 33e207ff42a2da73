// Frame.forEachChangedRun against a brute-force cell comparison, and the debug dump's shape.

import ScoreCore
import ScoreView
import Testing

@Suite struct FrameDiffTests {
  /// One run of a diff: its row and columns.
  struct Run: Equatable {
    var y: Int
    var xs: Range<Int>
  }

  /// Every run of `new` since `old` within `columns` × `rows` (the whole frame by default).
  static func runs(_ new: Frame, since old: Frame, columns: Int? = nil, rows: Int? = nil) -> [Run] {
    var runs: [Run] = []
    let finished = new.forEachChangedRun(
      since: old, columns: columns ?? new.width, rows: rows ?? new.height
    ) { y, xs in
      runs.append(Run(y: y, xs: xs))
      return true
    }
    #expect(finished)
    return runs
  }

  /// Against a blank frame (what the terminal diffs with after clearing), the runs are the
  /// non-blank stretches.
  @Test func againstBlankGivesTheNonBlankStretches() {
    var frame = Frame(width: 6, height: 2)
    frame.put("ab d", x: 1, y: 1)
    #expect(
      Self.runs(frame, since: Frame(width: 6, height: 2))
        == [Run(y: 1, xs: 1..<3), Run(y: 1, xs: 4..<5)])
  }

  /// Runs cover exactly the differing cells inside the limits, are maximal there, and come
  /// row by row, left to right; checked against a cell-by-cell comparison on random pairs.
  @Test func runsMatchBruteForce() {
    var generator = SeededGenerator(seed: 5)
    for _ in 0..<50 {
      let width = Int.random(in: 1...9, using: &generator)
      let height = Int.random(in: 1...5, using: &generator)
      let columns = Int.random(in: 0...width, using: &generator)
      let rows = Int.random(in: 0...height, using: &generator)
      let old = randomFrame(width: width, height: height, generator: &generator)
      var new = old
      for _ in 0..<Int.random(in: 0...12, using: &generator) {
        let x = Int.random(in: 0..<width, using: &generator)
        let y = Int.random(in: 0..<height, using: &generator)
        new[x, y].foreground = .rgb(RGB(9, 9, UInt8.random(in: 0...255, using: &generator)))
      }
      let runs = Self.runs(new, since: old, columns: columns, rows: rows)
      for (earlier, later) in zip(runs, runs.dropFirst()) {
        #expect(earlier.y < later.y || (earlier.y == later.y && earlier.xs.upperBound < later.xs.lowerBound))
      }
      var covered = Set<[Int]>()
      for run in runs {
        #expect(!run.xs.isEmpty && run.xs.upperBound <= columns && run.y < rows)
        #expect(run.xs.lowerBound == 0 || old[run.xs.lowerBound - 1, run.y] == new[run.xs.lowerBound - 1, run.y])
        #expect(run.xs.upperBound == columns || old[run.xs.upperBound, run.y] == new[run.xs.upperBound, run.y])
        for x in run.xs { covered.insert([x, run.y]) }
      }
      for y in 0..<height {
        for x in 0..<width {
          let inside = x < columns && y < rows
          #expect(covered.contains([x, y]) == (inside && old[x, y] != new[x, y]))
        }
      }
    }
  }

  /// A style-only change is a change; equal frames and empty frames give no runs.
  @Test func styleOnlyAndEmpty() {
    let old = Frame(width: 4, height: 1)
    var new = old
    new[2, 0].background = .rgb(RGB(1, 1, 1))
    #expect(Self.runs(new, since: old) == [Run(y: 0, xs: 2..<3)])
    #expect(Self.runs(old, since: old).isEmpty)
    #expect(Self.runs(Frame(width: 0, height: 0), since: Frame(width: 0, height: 0)).isEmpty)
    #expect(Self.runs(Frame(width: 5, height: 0), since: Frame(width: 5, height: 0)).isEmpty)
  }

  /// The walk stops at the first run `body` refuses and says so.
  @Test func stopsWhenBodyRefuses() {
    var frame = Frame(width: 5, height: 3)
    frame.put("a b", x: 0, y: 0)
    frame.put("c", x: 0, y: 2)
    var seen: [Run] = []
    let finished = frame.forEachChangedRun(since: Frame(width: 5, height: 3), columns: 5, rows: 3) {
      seen.append(Run(y: $0, xs: $1))
      return seen.count < 2
    }
    #expect(!finished)
    #expect(seen == [Run(y: 0, xs: 0..<1), Run(y: 0, xs: 2..<3)])
  }

  /// The dump lists full-width quoted rows, then a style line where the style changes.
  @Test func debugDump() {
    var frame = Frame(width: 3, height: 2)
    frame.put("a\"", x: 0, y: 0)
    frame[1, 0].foreground = .rgb(RGB(255, 0, 0))
    frame[1, 0].attributes = [.bold, .underline]
    frame[0, 1] = Cell("\\")
    let expected = """
      Frame 3×2
      "a\\"\u{20}"
      "\\\\  "
      styles:
      x: 0, y: 0, fg: default, bg: default, attributes: []
      x: 1, y: 0, fg: #ff0000, bg: default, attributes: [bold, underline]
      x: 2, y: 0, fg: default, bg: default, attributes: []
      """
    #expect(frame.debugDump == expected)
    #expect(frame.debugDescription == expected)
    #expect(Frame(width: 0, height: 0).debugDump == "Frame 0×0\nstyles:")
  }
}
