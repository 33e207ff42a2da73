// Rules of thumb that pick a KDE bandwidth from the data's spread and size.

import Foundation

/// A rule of thumb for the bandwidth h of a 2-D Gaussian KDE.
///
/// Both give h = σ̂·N^(−1/6) with σ̂ = √((s_x² + s_y²)/2) and s² the sample variances with
/// divisor N − 1 (WORKLOADS.md's exact definition). In d dimensions Scott's rule is
/// h = σ̂·N^(−1/(d+4)) and Silverman's is h = σ̂·(4/(d+2))^(1/(d+4))·N^(−1/(d+4)); for d = 2 the
/// factor (4/4)^(1/6) is 1, so the two rules coincide. Both names are kept because users
/// know both.
public enum BandwidthRule: String, CaseIterable, Sendable {
  case scott
  case silverman

  /// h = σ̂·N^(−1/6) for `points`.
  ///
  /// The variances are computed around the mean in a second pass (no cancellation).
  /// Returns 0 for fewer than two points or when all points are equal; a KDE needs h > 0,
  /// so give a fixed bandwidth then.
  public func bandwidth(for points: [SIMD2<Double>]) -> Double {
    guard points.count >= 2 else { return 0 }
    let n = Double(points.count)
    var total = SIMD2<Double>()
    for p in points { total += p }
    let mean = total / n
    var squares = SIMD2<Double>()
    for p in points {
      let d = p - mean
      squares += d * d
    }
    let variances = squares / (n - 1)
    let spread = ((variances.x + variances.y) / 2).squareRoot()
    return spread * Foundation.pow(n, -1.0 / 6.0)
  }
}
