// The error bounds of the KDE grid evaluation and the spacing and cutoff chosen from them.

import Foundation

/// Bounds on the relative error of the binned and the direct grid evaluation of a KDE.
///
/// Every bound holds at cells whose exact density is at least θ·P, θ =
/// `KDEDensityGrid.significanceFraction`, P the largest exact density over the cells, and is
/// written in terms of the concentration ρ = K_h(0)/P ≥ 1, passed as log ρ (it can exceed the
/// Double range when h is far below a cell). Distances are in units of h.
/// The derivation is in `GaussianKDE.densityGrid(over:columns:rows:)`.
enum KDEGridErrorBound {
  /// The stencil of the rows of the fine grid (the axis summed first).
  static let rowStencil = KDEBinningStencil.cubic
  /// The stencil of the lanes of the fine grid, whose spacing is `laneSpacingRatio` times
  /// the rows' (about the ratio that costs least, at any ρ, for cells near h/10).
  static let laneStencil = KDEBinningStencil.septic
  static let laneSpacingRatio = 2.0

  /// The Lebesgue constant of the tensor-product binning weights.
  static let binnedLebesgueConstant =
    rowStencil.lebesgueConstant * laneStencil.lebesgueConstant

  /// Step of the layer-cake sum over distances, in units of h (any step gives an upper bound).
  static let distanceStep = 0.05

  /// The relative error of binning at row spacing s (= δ/h; lanes 2s), summed over points.
  ///
  /// A point at distance a from the cell centre (in h) is offset by at most a along one axis
  /// and at most a/√2 along the other, so with ēᵣ and ēₗ the rows' and the lanes' ē₁
  /// (`KDEBinningStencil`) both factors together err by at most ē₂(a), the larger of
  /// (1 + ēᵣ(a))·(1 + ēₗ(a/√2)) − 1 and (1 + ēᵣ(a/√2))·(1 + ēₗ(a)) − 1, increasing in a.
  /// Over the points the error is the average of ē₂(aᵢ) with weights K_h(x − xᵢ)/(N p(x)),
  /// and the weight beyond distance A is at most W(A) = (ρ/θ)·exp(−A²/2); so the average is
  /// at most ē₂(0) + ∫ ē₂′(A)·min(1, W(A)) dA (layer cake), summed here with W at each
  /// step's left end. Up to the knee, where W = 1, the sum telescopes to ē₂ there.
  static func interpolation(spacing s: Double, logConcentration: Double) -> Double {
    let row = rowStencil.axisError(spacing: s)
    let lane = laneStencil.axisError(spacing: laneSpacingRatio * s)
    // ē₂(a): the relative error of both axes' interpolants for a point at distance a.
    return layerCake(
      logWeightLimit: logConcentration - log(KDEDensityGrid.significanceFraction)
    ) { a in
      let diagonal = a / 2.0.squareRoot()
      return max((1 + row(a)) * (1 + lane(diagonal)), (1 + row(diagonal)) * (1 + lane(a))) - 1
    }
  }

  /// The error of binning the first moment at row spacing s, relative to p and h:
  /// |G̃ − G| ≤ ε·p for G = (1/N) Σᵢ ((xᵢ − X)/h)·K_h(X − xᵢ) (either axis), at every cell
  /// with p ≥ K_h(0)·e^(−`logWeightLimit`).
  ///
  /// Per point the moment factor f_d (axis d, offset a_d) errs by at most ē′_d(a_d)·φ_h (the
  /// moment stencils) and the plain factor of the other axis o by ē_o(a_o)·φ_h, and
  /// |f_d| ≤ a_d·φ_h, so f̃_d·f̃_o − f_d·f_o errs by at most
  /// (ē′_d(a_d)·(1 + ē_o(a_o)) + a_d·ē_o(a_o))·K_h. Over a_d, a_o ≤ a with the smaller one
  /// ≤ a/√2, and over the moment axis being the rows or the lanes, the largest of the four is
  /// ē_G(a), increasing in a, averaged as in `interpolation`.
  static func momentInterpolation(spacing s: Double, logWeightLimit: Double) -> Double {
    let row = rowStencil.axisError(spacing: s)
    let lane = laneStencil.axisError(spacing: laneSpacingRatio * s)
    let rowMoment = KDEBinningStencil.cubicMoment.axisError(spacing: s)
    let laneMoment = KDEBinningStencil.septicMoment.axisError(spacing: laneSpacingRatio * s)
    return layerCake(logWeightLimit: logWeightLimit) { a in
      let diagonal = a / 2.0.squareRoot()
      func pair(_ moment: KDEBinningStencil.AxisError, _ plain: KDEBinningStencil.AxisError)
        -> Double
      {
        max(
          moment(a) * (1 + plain(diagonal)) + a * plain(diagonal),
          moment(diagonal) * (1 + plain(a)) + diagonal * plain(a))
      }
      return max(pair(rowMoment, lane), pair(laneMoment, row))
    }
  }

  /// The density's binning error `interpolation` for cells with p ≥ K_h(0)·e^(−`logWeightLimit`).
  static func densityInterpolation(spacing s: Double, logWeightLimit: Double) -> Double {
    interpolation(
      spacing: s,
      logConcentration: logWeightLimit + log(KDEDensityGrid.significanceFraction))
  }

  /// The average of the increasing per-point error `pairError` over the points, with weights
  /// K_h(x − xᵢ)/(N p(x)) of which at most W(A) = e^(`logWeightLimit` − A²/2) lie beyond
  /// distance A.
  ///
  /// The average is at most ē(0) + ∫ ē′(A)·min(1, W(A)) dA (layer cake), summed here with W at
  /// each step's left end. Up to the knee, where W = 1, the sum telescopes to ē there.
  private static func layerCake(logWeightLimit: Double, pairError: (Double) -> Double) -> Double {
    // The steps that start where W ≥ 1 add up to ē₂ at the end of the last of them.
    let knee = ((2 * max(0, logWeightLimit)).squareRoot() / distanceStep).rounded(.down)
    var distance = knee * distanceStep
    var previousEnvelope = pairError(distance)
    var total = previousEnvelope
    while true {
      let next = distance + distanceStep
      let envelope = pairError(next)
      let weight = min(1, exp(logWeightLimit - distance * distance / 2))
      total += (envelope - previousEnvelope) * weight
      // Past the knee the weight falls as exp(−A²/2) and the envelope grows as A⁹·exp(4sA):
      // once their product is below 1e-16 the rest of the sum is negligible.
      if weight < 1, envelope * weight * next < 1e-16 { return total }
      if !total.isFinite { return .infinity }
      previousEnvelope = envelope
      distance = next
    }
  }

  /// The relative error from leaving out kernel values beyond `cutoff`·h along either axis.
  ///
  /// Each left-out value is below K_h(0)·exp(−c²/2), scaled by the weights' Lebesgue constant
  /// `lebesgue`; over at most N points and relative to p ≥ θ·P that is
  /// lebesgue·(ρ/θ)·exp(−c²/2).
  static func truncation(cutoff c: Double, logConcentration: Double, lebesgue: Double) -> Double {
    lebesgue * exp(logConcentration - log(KDEDensityGrid.significanceFraction) - c * c / 2)
  }

  /// The relative error of the first moment from the kernel values left out beyond
  /// `cutoff`·h, at cells with p ≥ K_h(0)·e^(−`logWeightLimit`).
  ///
  /// A left-out moment factor is at most max(c, 1)·e^(−c²/2) (|u|e^(−u²/2) falls beyond 1)
  /// and the other factor at most 1, so each point loses at most lebesgue·max(c, 1)·
  /// e^(−c²/2)·K_h(0).
  static func momentTruncation(cutoff c: Double, logWeightLimit: Double, lebesgue: Double)
    -> Double
  {
    lebesgue * max(c, 1) * exp(logWeightLimit - c * c / 2)
  }

  /// The smallest cutoff c (in h, to 0.01) whose moment truncation bound is at most `target`.
  static func momentCutoff(logWeightLimit: Double, lebesgue: Double, target: Double) -> Double {
    var c = max(1, (2 * (log(lebesgue) + logWeightLimit - log(target))).squareRoot())
    while momentTruncation(cutoff: c, logWeightLimit: logWeightLimit, lebesgue: lebesgue) > target {
      c += 0.01
    }
    return c
  }

  /// The smallest cutoff c (in h) whose truncation bound is at most `target`.
  static func cutoff(logConcentration: Double, lebesgue: Double, target: Double) -> Double {
    let logRatio =
      log(lebesgue) + logConcentration - log(KDEDensityGrid.significanceFraction) - log(target)
    return (2 * logRatio).squareRoot()
  }

  /// The largest row spacing s ≤ 0.5 whose interpolation bound is at most `target`, to
  /// about 1%.
  ///
  /// The bound grows with s, so steps of √2 from s = 0.1 (near the result for moderate ρ)
  /// bracket the spacing; then, as log(bound) is smooth in log s (close to 4·log s for small
  /// s), interpolating in those logs, aimed 2% below the target and kept inside the middle 80%
  /// of the bracket, closes in within a few evaluations, until a passing spacing is within 4%
  /// of the target. The result is always a spacing that passed (or 1e-4 when none does).
  static func spacing(logConcentration: Double, target: Double) -> Double {
    spacing(target: target) { interpolation(spacing: $0, logConcentration: logConcentration) }
  }

  /// The largest row spacing s ≤ 0.5 at which `bound`, increasing in s, is at most `target`,
  /// found as in `spacing(logConcentration:target:)`.
  static func spacing(target: Double, bound: (Double) -> Double) -> Double {
    func bounded(_ logSpacing: Double) -> (logSpacing: Double, logBound: Double) {
      (logSpacing, log(bound(exp(logSpacing))))
    }
    let logTarget = log(target)
    let logStep = log(2.0) / 2
    var low = bounded(log(0.1))
    var high = low
    if low.logBound <= logTarget {
      while high.logBound <= logTarget {
        if high.logSpacing >= log(0.5) { return 0.5 }
        low = high
        high = bounded(min(high.logSpacing + logStep, log(0.5)))
      }
    } else {
      while low.logBound > logTarget {
        if low.logSpacing <= log(1e-4) { return 1e-4 }
        high = low
        low = bounded(max(low.logSpacing - logStep, log(1e-4)))
      }
    }
    for _ in 0..<8 where low.logBound < logTarget + log(0.96) {
      let fraction = (logTarget + log(0.98) - low.logBound) / (high.logBound - low.logBound)
      let point = bounded(
        low.logSpacing + min(max(fraction, 0.1), 0.9) * (high.logSpacing - low.logSpacing))
      if point.logBound <= logTarget { low = point } else { high = point }
    }
    return exp(low.logSpacing)
  }
}
