// The cells of a frame that differ from the frame shown before it, as runs per row.

extension Frame {
  /// Calls `body` with each maximal run of cells that differ from `previous`, row by row and
  /// left to right, within the first `columns` columns of the first `rows` rows: the run's
  /// row and its columns. Stops when `body` returns false.
  ///
  /// This is the diff the terminal draws with: after a change it puts the runs that differ
  /// from the frame on screen, after clearing the runs that differ from a blank frame. Cells
  /// compare by glyph, colours and attributes, so a style-only change is a change. Equal
  /// frames give no runs; so does a limit of 0 either way. `previous` must have this frame's
  /// size, and the limits lie within it (both trap otherwise).
  ///
  /// - Returns: false when `body` stopped the walk, true otherwise.
  @discardableResult
  public func forEachChangedRun(
    since previous: Frame, columns: Int, rows: Int, _ body: (_ y: Int, _ xs: Range<Int>) -> Bool
  ) -> Bool {
    precondition(previous.width == width && previous.height == height, "frames differ in size")
    precondition((0...width).contains(columns) && (0...height).contains(rows), "limits outside")
    return previous.cells.withUnsafeBufferPointer { old in
      cells.withUnsafeBufferPointer { new in
        for y in 0..<rows {
          let rowStart = y &* width
          var x = 0
          while x < columns {
            guard old[rowStart &+ x] != new[rowStart &+ x] else {
              x &+= 1
              continue
            }
            let start = x
            while x < columns, old[rowStart &+ x] != new[rowStart &+ x] { x &+= 1 }
            guard body(y, start..<x) else { return false }
          }
        }
        return true
      }
    }
  }
}
