// Where the particles are on their process's σ clock: σ, direction, progress, evaluations.

/// The state of a sampler that follows a diffusion process on a σ clock (MATH.md §6–7):
/// the SDE, PC, ODE and Heun samplers. The Langevin samplers have no clock.
///
/// The status line shows it as, e.g., `Heun VP σ 0.530 ▕███▌░░░░▏ ←`: the sampler, the
/// process, σ now, a gauge of `fraction` done and the direction.
public struct SamplerClock: Sendable, Equatable {
  /// Which way along the process the particles are carried.
  public enum Direction: Sendable, Hashable {
    /// The reverse process, noise → data: σ falls from σ_max to σ_min (shown `←`, ASCII `<`).
    case reverse
    /// The forward process, data → noise: σ rises from σ_min to σ_max (shown `→`, ASCII `>`).
    case forward
  }

  /// The noise level σ(t) the particles are at now (> 0; non-finite shows as "—").
  public var sigma: Double
  /// Reverse (noise → data) or forward (data → noise).
  public var direction: Direction
  /// The fraction of the run done in `direction`, 0 at the start, 1 at the end; clamped to
  /// [0, 1] when drawn, NaN draws an empty gauge.
  public var fraction: Double
  /// The process's short name, "VE" or "VP".
  public var processName: String
  /// Score evaluations (NFE) the sampler has spent since the run started (≥ 0; negative
  /// shows as "—").
  public var evaluations: Int
  /// Whether the particles have reached the end and are held there.
  public var isHolding: Bool

  public init(
    sigma: Double, direction: Direction = .reverse, fraction: Double, processName: String,
    evaluations: Int = 0, isHolding: Bool = false
  ) {
    self.sigma = sigma
    self.direction = direction
    self.fraction = fraction
    self.processName = processName
    self.evaluations = evaluations
    self.isHolding = isHolding
  }
}
