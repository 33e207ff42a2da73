// A plain brute-force KDE written for the tests: the independent reference for GaussianKDE.

import Foundation
import ScoreTestSupport

/// log p_h(x) and ∇log p_h(x) by the textbook formulas, one `exp` per point, with its own
/// log-sum-exp: the independent reference for `GaussianKDE`.
func bruteForceKDE(points: [SIMD2<Double>], bandwidth h: Double, at x: SIMD2<Double>)
  -> (logDensity: Double, score: SIMD2<Double>)
{
  let exponents = points.map { p -> Double in
    let d = p - x
    return -(d.x * d.x + d.y * d.y) / (2 * h * h)
  }
  let largest = exponents.max()!
  var sum = 0.0
  var weighted = SIMD2<Double>()
  for (p, e) in zip(points, exponents) {
    let w = exp(e - largest)
    sum += w
    weighted += w * (p - x)
  }
  let logDensity = largest + log(sum) - log(Double(points.count)) - log(2 * Double.pi * h * h)
  return (logDensity, weighted / (sum * h * h))
}
