// What a diffusion sampler walks: the σ steps, the rule of each step, the process and the corrector.

/// The fixed part of a run of `DiffusionSampler` (MATH.md §6).
///
/// ```
/// let settings = DiffusionSettings(
///   kind: .heun, process: .ve, noiseLevels: KarrasSteps.levels(maximum: 5, minimum: 0.01, count: 51))
/// settings.networkEvaluations   // 99: two per step, the last step one
/// ```
public struct DiffusionSettings: Sendable, Equatable {
  /// sde, pc, ode or heun (`kind.followsProcess`).
  public var kind: SamplerKind
  /// The coordinates the particles live in: VE x, or VP y = α(σ)·x.
  public var process: DiffusionProcess
  /// σ₀ > σ₁ > … > σ_n (largest first; equal neighbours make a step that does nothing).
  public var noiseLevels: [Float]
  /// r, the predictor–corrector's signal-to-noise ratio (0.16 in score_sde's VE settings).
  public var signalToNoise: Float
  /// M, the Langevin corrector steps after each predictor step of `pc` (ignored otherwise).
  public var correctorSteps: Int

  /// Creates settings; traps on a kind that does not follow a process, on levels that are
  /// empty, not positive and finite or not non-increasing, on r ≤ 0 or M < 0.
  ///
  /// - Parameters:
  ///   - kind: sde, pc, ode or heun.
  ///   - process: ve or vp.
  ///   - noiseLevels: n + 1 ≥ 1 levels, largest first, each in (0, ∞).
  ///   - signalToNoise: r > 0 (only `pc` uses it).
  ///   - correctorSteps: M ≥ 0 (only `pc` uses it).
  public init(
    kind: SamplerKind, process: DiffusionProcess, noiseLevels: [Float], signalToNoise: Float = 0.16,
    correctorSteps: Int = 1
  ) {
    precondition(kind.followsProcess, "a diffusion sampler is sde, pc, ode or heun")
    precondition(!noiseLevels.isEmpty, "at least one noise level")
    precondition(noiseLevels.allSatisfy { $0 > 0 && $0.isFinite }, "noise levels must be positive and finite")
    precondition(zip(noiseLevels, noiseLevels.dropFirst()).allSatisfy { $0 >= $1 }, "noise levels run downwards")
    precondition(signalToNoise > 0 && signalToNoise.isFinite, "the signal-to-noise ratio must be positive")
    precondition(correctorSteps >= 0, "corrector steps must not be negative")
    self.kind = kind
    self.process = process
    self.noiseLevels = noiseLevels
    self.signalToNoise = signalToNoise
    self.correctorSteps = correctorSteps
  }

  /// n, the number of σ steps: one less than the levels.
  public var stepCount: Int { noiseLevels.count - 1 }

  /// The score evaluations over all particles of a whole run (NFE, counted per batch as
  /// score_sde and Karras et al. count it per particle): n for sde and ode, 2n − 1 for heun
  /// (its last step is Euler; 0 when n = 0), n(1 + M) for pc.
  public var networkEvaluations: Int {
    let n = stepCount
    switch kind {
    case .sde, .ode: return n
    case .heun: return max(2 * n - 1, 0)
    case .pc: return n * (1 + correctorSteps)
    case .annealed, .langevin: return 0
    }
  }
}
