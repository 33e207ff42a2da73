// Fast KDE density on a grid of cell centres: cubic binning plus a separable Gaussian sum.

import Foundation

extension GaussianKDE {
  /// The density p_h at the centres of a `columns` × `rows` tiling of `box`, with an error bound.
  ///
  /// The Gaussian kernel factorises, K_h(u) = φ_h(u_x)·φ_h(u_y), and the cell centres form a
  /// product grid, so the sum is separable. Two evaluations, whichever costs less:
  ///
  /// - **Binned** (h not much smaller than a cell): each point's mass is spread over the 4 × 4
  ///   nodes of a fine grid of spacing δ = s·h with tensor-product cubic Lagrange weights
  ///   (they reproduce cubics exactly), then p̃(X, Y) = Σ_node w·φ_h(X − g_x)·φ_h(Y − g_y) is
  ///   summed along x for every column, then along y for every row. Cost O(16N +
  ///   columns·(2c/s)·(fine rows) + columns·rows·(2c/s)), independent of N after binning.
  /// - **Direct** (h small against a cell): every point adds φ_h(X − x)·φ_h(Y − y) to the
  ///   cells within c·h of it, the factors from a two-multiply recurrence from the nearest
  ///   cell outward. Exact but for the cutoff.
  ///
  /// **Error bound.** Let θ = 10⁻³, P the largest exact density over the cells and
  /// ρ = K_h(0)/P. At a cell x with p(x) ≥ θP the relative error is a weighted average of the
  /// per-point errors with weights K_h(x − xᵢ)/(N p(x)); since every K_h(x − xᵢ) ≤
  /// K_h(0)·exp(−aᵢ²/2) (aᵢ the distance in units of h), the points farther than A carry at
  /// most weight (ρ/θ)·exp(−A²/2).
  /// 1. *Binning.* Per axis, replacing φ_h(X − x) by its cubic interpolant through the four
  ///    nodes around x errs by φ_h⁗(ξ)/4!·Πₖ(x − gₖ), |Π| ≤ (9/16)δ⁴, φ_h⁗ = φ_h·He₄/h⁴, ξ within
  ///    2δ of x; relative to φ_h(X − x) that is e₁(a) = (3/128)s⁴·sup|He₄(b)|·exp((a² − b²)/2)
  ///    over |b − a| ≤ 2s, and for both axes (1 + e₁)² − 1. It grows with a (the tails are
  ///    harder to interpolate), so it is averaged against the weight bound above (a layer-cake
  ///    integral, `KDEGridErrorBound.interpolation`): ≈ 1.7e-4 at s = 0.05, ρ = 15.
  /// 2. *Truncation.* Kernel values beyond c·h along either axis are left out; each is below
  ///    K_h(0)·exp(−c²/2), so the relative loss is at most Λ·(ρ/θ)·exp(−c²/2), Λ = 1.5625 the
  ///    weights' Lebesgue constant (1 for the direct sum).
  /// Rounding adds about 1e-13. P is bounded below by the exact log-sum-exp density at the
  /// centre of the cell holding the most points, measured before the grid is computed, so ρ
  /// is known from above in advance: s and c are chosen for a target of 9.9·10⁻⁴ (0.8 of it for
  /// binning, 0.2 for truncation), whatever h and the box are, from h far below a cell
  /// (direct, no cell near a point) to h far above the box (binned, a few fine nodes). The
  /// returned bound uses the larger of that density and the exact density at the grid's
  /// largest cell, so it is rigorous for the cells whose exact density is at least 10⁻³ of the
  /// largest cell's, and at most 9.9·10⁻⁴ (the largest spacing and smallest cutoff that keep
  /// the bound below the 10⁻³ the heat map needs: accuracy it does not need costs time). It is +∞ only when the largest cell density is below
  /// 1e-280 (every cell centre many h from all data), where the densities underflow.
  ///
  /// - Parameters:
  ///   - box: the area tiled; points outside it still count.
  ///   - columns: cells across, at least 1.
  ///   - rows: cells up, at least 1.
  /// - Returns: the densities in `PlotBox.cellCentres` order, negative interpolation
  ///   undershoot (far from the data) set to 0, and the bound.
  public func densityGrid(over box: PlotBox, columns: Int, rows: Int) -> KDEDensityGrid {
    precondition(columns >= 1 && rows >= 1, "A grid needs at least one cell")
    precondition(box.width > 0 && box.height > 0, "A grid needs a box of positive size")
    let kernelPeak = 1 / (2 * Double.pi * bandwidth * bandwidth)
    // ρ = K_h(0)/P needs a lower bound on P before the grid exists: the exact density at the
    // centre of the cell that holds the most points.
    let probeLogDensity = bruteForceEvaluation(
      at: densestCellCentre(over: box, columns: columns, rows: rows)
    ).logDensity
    let plan = KDEGridPlan(
      kde: self, box: box, columns: columns, rows: rows,
      logConcentration: log(kernelPeak) - probeLogDensity, target: 9.9e-4)
    var values = plan.evaluate(kde: self)
    var largest = 0
    for index in values.indices {
      if values[index] < 0 { values[index] = 0 }
      if values[index] > values[largest] { largest = index }
    }
    let logLargest = max(
      probeLogDensity, bruteForceEvaluation(at: plan.cellCentre(index: largest)).logDensity)
    // Below e^−645 ≈ 1e-280 the cell densities themselves are at the edge of underflow.
    let bound =
      logLargest < -645
      ? Double.infinity : plan.errorBound(logConcentration: log(kernelPeak) - logLargest)
    return KDEDensityGrid(
      box: box, columns: columns, rows: rows, bandwidth: bandwidth, values: values,
      maxRelativeErrorBound: bound)
  }

  /// The centre of the cell of the tiling that holds the most points (the first on ties).
  private func densestCellCentre(over box: PlotBox, columns: Int, rows: Int) -> SIMD2<Double> {
    var counts = [Int](repeating: 0, count: columns * rows)
    let scale = SIMD2(Double(columns) / box.width, Double(rows) / box.height)
    for p in points {
      let cell = (p - SIMD2(box.xMin, box.yMin)) * scale
      guard cell.x >= 0, cell.y >= 0, cell.x < Double(columns), cell.y < Double(rows) else {
        continue
      }
      counts[Int(cell.y) * columns + Int(cell.x)] += 1
    }
    var densest = 0
    for index in counts.indices where counts[index] > counts[densest] { densest = index }
    return SIMD2(
      box.xMin + (Double(densest % columns) + 0.5) * box.width / Double(columns),
      box.yMin + (Double(densest / columns) + 0.5) * box.height / Double(rows))
  }
}
