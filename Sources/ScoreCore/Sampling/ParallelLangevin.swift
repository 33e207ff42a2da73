// Annealed Langevin over several threads: the particles split into independent groups.

import Dispatch

/// Runs annealed Langevin sampling with the particles divided among `threadCount` threads.
///
/// Particles never interact, so each thread moves its own contiguous group with its own copy
/// of the score function (its own scratch memory) and its own random stream, split from one
/// generator seeded with `seed`. The result is the same for the same seed and thread count;
/// a different thread count draws different (equally distributed) noise.
public enum ParallelLangevin {
  /// `count` particles after the annealed schedule, interleaved; see
  /// `LangevinSampler.sampleAnnealed` for the dynamics.
  ///
  /// - Parameters:
  ///   - count: the number of particles (≥ 0).
  ///   - schedule: σ₁ > … > σ_L, ε and T; the start is N(mean, σ₁²·I).
  ///   - mean: the centre of the starting noise.
  ///   - score: the field; copied once per thread.
  ///   - threadCount: 1 or more; groups differ in size by at most one particle.
  ///   - seed: fixes every draw.
  ///   - progress: told each thread's particles after each of its steps (particle steps:
  ///     `count` × `schedule.totalSteps` in all).
  public static func sampleAnnealed<Score: BatchScoreFunction & Sendable>(
    count: Int, schedule: AnnealingSchedule, mean: SIMD2<Float>, score: Score,
    threadCount: Int, seed: UInt64, progress: ProgressHandler? = nil
  ) -> [Float] {
    precondition(threadCount >= 1, "at least one thread")
    var master = SeededGenerator(seed: seed)
    let generators = (0..<threadCount).map { _ in master.split() }
    let result = UnsafeMutableBufferPointer<Float>.allocate(capacity: 2 * count)
    defer { result.deallocate() }
    nonisolated(unsafe) let output = result
    DispatchQueue.concurrentPerform(iterations: threadCount) { group in
      let start = count * group / threadCount
      let end = count * (group + 1) / threadCount
      var rng = generators[group]
      var field = score
      var sampler = LangevinSampler(
        count: end - start, mean: mean, standardDeviation: schedule.noiseLevels[0], rng: &rng)
      sampler.runAnnealed(schedule: schedule, score: &field, rng: &rng) { progress?(end - start) }
      for (offset, value) in sampler.particles.enumerated() {
        output[2 * start + offset] = value
      }
    }
    return Array(result)
  }
}
