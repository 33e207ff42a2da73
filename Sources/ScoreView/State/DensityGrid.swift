// Density values on a tiling of the plot box, as the engine computed them for the heat map.

/// Values on a `columns` × `rows` tiling of the plot box.
///
/// `values[i · columns + j]` belongs to the tile whose centre is
/// `PlotBox.cellCentres(columns:rows:)[i · columns + j]`: row i = 0 is the bottom row (yMin),
/// each row runs left to right. `ViewLayout.heatMapGrid` gives the size that fills the heat
/// map pixel for pixel; any other size is sampled nearest-tile. A grid whose `values.count`
/// is not `columns · rows` is treated as empty. Non-finite and non-positive values show as
/// no density.
public struct DensityGrid: Sendable, Equatable {
  /// Tiles across.
  public var columns: Int
  /// Tiles down.
  public var rows: Int
  /// Row-major values, bottom row first.
  public var values: [Double]

  public init(columns: Int, rows: Int, values: [Double]) {
    self.columns = columns
    self.rows = rows
    self.values = values
  }

  /// A grid with no tiles.
  public static let empty = DensityGrid(columns: 0, rows: 0, values: [])

  /// Whether the sizes agree and there is at least one tile.
  public var isUsable: Bool { columns > 0 && rows > 0 && values.count == columns * rows }
}
