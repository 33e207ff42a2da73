// The cells of a frame that differ from the frame shown before it, as runs per row.

extension Frame {
  /// The maximal runs of cells that differ from `previous`, row by row, left to right.
  ///
  /// With no previous frame, or one of another size, every row is one run of all its cells
  /// (a full repaint: the terminal must clear first). Equal frames give no runs; a frame
  /// of width or height 0 gives none. Cells compare by glyph, colours and attributes, so a
  /// style-only change is a change.
  public func changedRuns(since previous: Frame?) -> [FrameRun] {
    guard width > 0, height > 0 else { return [] }
    guard let previous, previous.width == width, previous.height == height else {
      return (0..<height).map { y in
        FrameRun(x: 0, y: y, cells: Array(cells[(y * width)..<(y * width + width)]))
      }
    }
    var runs: [FrameRun] = []
    for y in 0..<height {
      let rowStart = y * width
      var x = 0
      while x < width {
        guard cells[rowStart + x] != previous.cells[rowStart + x] else {
          x += 1
          continue
        }
        let start = x
        while x < width, cells[rowStart + x] != previous.cells[rowStart + x] { x += 1 }
        runs.append(
          FrameRun(x: start, y: y, cells: Array(cells[(rowStart + start)..<(rowStart + x)])))
      }
    }
    return runs
  }
}
