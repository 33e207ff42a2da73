// The noise levels and step sizes of annealed Langevin dynamics, one step at a time.

/// The schedule of annealed Langevin dynamics (Song & Ermon 2019, MATH.md §5).
///
/// Level i = 0 … L−1 uses noise level σᵢ and step size αᵢ = ε·σᵢ²/σ²_last for
/// `stepsPerLevel` steps; step k of the whole run belongs to level ⌊k / T⌋. A live view
/// moving particles one step per frame asks for `noiseLevel(atStep:)` and
/// `stepSize(atStep:)` for its frame counter.
///
/// ```
/// let schedule = AnnealingSchedule(noiseLevels: ladder, epsilon: 2e-5, stepsPerLevel: 100)
/// sampler.step(stepSize: schedule.stepSize(atStep: k),
///              noiseLevel: schedule.noiseLevel(atStep: k), score: &net, rng: &rng)
/// ```
public struct AnnealingSchedule: Sendable, Equatable {
  /// σ₁ > σ₂ > … > σ_L, used in this order.
  public var noiseLevels: [Float]
  /// ε, the step size at the last (smallest) level.
  public var epsilon: Float
  /// T, the number of steps at each level.
  public var stepsPerLevel: Int

  /// Creates a schedule.
  ///
  /// - Parameters:
  ///   - noiseLevels: the ladder σ₁ … σ_L, largest first; must be non-empty and positive.
  ///   - epsilon: ε > 0, the step size at the last level.
  ///   - stepsPerLevel: T ≥ 0 steps at each level.
  public init(noiseLevels: [Float], epsilon: Float, stepsPerLevel: Int) {
    precondition(!noiseLevels.isEmpty, "an annealing schedule needs at least one noise level")
    precondition(noiseLevels.allSatisfy { $0 > 0 }, "noise levels must be positive")
    precondition(epsilon > 0, "epsilon must be positive")
    precondition(stepsPerLevel >= 0, "steps per level must not be negative")
    self.noiseLevels = noiseLevels
    self.epsilon = epsilon
    self.stepsPerLevel = stepsPerLevel
  }

  /// L·T, the number of steps in the whole run.
  public var totalSteps: Int { noiseLevels.count * stepsPerLevel }

  /// αᵢ = ε·σᵢ²/σ_L², the step size used at level `level` (0-based).
  public func stepSize(level: Int) -> Float {
    let last = noiseLevels[noiseLevels.count - 1]
    let ratio = noiseLevels[level] / last
    return epsilon * ratio * ratio
  }

  /// The level (0-based) that step `step` of the run belongs to: ⌊step / T⌋, clamped to the
  /// last level for steps at or past `totalSteps`, so a live view can keep sampling at σ_L.
  public func level(atStep step: Int) -> Int {
    guard stepsPerLevel > 0 else { return noiseLevels.count - 1 }
    return min(max(step, 0) / stepsPerLevel, noiseLevels.count - 1)
  }

  /// σ at step `step` of the run; see `level(atStep:)`.
  public func noiseLevel(atStep step: Int) -> Float { noiseLevels[level(atStep: step)] }

  /// α at step `step` of the run; see `level(atStep:)`.
  public func stepSize(atStep step: Int) -> Float { stepSize(level: level(atStep: step)) }
}
