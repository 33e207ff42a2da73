// Frame.changedRuns against a brute-force cell comparison, and the debug dump's shape.

import ScoreCore
import ScoreView
import Testing

@Suite struct FrameDiffTests {
  /// No previous frame, or one of another size, repaints every row whole.
  @Test func fullRepaint() {
    var frame = Frame(width: 3, height: 2)
    frame.put("abc", x: 0, y: 1)
    for previous in [nil, Frame(width: 3, height: 3), Frame(width: 2, height: 2)] {
      let runs = frame.changedRuns(since: previous)
      #expect(runs.map(\.y) == [0, 1])
      #expect(runs.allSatisfy { $0.x == 0 && $0.cells.count == 3 })
      #expect(runs[1].cells.map(\.glyph) == ["a", "b", "c"])
    }
  }

  /// Runs cover exactly the differing cells, are maximal, and carry the new cells; checked
  /// against a cell-by-cell comparison on random pairs.
  @Test func runsMatchBruteForce() {
    var generator = SeededGenerator(seed: 5)
    for _ in 0..<50 {
      let width = Int.random(in: 1...9, using: &generator)
      let height = Int.random(in: 1...5, using: &generator)
      let old = randomFrame(width: width, height: height, generator: &generator)
      var new = old
      for _ in 0..<Int.random(in: 0...12, using: &generator) {
        let x = Int.random(in: 0..<width, using: &generator)
        let y = Int.random(in: 0..<height, using: &generator)
        new[x, y].foreground = .rgb(RGB(9, 9, UInt8.random(in: 0...255, using: &generator)))
      }
      var covered = Set<[Int]>()
      for run in new.changedRuns(since: old) {
        #expect(!run.cells.isEmpty)
        #expect(old[run.x - 1, run.y] == new[run.x - 1, run.y] || run.x == 0)
        let after = run.x + run.cells.count
        #expect(after == width || old[after, run.y] == new[after, run.y])
        for (offset, cell) in run.cells.enumerated() {
          #expect(cell == new[run.x + offset, run.y])
          covered.insert([run.x + offset, run.y])
        }
      }
      for y in 0..<height {
        for x in 0..<width {
          #expect(covered.contains([x, y]) == (old[x, y] != new[x, y]))
        }
      }
    }
  }

  /// A style-only change is a change; equal frames and empty frames give no runs.
  @Test func styleOnlyAndEmpty() {
    let old = Frame(width: 4, height: 1)
    var new = old
    new[2, 0].background = .rgb(RGB(1, 1, 1))
    #expect(new.changedRuns(since: old) == [FrameRun(x: 2, y: 0, cells: [new[2, 0]])])
    #expect(old.changedRuns(since: old).isEmpty)
    #expect(Frame(width: 0, height: 0).changedRuns(since: nil).isEmpty)
    #expect(Frame(width: 5, height: 0).changedRuns(since: nil).isEmpty)
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
