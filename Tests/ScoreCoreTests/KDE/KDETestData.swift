// Reading the shared benchmark CSVs and a plain brute-force KDE, both written for the tests.

import Foundation
import ScoreTestSupport

/// The points of a two-column `x,y` CSV with a header line in the shared benchmark data.
func loadSharedPoints(_ name: String, file: String = #filePath) -> [SIMD2<Double>] {
  // sharedDataPath expects a file one folder below the test target; these files are two.
  let path = sharedDataPath(name, file: (file as NSString).deletingLastPathComponent)
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
  return text.split(separator: "\n").dropFirst().compactMap { line in
    let fields = line.split(separator: ",")
    guard fields.count == 2, let x = Double(fields[0]), let y = Double(fields[1]) else {
      return nil
    }
    return SIMD2(x, y)
  }
}

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
