// A whole reverse-time run over several threads, with the paths of a few particles kept.

import Dispatch

/// Runs a `DiffusionSampler` from its start law with the particles divided among threads.
///
/// Particles never interact except through the corrector's step size, which each thread
/// computes over its own group (score_sde computes it over a batch the same way). Each thread
/// draws its group's start and noise from its own stream, split from one generator seeded with
/// `seed`, and has its own copy of the score function. The result is the same for the same
/// seed and thread count; a different thread count draws different, equally distributed,
/// numbers.
public enum ParallelDiffusion {
  /// `count` particles carried from σ₀ to σ_n.
  ///
  /// - Parameters:
  ///   - count: ≥ 0 particles.
  ///   - start: the law at σ₀ (drawn by `DiffusionStart.draw`, VP scaled by α(σ₀)).
  ///   - settings: the sampler, process, levels and corrector.
  ///   - score: the field s(x, σ) in VE coordinates; copied once per thread.
  ///   - threadCount: ≥ 1; groups differ in size by at most one particle.
  ///   - seed: fixes every draw.
  ///   - recordedParticles: K, 0 … count: the first K particles' states at every level are
  ///     kept, 2·K·(n + 1) floats.
  ///   - progress: told each thread's particles after each of its σ steps (particle steps:
  ///     `count` × n in all, n the σ steps).
  public static func sample<Score: BatchScoreFunction & Sendable>(
    count: Int, start: DiffusionStart, settings: DiffusionSettings, score: Score, threadCount: Int, seed: UInt64,
    recordedParticles: Int = 0, progress: ProgressHandler? = nil
  ) -> DiffusionRun {
    precondition(count >= 0, "particle count must not be negative")
    precondition(threadCount >= 1, "at least one thread")
    precondition((0...count).contains(recordedParticles), "recorded particles must be between 0 and the count")
    var master = SeededGenerator(seed: seed)
    let generators = (0..<threadCount).map { _ in master.split() }
    let levelCount = settings.noiseLevels.count
    let result = UnsafeMutableBufferPointer<Float>.allocate(capacity: 2 * count)
    let paths = UnsafeMutableBufferPointer<Float>.allocate(capacity: 2 * recordedParticles * levelCount)
    defer {
      result.deallocate()
      paths.deallocate()
    }
    nonisolated(unsafe) let output = result
    nonisolated(unsafe) let recorded = paths
    DispatchQueue.concurrentPerform(iterations: threadCount) { group in
      let first = count * group / threadCount
      let end = count * (group + 1) / threadCount
      var rng = generators[group]
      var field = score
      let particles = start.draw(
        count: end - first, noiseLevel: settings.noiseLevels[0], process: settings.process, rng: &rng)
      var sampler = DiffusionSampler(particles: particles, settings: settings)
      let kept = max(0, min(end, recordedParticles) - first)
      func record() {
        for k in 0..<kept {
          let index = 2 * ((first + k) * levelCount + sampler.stepsTaken)
          recorded[index] = sampler.particles[2 * k]
          recorded[index + 1] = sampler.particles[2 * k + 1]
        }
      }
      record()
      while !sampler.isFinished {
        sampler.step(score: &field, rng: &rng)
        record()
        progress?(end - first)
      }
      for (offset, value) in sampler.varianceExplodingParticles.enumerated() {
        output[2 * first + offset] = value
      }
    }
    return DiffusionRun(
      particles: Array(result), networkEvaluations: settings.networkEvaluations,
      trajectories: DiffusionTrajectories(
        particleCount: recordedParticles, noiseLevels: settings.noiseLevels, positions: Array(paths)))
  }
}
