// KDE density, log-density and score at the cell centres of a tiling, with stated error bounds.

/// p_h, log p_h and ∇log p_h at the centres of a `columns` × `rows` tiling of `box`.
///
/// `values[i·columns + j]` is the evaluation at the centre of column j of row i, rows from the
/// bottom up (the order of `PlotBox.cellCentres`). The bounds hold at every cell:
/// |p̃ − p| ≤ `densityErrorBound`·p, |log p̃ − log p| ≤ `logDensityErrorBound` and
/// ‖s̃ − s‖ ≤ `scoreErrorBound`·(‖s‖ + 1/h); all three are 0 for the exact evaluation, which
/// is exact to rounding (about 10⁻¹³ relative). How they are derived is in
/// `GaussianKDE.evaluateGrid(over:columns:rows:exact:)`.
public struct KDEGridEvaluation: Sendable {
  /// The box the tiling covers.
  public var box: PlotBox
  /// The number of cells across.
  public var columns: Int
  /// The number of cells up.
  public var rows: Int
  /// The bandwidth h.
  public var bandwidth: Double
  /// Density, log-density and score at the cell centres, row by row from the bottom.
  public var values: [KDEEvaluation]
  /// How many cells came from the binned sums; the others were summed point by point.
  public var binnedCellCount: Int
  /// A bound on |p̃ − p|/p at every cell.
  public var densityErrorBound: Double
  /// A bound on |log p̃ − log p| at every cell.
  public var logDensityErrorBound: Double
  /// η with ‖s̃ − s‖ ≤ η·(‖s‖ + 1/h) at every cell.
  public var scoreErrorBound: Double

  /// An evaluation from its parts; `values` must hold `columns·rows` evaluations.
  public init(
    box: PlotBox, columns: Int, rows: Int, bandwidth: Double, values: [KDEEvaluation],
    binnedCellCount: Int, densityErrorBound: Double, logDensityErrorBound: Double,
    scoreErrorBound: Double
  ) {
    precondition(values.count == columns * rows, "A grid needs columns·rows values")
    self.box = box
    self.columns = columns
    self.rows = rows
    self.bandwidth = bandwidth
    self.values = values
    self.binnedCellCount = binnedCellCount
    self.densityErrorBound = densityErrorBound
    self.logDensityErrorBound = logDensityErrorBound
    self.scoreErrorBound = scoreErrorBound
  }
}
