// Fast KDE density on a grid of cell centres: Lagrange binning plus a separable Gaussian sum.

import Foundation

extension GaussianKDE {
  /// The density p_h at the centres of a `columns` × `rows` tiling of `box`, with an error bound.
  ///
  /// The Gaussian kernel factorises, K_h(u) = φ_h(u_x)·φ_h(u_y), and the cell centres form a
  /// product grid, so the sum is separable. Two evaluations, whichever costs less:
  ///
  /// - **Binned** (h not much smaller than a cell): each point's mass is spread over 4 × 8
  ///   nodes of a fine grid with tensor-product Lagrange weights, cubic along its rows
  ///   (spacing δ = s·h) and septic along its lanes (spacing 2δ), which reproduce polynomials
  ///   of those degrees exactly. Then p̃(X, Y) = Σ_node w·φ_h(X − g_x)·φ_h(Y − g_y) is summed
  ///   along the rows for every cell of that axis, then along the lanes for every cell.
  ///   Cost O(32N + (lane nodes)·(cells along the rows)·(2c/s) + cells·(c/s)), independent
  ///   of N after binning.
  /// - **Direct** (h small against a cell): every point adds φ_h(X − x)·φ_h(Y − y) to the
  ///   cells within c·h of it. Exact but for the cutoff.
  ///
  /// **Error bound.** Let θ = 10⁻³, P the largest exact density over the cells and
  /// ρ = K_h(0)/P. At a cell x with p(x) ≥ θP the relative error is a weighted average of the
  /// per-point errors with weights K_h(x − xᵢ)/(N p(x)); since every K_h(x − xᵢ) ≤
  /// K_h(0)·exp(−aᵢ²/2) (aᵢ the distance in units of h), the points farther than A carry at
  /// most weight (ρ/θ)·exp(−A²/2).
  /// 1. *Binning.* Per axis, replacing φ_h(X − x) by its interpolant through the n nodes
  ///    around x (n = 4 or 8) errs by φ_h⁽ⁿ⁾(ξ)/n!·Πₖ(x − gₖ) with ξ within (n/2)δ of x.
  ///    With w = t(t − 1) ∈ [−¼, 0] (t the position between the middle nodes, in δ) the node
  ///    polynomial is δⁿ·Πⱼ(w − j(j − 1)), j = 1…n/2, so |Π| ≤ δⁿ·Πⱼ(j − ½)²; and
  ///    φ_h⁽ⁿ⁾ = φ_h·Heₙ/hⁿ. Relative to φ_h(X − x), for an offset a (in h), that is at most
  ///    ē₁(a) = Πⱼ(j − ½)²/n!·sⁿ·sup|Heₙ(b)|·exp((a² − b²)/2) over |b − a| ≤ (n/2)s
  ///    (`KDEBinningStencil`). A point at distance a is offset by at most a along one axis and
  ///    a/√2 along the other, which bounds the error of both factors together. It grows with
  ///    a (the tails are harder to interpolate), so it is averaged against the weight bound
  ///    above (a layer-cake integral, `KDEGridErrorBound.interpolation`): ≈ 7.8e-4 at
  ///    s = 0.075, ρ = 15.
  /// 2. *Truncation.* Kernel values beyond c·h along either axis are left out; each is below
  ///    K_h(0)·exp(−c²/2), so the relative loss is at most Λ·(ρ/θ)·exp(−c²/2), Λ the weights'
  ///    Lebesgue constant (the largest Σ|Lₖ(t)|, at t = ½: 5/4 for the cubic and 381/256 for
  ///    the septic weights, multiplied; 1 for the direct sum). Points farther than c·h outside
  ///    the box are not binned; each is covered by the same term.
  /// Rounding adds about 1e-13. P is bounded below by the exact log-sum-exp density at the
  /// centre of a cell in the densest part of the data, measured before the grid is computed,
  /// so ρ is known from above in advance: s and c are chosen for a target of 9.9·10⁻⁴ (0.8 of
  /// it for binning, 0.2 for truncation), whatever h and the box are, from h far below a cell
  /// (direct, no cell near a point) to h far above the box (binned, a few fine nodes). The
  /// returned bound uses the larger of that density and the exact density at the grid's
  /// largest cell, so it is rigorous for the cells whose exact density is at least 10⁻³ of the
  /// largest cell's, and at most 9.9·10⁻⁴ (the largest spacing and smallest cutoff that keep
  /// the bound below the 10⁻³ the heat map needs: accuracy it does not need costs time). It is
  /// +∞ only when the largest cell density is below 1e-280 (every cell centre many h from all
  /// data), where the densities underflow.
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
    // centre of a cell in the densest part of the data.
    let probeLogDensity = bruteForceEvaluation(
      at: denseCellCentre(over: box, columns: columns, rows: rows)
    ).logDensity
    let plan = KDEGridPlan(
      kde: self, box: box, columns: columns, rows: rows,
      logConcentration: log(kernelPeak) - probeLogDensity, target: 9.9e-4)
    var values = plan.evaluate(kde: self)
    let largest = values.withUnsafeMutableBufferPointer(clampingNegatives)
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

  /// The centre of a cell in the densest part of the data: the middle cell of the block of
  /// about h × h cells (one cell when h is below a cell) that holds the most of at most 4,096
  /// points taken evenly through the array (the first block on ties).
  ///
  /// Only the plan depends on it: a poorer choice gives a finer spacing, never a wrong bound.
  func denseCellCentre(over box: PlotBox, columns: Int, rows: Int) -> SIMD2<Double> {
    let cellSize = SIMD2(box.width / Double(columns), box.height / Double(rows))
    let blockCells = SIMD2(
      max(1, Int(min(bandwidth / cellSize.x, Double(columns)))),
      max(1, Int(min(bandwidth / cellSize.y, Double(rows)))))
    let blocks = (SIMD2(columns, rows) &+ blockCells &- 1) / blockCells
    let scale = 1 / (cellSize * SIMD2<Double>(blockCells))
    var counts = [Int](repeating: 0, count: blocks.x * blocks.y)
    for i in Swift.stride(from: 0, to: points.count, by: (points.count + 4095) / 4096) {
      let block = (points[i] - SIMD2(box.xMin, box.yMin)) * scale
      guard block.x >= 0, block.y >= 0, block.x < Double(blocks.x), block.y < Double(blocks.y)
      else { continue }
      counts[Int(block.y) * blocks.x + Int(block.x)] += 1
    }
    var densest = 0
    for index in counts.indices where counts[index] > counts[densest] { densest = index }
    let cell = pointwiseMin(
      SIMD2(densest % blocks.x, densest / blocks.x) &* blockCells &+ blockCells / 2,
      SIMD2(columns - 1, rows - 1))
    return SIMD2(box.xMin, box.yMin) + (SIMD2<Double>(cell) + 0.5) * cellSize
  }
}

/// Sets the negative values to 0 and returns the index of the largest (the first on ties).
private func clampingNegatives(_ values: inout UnsafeMutableBufferPointer<Double>) -> Int {
  var largest = 0
  var largestValue = 0.0
  for index in values.indices {
    var value = values[index]
    if value < 0 {
      value = 0
      values[index] = 0
    }
    if index == 0 || value > largestValue {
      largest = index
      largestValue = value
    }
  }
  return largest
}
