// How a KDE density grid is evaluated: binned or direct, the fine spacing and the cutoff.

import Foundation

/// How one grid evaluation is done: binned or direct, fine spacing and cutoff.
struct KDEGridPlan {
  let box: PlotBox
  let columns: Int
  let rows: Int
  let bandwidth: Double
  /// Cell width and height.
  let cellSize: SIMD2<Double>
  /// The kernel cutoff c in units of h.
  let cutoff: Double
  /// The fine grid's row spacing in units of h when binned (lanes: `laneSpacingRatio` times
  /// that), 0 for the direct sum.
  let spacing: Double
  /// Whether the binned evaluation is used.
  let isBinned: Bool
  /// Corners of the box grown by cutoff·h: only points inside count.
  let keptLow: SIMD2<Double>
  let keptHigh: SIMD2<Double>

  /// Fine grids above this many nodes are not used (64 MB of Doubles).
  static let maximumFineNodes = 8_000_000

  init(
    kde: GaussianKDE, box: PlotBox, columns: Int, rows: Int, logConcentration: Double,
    target: Double
  ) {
    self.box = box
    self.columns = columns
    self.rows = rows
    bandwidth = kde.bandwidth
    let h = kde.bandwidth
    cellSize = SIMD2(box.width / Double(columns), box.height / Double(rows))
    let directCutoff = KDEGridErrorBound.cutoff(
      logConcentration: logConcentration, lebesgue: 1, target: target)
    let band = SIMD2(repeating: 2 * directCutoff * h) / cellSize + 2
    let cellsPerPoint = min(band.x, Double(columns)) * min(band.y, Double(rows))
    let directCost = Double(kde.points.count) * (cellsPerPoint + 4 * (band.x + band.y))
    // Beyond ρ = e⁷⁰⁰ no cell is within 37·h of a point and the direct sum is the cheap one;
    // the spacing search would only walk a long way out.
    if logConcentration <= 700 {
      let binnedSpacing = KDEGridErrorBound.spacing(
        logConcentration: logConcentration, target: 0.8 * target)
      let binnedCutoff = KDEGridErrorBound.cutoff(
        logConcentration: logConcentration,
        lebesgue: KDEGridErrorBound.binnedLebesgueConstant, target: 0.2 * target)
      let low = SIMD2(box.xMin, box.yMin) - binnedCutoff * h
      let high = SIMD2(box.xMax, box.yMax) + binnedCutoff * h
      let rowStep = binnedSpacing * h
      let laneStep = KDEGridErrorBound.laneSpacingRatio * rowStep
      let rowNodes = (high - low) / rowStep + 4
      let laneNodes = (high - low) / laneStep + 8
      let fineNodes = max(rowNodes.x * laneNodes.y, rowNodes.y * laneNodes.x)
      let rowBand = min(2 * binnedCutoff * h / rowStep + 1, max(rowNodes.x, rowNodes.y))
      let laneBand = min(2 * binnedCutoff * h / laneStep + 1, max(laneNodes.x, laneNodes.y))
      let binningCost = 32 * Double(kde.points.count) + fineNodes
      let sumCost =
        min(laneNodes.x * Double(rows), laneNodes.y * Double(columns)) * rowBand
        + Double(columns * rows) * laneBand
      if fineNodes <= Double(Self.maximumFineNodes) && binningCost + sumCost < directCost {
        isBinned = true
        cutoff = binnedCutoff
        spacing = binnedSpacing
        keptLow = low
        keptHigh = high
        return
      }
    }
    isBinned = false
    cutoff = directCutoff
    spacing = 0
    keptLow = SIMD2(box.xMin, box.yMin) - directCutoff * h
    keptHigh = SIMD2(box.xMax, box.yMax) + directCutoff * h
  }

  /// A binned plan for the density and its first moments, each within `target` relative to p
  /// at every cell with p ≥ K_h(0)·e^(−`logWeightLimit`) (`scoreErrorBounds`), or nil when its
  /// fine grid would exceed `maximumFineNodes`.
  ///
  /// The cutoff keeps the moments' truncation (which bounds the density's too) within 0.2 of
  /// `target`, the spacing both interpolation errors within 0.8 of it.
  init?(
    scoresOf kde: GaussianKDE, box: PlotBox, columns: Int, rows: Int, logWeightLimit: Double,
    target: Double
  ) {
    self.box = box
    self.columns = columns
    self.rows = rows
    bandwidth = kde.bandwidth
    let h = kde.bandwidth
    cellSize = SIMD2(box.width / Double(columns), box.height / Double(rows))
    cutoff = KDEGridErrorBound.momentCutoff(
      logWeightLimit: logWeightLimit, lebesgue: KDEGridErrorBound.binnedLebesgueConstant,
      target: 0.2 * target)
    spacing = KDEGridErrorBound.spacing(target: 0.8 * target) { s in
      max(
        KDEGridErrorBound.densityInterpolation(spacing: s, logWeightLimit: logWeightLimit),
        KDEGridErrorBound.momentInterpolation(spacing: s, logWeightLimit: logWeightLimit))
    }
    isBinned = true
    keptLow = SIMD2(box.xMin, box.yMin) - cutoff * h
    keptHigh = SIMD2(box.xMax, box.yMax) + cutoff * h
    let rowStep = spacing * h
    let laneStep = KDEGridErrorBound.laneSpacingRatio * rowStep
    let rowNodes = (keptHigh - keptLow) / rowStep + 4
    let laneNodes = (keptHigh - keptLow) / laneStep + 8
    let fineNodes = max(rowNodes.x * laneNodes.y, rowNodes.y * laneNodes.x)
    guard fineNodes <= Double(Self.maximumFineNodes) else { return nil }
  }

  /// The operations of `binnedSums(kde:moments: true)` for `pointCount` points, roughly:
  /// binning, then three sums over the fine grid and the cells.
  func binnedCost(pointCount: Int) -> Double {
    let rowStep = spacing * bandwidth
    let laneStep = KDEGridErrorBound.laneSpacingRatio * rowStep
    let laneNodes = (keptHigh - keptLow) / laneStep + 8
    let rowBand = 2 * cutoff / spacing + 1
    let laneBand = cutoff / spacing + 1
    let firstPass = min(laneNodes.x * Double(rows), laneNodes.y * Double(columns)) * rowBand / 4
    return 32 * Double(pointCount) + 3 * (firstPass + Double(columns * rows) * laneBand)
  }

  /// Bounds (ε_p, ε_G) on |p̃ − p|/p and |G̃ − G|/p (either moment axis) of a plan made by
  /// `init(scoresOf:…)`, at cells with p ≥ K_h(0)·e^(−`logWeightLimit`); for p below that
  /// level the absolute errors are at most these times the level.
  ///
  /// The absolute form holds because every term of both bounds is a weighted sum over points
  /// whose weights are capped by min(p, K_h(0)·e^(−A²/2)) in absolute terms, which for
  /// p < level is at most the level's.
  /// Rounding: the factors carry about 10⁻¹³ relative error, and each sum of a cell adds at
  /// most B = 2c/s + c/s + 34 terms (both bands), each rounded to 2⁻⁵³ of the running sum
  /// of magnitudes. Those magnitudes sum to at most Λ·max(c, 1)·e^(8s(c + 4s)) times the
  /// point's own kernel value (a node of a point's stencil lies within 8s·h of it, and only
  /// nodes within c·h of the cell count), so rounding adds at most
  /// 10⁻¹³ + B·2⁻⁵³·Λ·max(c, 1)·e^(8s(c + 4s)) relative to p, and that times the level below it.
  func scoreErrorBounds(logWeightLimit: Double) -> (density: Double, moment: Double) {
    let terms = 3 * cutoff / spacing + 34
    let rounding =
      1e-13
      + terms * 0x1p-53 * KDEGridErrorBound.binnedLebesgueConstant * max(cutoff, 1)
      * exp(8 * spacing * (cutoff + 4 * spacing))
    let truncation = KDEGridErrorBound.momentTruncation(
      cutoff: cutoff, logWeightLimit: logWeightLimit,
      lebesgue: KDEGridErrorBound.binnedLebesgueConstant)
    return (
      KDEGridErrorBound.densityInterpolation(spacing: spacing, logWeightLimit: logWeightLimit)
        + truncation + rounding,
      KDEGridErrorBound.momentInterpolation(spacing: spacing, logWeightLimit: logWeightLimit)
        + truncation + rounding
    )
  }

  /// The centre of cell `index` (row-major from the bottom).
  func cellCentre(index: Int) -> SIMD2<Double> {
    let row = index / columns
    let column = index % columns
    return SIMD2(
      box.xMin + (Double(column) + 0.5) * cellSize.x, box.yMin + (Double(row) + 0.5) * cellSize.y)
  }

  /// The relative error bound of this plan for the concentration e^`logConcentration`.
  func errorBound(logConcentration: Double) -> Double {
    let rounding = 1e-13
    if isBinned {
      return KDEGridErrorBound.interpolation(spacing: spacing, logConcentration: logConcentration)
        + KDEGridErrorBound.truncation(
          cutoff: cutoff, logConcentration: logConcentration,
          lebesgue: KDEGridErrorBound.binnedLebesgueConstant) + rounding
    }
    return KDEGridErrorBound.truncation(
      cutoff: cutoff, logConcentration: logConcentration, lebesgue: 1) + rounding
  }

  /// The densities at the cell centres, row by row from the bottom.
  func evaluate(kde: GaussianKDE) -> [Double] {
    isBinned ? evaluateBinned(kde: kde) : evaluateDirect(kde: kde)
  }
}
