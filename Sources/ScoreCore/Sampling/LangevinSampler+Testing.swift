// A Langevin step with noise chosen by the caller, so tests can check one step by hand.

extension LangevinSampler {
  /// One step x ← x + (ε/2)·s(x, σ) + √ε·z with the given z instead of fresh draws.
  ///
  /// - Parameter noise: z, interleaved like `particles` and of the same count.
  package mutating func step<Score: BatchScoreFunction>(
    stepSize: Float, noiseLevel: Float, score: inout Score, noise given: [Float]
  ) {
    precondition(given.count == particles.count, "one noise value per coordinate")
    guard count > 0 else { return }
    prepareBuffers()
    noise = given
    refreshScores(noiseLevel: noiseLevel, score: &score)
    applyStep(stepSize: stepSize)
  }
}
