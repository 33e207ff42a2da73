// Where each part of the live view goes for a terminal size, and what grids it needs.

import ScoreCore

/// The live view's regions for a `width` × `height` terminal, and the grid sizes the engine
/// must compute for them.
///
/// ```
/// row 0              title (left) · message (right)
/// rows 1 … H−5       y tick labels │ plot area                   │ legend, colour bar
/// row H−4            x axis line   └────┬──────┬──────           │
/// row H−3            x tick labels                               │
/// rows H−2, H−1      status bar (two lines)
/// ```
///
/// The y labels take 8 columns and the axis line one, the side panel 20 columns after a
/// one-column gap, so at the minimum 80 × 24 the plot is 50 × 19 cells and at 200 × 60 it is
/// 170 × 55. Below `minimumWidth` × `minimumHeight` every region is empty and the whole
/// frame is a centred note (`isTooSmall`).
///
/// The heat map has one half-block pixel per column and two per row (`heatMapGrid`). One
/// arrow stands every 4 columns and 2 rows (`arrowGrid`): terminal cells are about twice
/// as tall as wide, so that spacing is square on screen and the field reads as a lattice,
/// dense enough for structure (12 × 9 arrows at 80 × 24, 42 × 27 at 200 × 60) yet sparse
/// enough that the heat map shows between arrows.
///
/// Aspect ratio: the plot fills its area whatever the data's shape, and
/// `displayBox(fitting:)` grows the data box in x or in y so that one data unit spans the
/// same distance across and down on screen (taking a cell as `cellAspect` times as tall as
/// wide). The executable hands that box to the engine and to `ViewState.plotBox`, so a
/// Gaussian blob looks round and the grids line up with the cells exactly.
public struct ViewLayout: Sendable, Hashable {
  /// The smallest terminal the view draws in: 80 columns.
  public static let minimumWidth = 80
  /// The smallest terminal the view draws in: 24 rows.
  public static let minimumHeight = 24
  /// A cell's height over its width, as most terminal fonts draw it.
  public static let cellAspect = 2.0
  /// Columns between neighbouring arrows.
  public static let arrowColumnSpacing = 4
  /// Rows between neighbouring arrows.
  public static let arrowRowSpacing = 2
  /// Columns of the y-axis tick labels, left of the axis line.
  static let yLabelWidth = 8
  /// Columns of the side panel (legend and colour bar).
  static let sidePanelWidth = 20

  /// Terminal columns (negative counts as 0).
  public let width: Int
  /// Terminal rows (negative counts as 0).
  public let height: Int
  /// Whether the terminal is below 80 × 24 and the frame shows only the size note.
  public let isTooSmall: Bool
  /// The title row.
  public let title: CellRect
  /// The plot area: heat map, points, arrows and particles.
  public let plot: CellRect
  /// The y tick labels and the y axis line (its last column), left of the plot.
  public let yAxis: CellRect
  /// The x axis line (first row) and the x tick labels (second row), below the plot; it
  /// starts at the axis corner, one column left of the plot.
  public let xAxis: CellRect
  /// The legend and the colour bar, right of the plot.
  public let sidePanel: CellRect
  /// The two status lines at the bottom.
  public let statusBar: CellRect

  /// The layout of a `width` × `height` terminal; any size, 0 × 0 included.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    isTooSmall = self.width < Self.minimumWidth || self.height < Self.minimumHeight
    guard !isTooSmall else {
      let empty = CellRect(x: 0, y: 0, width: 0, height: 0)
      (title, plot, yAxis, xAxis, sidePanel, statusBar) = (empty, empty, empty, empty, empty, empty)
      return
    }
    let plotX = Self.yLabelWidth + 1
    let plotWidth = self.width - plotX - 1 - Self.sidePanelWidth
    let plotHeight = self.height - 5
    title = CellRect(x: 0, y: 0, width: self.width, height: 1)
    plot = CellRect(x: plotX, y: 1, width: plotWidth, height: plotHeight)
    yAxis = CellRect(x: 0, y: 1, width: plotX, height: plotHeight)
    xAxis = CellRect(x: plotX - 1, y: 1 + plotHeight, width: plotWidth + 1, height: 2)
    sidePanel = CellRect(
      x: self.width - Self.sidePanelWidth, y: 1, width: Self.sidePanelWidth,
      height: self.height - 3)
    statusBar = CellRect(x: 0, y: self.height - 2, width: self.width, height: 2)
  }

  /// The density grid the heat map wants: one value per half-block pixel, plot width ×
  /// 2 · plot height (0 × 0 when too small).
  public var heatMapGrid: GridSize { GridSize(columns: plot.width, rows: 2 * plot.height) }

  /// The arrow grid: ⌊plot width / 4⌋ × ⌊plot height / 2⌋ (0 × 0 when too small).
  public var arrowGrid: GridSize {
    GridSize(
      columns: plot.width / Self.arrowColumnSpacing, rows: plot.height / Self.arrowRowSpacing)
  }

  /// `box` grown about its centre in x or in y so that its shape matches the plot area's on
  /// screen: width / plot.width = height / (cellAspect · plot.height).
  ///
  /// The result contains `box` and touches it on two opposite sides. A box with a
  /// non-finite side, or with neither side positive, and any box when the plot area is
  /// empty, comes back unchanged; a box of zero width (or height) gets the width (height)
  /// its other side implies.
  public func displayBox(fitting box: PlotBox) -> PlotBox {
    guard plot.width > 0, plot.height > 0, box.width.isFinite, box.height.isFinite,
      box.xMin.isFinite, box.yMin.isFinite
    else { return box }
    let screenWidth = Double(plot.width)
    let screenHeight = Self.cellAspect * Double(plot.height)
    let unitsPerColumn = max(box.width / screenWidth, box.height / screenHeight)
    guard unitsPerColumn > 0, unitsPerColumn.isFinite else { return box }
    let halfWidth = unitsPerColumn * screenWidth / 2
    let halfHeight = unitsPerColumn * screenHeight / 2
    let centreX = box.xMin + box.width / 2
    let centreY = box.yMin + box.height / 2
    return PlotBox(
      xMin: centreX - halfWidth, xMax: centreX + halfWidth, yMin: centreY - halfHeight,
      yMax: centreY + halfHeight)
  }
}
