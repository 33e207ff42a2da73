// What a whole reverse-time run returns: the samples, its evaluation count and the kept paths.

/// The outcome of `ParallelDiffusion.sample`.
public struct DiffusionRun: Sendable {
  /// The particles at σ_n in VE coordinates x (for VP, y/α(σ_n)): samples of p_{σ_n}.
  public var particles: [Float]
  /// Batch score evaluations of the run (each thread makes the same number).
  public var networkEvaluations: Int
  /// The recorded paths, if any were asked for.
  public var trajectories: DiffusionTrajectories
}
