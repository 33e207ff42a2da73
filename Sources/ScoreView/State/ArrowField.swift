// Score vectors at the centres of the arrow grid, and their errors for the error view.

/// Vectors on a `columns` × `rows` tiling of the plot box, ordered like
/// `PlotBox.cellCentres(columns:rows:)` (bottom row first, each row left to right).
///
/// `ViewLayout.arrowGrid` gives the size the layout draws best; any size is drawn, each
/// arrow in the cell that contains its tile centre. `vectors` holds data-space vectors
/// (y up); `errors` holds one non-negative error per arrow and is read only in
/// `ArrowFieldMode.error`. A field whose `vectors.count` is not `columns · rows` is treated
/// as empty, and error mode with `errors.count` ≠ `vectors.count` draws no arrows.
/// Zero and non-finite vectors draw nothing.
public struct ArrowField: Sendable, Equatable {
  /// Tiles across.
  public var columns: Int
  /// Tiles down.
  public var rows: Int
  /// One vector per tile, bottom row first.
  public var vectors: [SIMD2<Double>]
  /// One error magnitude per tile, same order; may be empty outside error mode.
  public var errors: [Double]

  public init(columns: Int, rows: Int, vectors: [SIMD2<Double>], errors: [Double] = []) {
    self.columns = columns
    self.rows = rows
    self.vectors = vectors
    self.errors = errors
  }

  /// A field with no arrows.
  public static let empty = ArrowField(columns: 0, rows: 0, vectors: [])

  /// Whether the sizes agree and there is at least one arrow.
  public var isUsable: Bool { columns > 0 && rows > 0 && vectors.count == columns * rows }
}
