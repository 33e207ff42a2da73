// The score-matching objectives the trainer can minimise.

/// A score-matching loss (MATH.md §2 and §4), each averaged over a batch with its exact
/// gradient with respect to every parameter.
///
/// With f = f_θ(x̃, log σ) = σ·s_θ(x̃, σ), J = ∂f/∂x̃ and z, v ~ N(0, I), the per-point losses are
///
/// | case | loss | σ |
/// | --- | --- | --- |
/// | `ncsn` | ½‖σ·s_θ + z‖² = ½‖f + z‖² | drawn per point (`NoiseDistribution`) |
/// | `dsm` | the same | one fixed level (`Trainer.denoisingNoiseLevel`) |
/// | `ssm` | σ²·(vᵀ∇ₓs_θ v + ½‖s_θ‖²) = σ·vᵀJv + ½‖f‖² | per point |
/// | `ism` | σ²·(½‖s_θ‖² + tr ∇ₓs_θ) = ½‖f‖² + σ·tr J | per point |
/// | `esm` | ½σ²‖s_θ − t‖² = ½‖f − σ·t‖² | per point |
///
/// where x̃ = x + σz in every case. `ssm` and `ism` are applied to the perturbed points x̃
/// rather than to the data: x̃ is a sample of p_σ, the data convolved with N(0, σ²I), so the
/// minimiser at each level is ∇log p_σ, the same field `ncsn` learns, and the σ-conditional
/// network learns every level. The σ² weighting puts all levels on one scale as λ(σ) = σ²
/// does for `ncsn`. The trace in `ism` is exact: two forward tangents along e₁ and e₂.
/// `esm`'s target t(x̃, σ) comes from a `BatchScoreFunction` (the KDE score at h = σ).
/// "Per point" is one of the ladder's levels, uniformly, or with `NoiseDistribution.continuous`
/// log σ uniform between the ladder's ends; `dsm` has only its one level.
public enum Objective: String, CaseIterable, Sendable {
  /// Noise-conditional denoising score matching over the whole ladder.
  case ncsn
  /// Denoising score matching at one noise level.
  case dsm
  /// Sliced score matching with one Gaussian projection per point.
  case ssm
  /// Implicit (Hyvärinen) score matching with the exact 2-D trace.
  case ism
  /// Explicit score matching against a known score.
  case esm

  /// Forward tangents each point needs: one projection for `ssm`, two axes for `ism`.
  var tangentCount: Int {
    switch self {
    case .ncsn, .dsm, .esm: 0
    case .ssm: 1
    case .ism: 2
    }
  }
}
