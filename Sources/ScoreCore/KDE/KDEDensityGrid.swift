// KDE density on the cell centres of a tiling, with a proven bound on its relative error.

import Foundation

/// p_h at the centres of a `columns` × `rows` tiling of `box`, as the heat map draws it.
///
/// `values[i·columns + j]` is the density at the centre of column j of row i, rows from the
/// bottom (yMin) up, each row left to right: the order of `PlotBox.cellCentres`.
/// `maxRelativeErrorBound` bounds |p̃ − p|/p over every cell whose exact density p is at least
/// `significanceFraction` (10⁻³) times the largest exact density among the cells; how it is
/// derived is in `GaussianKDE.densityGrid(over:columns:rows:)`. Values are never negative.
public struct KDEDensityGrid: Sendable, Equatable {
  /// Cells whose density is at least this fraction of the largest cell's are the ones the
  /// error bound covers (10⁻³, the benchmark's threshold).
  public static let significanceFraction = 1e-3

  /// The box the tiling covers.
  public var box: PlotBox
  /// The number of cells across.
  public var columns: Int
  /// The number of cells up.
  public var rows: Int
  /// The bandwidth h the density was computed with.
  public var bandwidth: Double
  /// Densities at the cell centres, row by row from the bottom; `columns·rows` of them.
  public var values: [Double]
  /// An upper bound on the relative error of `values` over the significant cells.
  public var maxRelativeErrorBound: Double

  /// A grid from its parts; `values` must hold `columns·rows` densities.
  public init(
    box: PlotBox, columns: Int, rows: Int, bandwidth: Double, values: [Double],
    maxRelativeErrorBound: Double
  ) {
    precondition(values.count == columns * rows, "A grid needs columns·rows values")
    self.box = box
    self.columns = columns
    self.rows = rows
    self.bandwidth = bandwidth
    self.values = values
    self.maxRelativeErrorBound = maxRelativeErrorBound
  }

  /// log p̃ at every cell, in the order of `values`; −∞ where the density is 0.
  ///
  /// Where `values` has relative error ≤ ε, these have absolute error ≤ −log(1 − ε) ≈ ε.
  /// Below about 10⁻³⁰⁸ the density underflows; use `GaussianKDE.logDensity(at:)` for the
  /// exact log-density far from the data.
  public var logValues: [Double] {
    values.map { log($0) }
  }

  /// The largest value and the index of its cell (the first one on ties).
  public var maximum: (value: Double, index: Int) {
    var best = (value: values[0], index: 0)
    for (index, value) in values.enumerated() where value > best.value {
      best = (value, index)
    }
    return best
  }
}
