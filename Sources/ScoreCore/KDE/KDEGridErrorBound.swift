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
  /// Σₖ |Lₖ(t)| ≤ 1.25 for the four cubic Lagrange weights, squared for the tensor product.
  static let cubicLebesgueConstant2D = 1.5625

  /// Step of the layer-cake sum over distances, in units of h (any step gives an upper bound).
  static let distanceStep = 0.05

  /// The relative error of cubic Lagrange binning at spacing s (= δ/h), summed over points.
  ///
  /// Per axis, for a point at distance a (in h) from the cell centre,
  /// e₁(a) = (3/128)·s⁴·sup|He₄(b)|·exp((a² − b_min²)/2) over |b − a| ≤ 2s: the Lagrange
  /// remainder f⁗(ξ)/4!·Πₖ(x − gₖ), with |Π| ≤ (9/16)δ⁴, f⁗ = φ·He₄/h⁴ and the nodes within
  /// 2δ of the point. Both axes: e₂(a) = (1 + e₁(a))² − 1. Over the points the error is the
  /// average of e₂(aᵢ) with weights K_h(x − xᵢ)/(N p(x)), and the weight beyond distance A is at
  /// most W(A) = (ρ/θ)·exp(−A²/2); for the increasing envelope ē of e₂ the average is at most
  /// ē(0) + ∫ ē′(A)·min(1, W(A)) dA (layer cake), summed here with W at each step's left end.
  static func interpolation(spacing s: Double, logConcentration: Double) -> Double {
    let logWeightLimit = logConcentration - log(KDEDensityGrid.significanceFraction)
    var previousEnvelope = axisPairError(from: 0, to: 0, spacing: s)
    var total = previousEnvelope
    var distance = 0.0
    while true {
      let next = distance + distanceStep
      let envelope = max(previousEnvelope, axisPairError(from: distance, to: next, spacing: s))
      let weight = min(1, exp(logWeightLimit - distance * distance / 2))
      total += (envelope - previousEnvelope) * weight
      // Past the knee the weight falls as exp(−A²/2) and the envelope grows as A⁴·exp(2sA):
      // once their product is below 1e-16 the rest of the sum is negligible.
      if weight < 1, envelope * weight * next < 1e-16 { return total }
      if !total.isFinite { return .infinity }
      previousEnvelope = envelope
      distance = next
    }
  }

  /// e₂ for every distance in [lower, upper]: e₁ with b ranging over [lower − 2s, upper + 2s].
  private static func axisPairError(from lower: Double, to upper: Double, spacing s: Double)
    -> Double
  {
    let low = lower - 2 * s
    let high = upper + 2 * s
    var largestHermite = max(abs(hermite4(low)), abs(hermite4(high)))
    if low <= 0 { largestHermite = max(largestHermite, 3) }
    if low <= 3.0.squareRoot() && 3.0.squareRoot() <= high {
      largestHermite = max(largestHermite, 6)
    }
    let nearest = max(0, low)
    let s2 = s * s
    let axis = 3.0 / 128 * s2 * s2 * largestHermite * exp((upper * upper - nearest * nearest) / 2)
    return (1 + axis) * (1 + axis) - 1
  }

  /// He₄(b) = b⁴ − 6b² + 3, the probabilists' Hermite polynomial: φ⁗ = φ·He₄.
  private static func hermite4(_ b: Double) -> Double {
    let b2 = b * b
    return b2 * b2 - 6 * b2 + 3
  }

  /// The relative error from leaving out kernel values beyond `cutoff`·h along either axis.
  ///
  /// Each left-out value is below K_h(0)·exp(−c²/2), scaled by the weights' Lebesgue constant
  /// `lebesgue`; over at most N points and relative to p ≥ θ·P that is
  /// lebesgue·(ρ/θ)·exp(−c²/2).
  static func truncation(cutoff c: Double, logConcentration: Double, lebesgue: Double) -> Double {
    lebesgue * exp(logConcentration - log(KDEDensityGrid.significanceFraction) - c * c / 2)
  }

  /// The smallest cutoff c (in h) whose truncation bound is at most `target`.
  static func cutoff(logConcentration: Double, lebesgue: Double, target: Double) -> Double {
    let logRatio =
      log(lebesgue) + logConcentration - log(KDEDensityGrid.significanceFraction) - log(target)
    return (2 * logRatio).squareRoot()
  }

  /// The largest spacing s ≤ 0.3 whose interpolation bound is at most `target`, to 0.2%.
  ///
  /// The bound grows with s, so halving finds a spacing that passes and ten bisection steps
  /// narrow the gap; the result is always one that passed (or 1e-4 when none does).
  static func spacing(logConcentration: Double, target: Double) -> Double {
    func passes(_ s: Double) -> Bool {
      interpolation(spacing: s, logConcentration: logConcentration) <= target
    }
    var high = 0.3
    if passes(high) { return high }
    var low = high / 2
    while !passes(low) {
      if low <= 1e-4 { return low }
      high = low
      low /= 2
    }
    for _ in 0..<10 {
      let middle = (low + high) / 2
      if passes(middle) { low = middle } else { high = middle }
    }
    return low
  }

}
