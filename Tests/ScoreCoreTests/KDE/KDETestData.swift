// A plain brute-force KDE written for the tests: the independent reference for GaussianKDE.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

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

/// `GaussianKDE`'s exact density at `centres`, every 97th checked against `bruteForceKDE` to
/// a relative 1e-11 (two Double sums of the same terms in different orders): the reference
/// the density-grid tests measure their error against.
func exactDensitiesCheckedByBruteForce(
  points: [SIMD2<Double>], bandwidth h: Double, at centres: [SIMD2<Double>]
) -> [Double] {
  let exact = GaussianKDE(points: points, bandwidth: h).evaluate(at: centres).map(\.density)
  for index in stride(from: 0, to: centres.count, by: 97) {
    let reference = exp(bruteForceKDE(points: points, bandwidth: h, at: centres[index]).logDensity)
    #expect(isClose(exact[index], reference, relative: 1e-11, absolute: 1e-300))
  }
  return exact
}
