// What reading a data file gives back: the points and how they were found.

/// The points read from a CSV or NPY file, with what the reader decided on the way.
public struct PointFileContents: Sendable, Equatable {
  /// The usable points, in file order.
  public var points: [SIMD2<Double>]
  /// Rows skipped because a chosen column held a missing or infinite value (only with
  /// `dropMissing`; otherwise such a row is an error and this is 0).
  public var droppedRows: Int
  /// The format the file was read as (NPY by its magic bytes, else CSV).
  public var format: PointFileFormat
  /// All column names of a CSV header (after removing an R row-name column), or nil when
  /// the file has no header (CSV without one, and every NPY file).
  public var header: [String]?
  /// The two columns used for x and y, as the 0-based positions `ColumnSelector.index` means.
  public var columnIndices: [Int]

  /// Creates the result of a read; see each property for its meaning.
  public init(
    points: [SIMD2<Double>], droppedRows: Int, format: PointFileFormat, header: [String]?,
    columnIndices: [Int]
  ) {
    self.points = points
    self.droppedRows = droppedRows
    self.format = format
    self.header = header
    self.columnIndices = columnIndices
  }
}
