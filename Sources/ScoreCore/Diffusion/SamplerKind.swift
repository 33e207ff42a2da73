// The ways particles are carried from noise to data along a score field.

/// A sampler of MATH.md §5–6; every one asks the same field s(x, σ).
///
/// The Langevin samplers walk the ladder's σ; the SDE and ODE samplers walk Karras' σ steps
/// (`KarrasSteps`) from σ_max down to σ_min under a `DiffusionProcess`.
public enum SamplerKind: String, CaseIterable, Sendable {
  /// Annealed Langevin down the noise ladder (Song & Ermon 2019).
  case annealed
  /// Plain Langevin at one σ.
  case langevin
  /// Reverse-time SDE, Euler–Maruyama.
  case sde
  /// Predictor–corrector: a reverse-SDE step, then Langevin corrector steps at the SNR.
  case pc
  /// Probability-flow ODE, Euler.
  case ode
  /// Probability-flow ODE, Heun (second order, the last step Euler).
  case heun

  /// True for the ODE samplers: the same start always gives the same end.
  public var isDeterministic: Bool { self == .ode || self == .heun }

  /// True for the samplers that follow a process on Karras' σ steps (sde, pc, ode, heun).
  public var followsProcess: Bool { self != .annealed && self != .langevin }

  /// A short label for status lines and tables: "annealed", "plain", "SDE", "PC", "ODE", "Heun".
  public var label: String {
    switch self {
    case .annealed: "annealed"
    case .langevin: "plain"
    case .sde: "SDE"
    case .pc: "PC"
    case .ode: "ODE"
    case .heun: "Heun"
    }
  }
}
