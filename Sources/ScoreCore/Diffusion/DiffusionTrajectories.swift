// The recorded paths of the first particles of a reverse-time run, level by level.

/// The paths of the first K particles: their states at every level of a run.
public struct DiffusionTrajectories: Sendable, Equatable {
  /// K, the particles recorded (the first K of the run).
  public var particleCount: Int
  /// σ₀ … σ_n, the levels of the run, largest first.
  public var noiseLevels: [Float]
  /// The states in the process's coordinates (VP: y = α·x), interleaved, particle-major:
  /// particle k at level j is at 2·(k·(n + 1) + j).
  public var positions: [Float]

  /// The state of particle `particle` after `step` steps (in the process's coordinates).
  public func position(particle: Int, step: Int) -> SIMD2<Float> {
    let index = 2 * (particle * noiseLevels.count + step)
    return SIMD2(positions[index], positions[index + 1])
  }
}
