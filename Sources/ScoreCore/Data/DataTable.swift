// Named columns of Doubles: the shape of everything scoreviz writes out as CSV or NPY.

/// A table of equally long, named `Double` columns.
///
/// `scoreviz kde` writes `x,y,density,log_density,score_x,score_y`; a point set is the
/// two-column table `x,y`. Columns are stored one array each; row i is `columns[j][i]` for
/// every j.
public struct DataTable: Sendable, Equatable {
  /// The header names, one per column.
  public private(set) var columnNames: [String]
  /// The values, one array per column, all of length `rowCount`.
  public private(set) var columns: [[Double]]

  /// Creates a table from its column names and values.
  ///
  /// `columnNames` and `columns` must have the same count and every column the same length
  /// (checked: a mismatch is a programming error and traps).
  public init(columnNames: [String], columns: [[Double]]) {
    precondition(columnNames.count == columns.count, "one name per column")
    precondition(Set(columns.map(\.count)).count <= 1, "all columns must have the same length")
    self.columnNames = columnNames
    self.columns = columns
  }

  /// The two-column table of `points`, named `x` and `y` unless given other names.
  public init(points: [SIMD2<Double>], xName: String = "x", yName: String = "y") {
    self.init(columnNames: [xName, yName], columns: [points.map { $0.x }, points.map { $0.y }])
  }

  /// The number of rows (0 for a table without columns).
  public var rowCount: Int { columns.first?.count ?? 0 }
}
