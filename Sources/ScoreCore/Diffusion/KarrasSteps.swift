// The σ steps of the SDE and ODE samplers: dense near σ_min, sparse near σ_max (Karras et al. 2022).

import Foundation

/// Karras' noise levels σ_i = (σ_max^{1/ρ} + i/(n−1)·(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ, MATH.md §6.
///
/// ```
/// let sigmas = KarrasSteps.levels(maximum: 5, minimum: 0.01, count: 50)
/// sigmas.first   // 5
/// sigmas.last    // 0.01
/// ```
public enum KarrasSteps {
  /// ρ = 7, Karras et al.'s choice for every dataset they report.
  public static let defaultRho: Double = 7

  /// `count` noise levels from `maximum` down to `minimum`, largest first.
  ///
  /// One level is just `maximum`. Computed in Double and rounded once, so the ends are exact.
  ///
  /// - Parameters:
  ///   - maximum: σ_max > 0.
  ///   - minimum: σ_min, 0 < σ_min ≤ σ_max.
  ///   - count: n ≥ 1.
  ///   - rho: ρ > 0; larger puts more steps near σ_min.
  public static func levels(maximum: Float, minimum: Float, count: Int, rho: Double = defaultRho) -> [Float] {
    precondition(count >= 1, "at least one noise level")
    precondition(minimum > 0 && minimum <= maximum, "need 0 < σ_min ≤ σ_max")
    precondition(rho > 0, "ρ must be positive")
    guard count > 1 else { return [maximum] }
    let top = pow(Double(maximum), 1 / rho)
    let bottom = pow(Double(minimum), 1 / rho)
    return (0..<count).map { index in
      if index == 0 { return maximum }
      if index == count - 1 { return minimum }
      let fraction = Double(index) / Double(count - 1)
      return Float(pow(top + fraction * (bottom - top), rho))
    }
  }
}
