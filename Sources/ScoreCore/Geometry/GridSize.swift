// The size of a tiling: columns across, rows down.

/// A `columns` × `rows` tiling, as `PlotBox.cellCentres(columns:rows:)` takes it.
public struct GridSize: Sendable, Hashable {
  /// Tiles across; never negative.
  public var columns: Int
  /// Tiles down; never negative.
  public var rows: Int

  /// A tiling of the given size; negative sizes become 0.
  public init(columns: Int, rows: Int) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
  }

  /// The number of tiles, columns · rows.
  public var count: Int { columns * rows }
}
