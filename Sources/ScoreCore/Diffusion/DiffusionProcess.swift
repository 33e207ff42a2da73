// The two forward processes one σ-trained network serves: variance exploding and preserving.

import Foundation

/// How noise is added on the way from data to noise (MATH.md §6).
///
/// - `ve`: x_σ = x₀ + σz; the state is in the network's own coordinates.
/// - `vp`: x_t = α_t x₀ + s_t z with α_t = exp(−½∫₀ᵗβ), s_t² = 1 − α_t² and β linear from
///   0.1 to 20 on t ∈ [0, 1] (DDPM). Dividing by α_t gives a VE state with σ = s_t/α_t, so
///   ∇log p_t^VP(y) = (1/α_t)·s^VE(y/α_t, σ) and α_t = 1/√(1 + σ²).
///
/// Every function here is indexed by σ, the VE noise level; t only reparameterises it.
public enum DiffusionProcess: String, CaseIterable, Sendable {
  /// Variance exploding: x₀ + σz.
  case ve
  /// Variance preserving (DDPM's): α_t x₀ + s_t z.
  case vp

  /// β(0) of the VP process.
  public static let vpBetaStart: Double = 0.1
  /// β(1) of the VP process.
  public static let vpBetaEnd: Double = 20

  /// The largest σ the VP clock reaches at t = 1: √(exp(∫₀¹β) − 1) ≈ 152.
  public static let vpLargestNoiseLevel: Double = (exp(vpBetaStart + (vpBetaEnd - vpBetaStart) / 2) - 1)
    .squareRoot()

  /// The factor the state carries at noise level σ: 1 for VE, α = 1/√(1 + σ²) for VP.
  ///
  /// A VP state y and its VE state x are related by y = α·x.
  public func scale(atNoiseLevel sigma: Double) -> Double {
    switch self {
    case .ve: 1
    case .vp: 1 / (1 + sigma * sigma).squareRoot()
    }
  }

  /// ∫₀ᵗ β(u) du = β₀t + ½(β₁ − β₀)t² for the VP process.
  public static func vpIntegratedBeta(time: Double) -> Double {
    vpBetaStart * time + 0.5 * (vpBetaEnd - vpBetaStart) * time * time
  }

  /// β(t) = β₀ + (β₁ − β₀)t for the VP process.
  public static func vpBeta(time: Double) -> Double {
    vpBetaStart + (vpBetaEnd - vpBetaStart) * time
  }

  /// The VP time t at which σ = s_t/α_t equals `sigma`: the root in [0, ∞) of
  /// β₀t + ½(β₁ − β₀)t² = log(1 + σ²).
  ///
  /// For σ beyond `vpLargestNoiseLevel` the result exceeds 1 (the formula is continued).
  public static func vpTime(atNoiseLevel sigma: Double) -> Double {
    let target = log1p(sigma * sigma)
    let a = 0.5 * (vpBetaEnd - vpBetaStart)
    let b = vpBetaStart
    // The root of a t² + b t − target = 0 written to avoid cancellation when target is small.
    return 2 * target / (b + (b * b + 4 * a * target).squareRoot())
  }

  /// The VE noise level at VP time t: σ = √(exp(∫₀ᵗβ) − 1).
  public static func vpNoiseLevel(time: Double) -> Double {
    expm1(vpIntegratedBeta(time: time)).squareRoot()
  }
}
