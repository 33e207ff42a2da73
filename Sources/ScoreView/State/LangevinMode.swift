// Whether the particles follow plain or annealed Langevin dynamics.

/// The particles' sampler.
public enum LangevinMode: Sendable, Hashable, CaseIterable {
  /// x ← x + (ε/2)·s(x, σ) + √ε·z at one noise level.
  case plain
  /// Song & Ermon's annealing: step αᵢ = ε·σᵢ²/σ_L² down the noise ladder.
  case annealed
}
