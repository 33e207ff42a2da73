// A horizontal run of cells to write at one place: the unit of a frame diff.

/// Consecutive cells of one row, starting at column `x` of row `y`.
public struct FrameRun: Sendable, Equatable {
  /// The column of the run's first cell.
  public var x: Int
  /// The row.
  public var y: Int
  /// The cells, left to right; never empty in a diff.
  public var cells: [Cell]

  public init(x: Int, y: Int, cells: [Cell]) {
    self.x = x
    self.y = y
    self.cells = cells
  }
}
