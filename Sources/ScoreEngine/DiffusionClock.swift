// The live view's σ clock: a diffusion run that holds at its end, starts again, and can turn round.

import ScoreCore

/// A `DiffusionSampler` run on a visible clock: one σ step per `advance`, a hold of
/// `holdFrames` advances at the end, then a fresh run from the start law.
///
/// The run walks `settings.noiseLevels` (σ_0 = σ_max … σ_n = σ_min). Reverse (noise → data)
/// starts at σ_0 from `reverseStart`; forward (data → noise, the forward process alone) starts
/// at σ_n from `forwardStart`. `turnAround()` carries on from the σ the particles are at in the
/// other direction, with the same particles, so a person can send samples back into noise and
/// bring them back.
///
/// ```
/// var clock = DiffusionClock(settings: settings, reverseStart: .standardizedGaussian(noiseLevel: 5),
///   forwardStart: .trainingPoints(data), count: 400, holdFrames: 45, rng: &rng)
/// clock.advance(score: &field, rng: &rng)   // once per frame
/// clock.reading.sigma                       // σ now, for the status line
/// ```
public struct DiffusionClock: Sendable {
  /// Where the clock stands, for the status line.
  public struct Reading: Sendable, Equatable {
    /// σ the particles are at.
    public var sigma: Float
    /// The share of the whole σ range walked in the current direction, 0 at its start, 1 at its end.
    public var fraction: Double
    /// True when running data → noise.
    public var isForward: Bool
    /// Batch score evaluations since the run (re)started, across turnarounds.
    public var evaluations: Int
    /// True while held at the end of a run.
    public var isHolding: Bool
  }

  /// The sampler, process and the whole σ range (largest first).
  public let settings: DiffusionSettings
  /// The law reverse runs start from at σ_0.
  public let reverseStart: DiffusionStart
  /// The law forward runs start from at σ_n (the data plus σ_n noise), nil when there is no
  /// data to start from (then forward runs start from the reverse law's end state).
  public let forwardStart: DiffusionStart?
  /// Advances the clock stays at the end of a run before it starts again.
  public let holdFrames: Int
  /// Runs started, counting the first; a new run moves every particle at once.
  public private(set) var runCount = 1
  private var sampler: DiffusionSampler
  /// The index in `settings.noiseLevels` of the sampler's own first level (reverse) or last
  /// level (forward): where the current stretch began.
  private var offset = 0
  private var evaluationsBefore = 0
  private var holdRemaining = 0

  /// A reverse run of `count` particles drawn from `reverseStart` at σ_0.
  public init(
    settings: DiffusionSettings, reverseStart: DiffusionStart, forwardStart: DiffusionStart?, count: Int,
    holdFrames: Int, rng: inout SeededGenerator
  ) {
    self.settings = settings
    self.reverseStart = reverseStart
    self.forwardStart = forwardStart
    self.holdFrames = max(0, holdFrames)
    let particles = reverseStart.draw(
      count: count, noiseLevel: settings.noiseLevels[0], process: settings.process, rng: &rng)
    sampler = DiffusionSampler(particles: particles, settings: settings)
  }

  /// The particles, interleaved, in the process's coordinates at the current σ (VE: x, VP: α·x).
  public var particles: [Float] { sampler.particles }

  /// The number of particles.
  public var count: Int { sampler.count }

  /// True when running data → noise.
  public var isForward: Bool { sampler.direction == .towardNoise }

  /// The index of the current σ in `settings.noiseLevels`.
  public var levelIndex: Int { isForward ? offset - sampler.stepsTaken : offset + sampler.stepsTaken }

  /// σ, direction, progress, evaluations and whether the run is held at its end.
  public var reading: Reading {
    let n = max(1, settings.stepCount)
    let walked = isForward ? settings.stepCount - levelIndex : levelIndex
    return Reading(
      sigma: settings.noiseLevels[levelIndex], fraction: Double(walked) / Double(n), isForward: isForward,
      evaluations: evaluationsBefore + sampler.networkEvaluations, isHolding: sampler.isFinished)
  }

  /// One σ step along `score` (none toward noise); at the end, one advance of the hold, and
  /// once the hold is over a new run in the same direction.
  public mutating func advance<Score: BatchScoreFunction>(score: inout Score, rng: inout SeededGenerator) {
    if sampler.isFinished {
      if holdRemaining > 0 {
        holdRemaining -= 1
      } else {
        restart(forward: isForward, rng: &rng)
      }
      return
    }
    sampler.step(score: &score, rng: &rng)
    if sampler.isFinished { holdRemaining = holdFrames }
  }

  /// Starts a new run (reverse from `reverseStart` at σ_0, forward from `forwardStart` at σ_n).
  public mutating func restart(forward: Bool, rng: inout SeededGenerator) {
    let levels = settings.noiseLevels
    evaluationsBefore = 0
    runCount += 1
    if forward, let forwardStart {
      let particles = forwardStart.draw(
        count: count, noiseLevel: levels[levels.count - 1], process: settings.process, rng: &rng)
      offset = levels.count - 1
      sampler = DiffusionSampler(particles: particles, settings: settings, direction: .towardNoise)
    } else if forward {
      // No data to start from: carry the current particles up from where they are.
      offset = levelIndex
      sampler = DiffusionSampler(
        particles: sampler.particles, settings: slice(upTo: offset), direction: .towardNoise)
    } else {
      let particles = reverseStart.draw(count: count, noiseLevel: levels[0], process: settings.process, rng: &rng)
      offset = 0
      sampler = DiffusionSampler(particles: particles, settings: settings)
    }
    holdRemaining = 0
  }

  /// Carries on in the other direction from the current σ with the same particles (held at
  /// an end, the new stretch is the whole range the other way).
  public mutating func turnAround() {
    let index = levelIndex
    evaluationsBefore += sampler.networkEvaluations
    if isForward {
      offset = index
      sampler = DiffusionSampler(particles: sampler.particles, settings: slice(from: index))
    } else {
      offset = index
      sampler = DiffusionSampler(particles: sampler.particles, settings: slice(upTo: index), direction: .towardNoise)
    }
    holdRemaining = sampler.isFinished ? holdFrames : 0
  }

  /// Replaces the oldest `count` particles by `replacement` (interleaved, process coordinates
  /// at the current σ) and keeps the rest, the newest last.
  public mutating func replaceOldest(with replacement: [Float]) {
    let old = sampler.particles
    let n = min(replacement.count, old.count)
    let particles = Array(old[n...]) + Array(replacement[..<n])
    let index = levelIndex
    let stretch = isForward ? slice(upTo: index) : slice(from: index)
    evaluationsBefore += sampler.networkEvaluations
    offset = index
    sampler = DiffusionSampler(particles: particles, settings: stretch, direction: sampler.direction)
  }

  /// The settings over levels `index…n` (a reverse stretch starting at `index`).
  private func slice(from index: Int) -> DiffusionSettings {
    var stretch = settings
    stretch.noiseLevels = Array(settings.noiseLevels[index...])
    return stretch
  }

  /// The settings over levels `0…index` (a forward stretch starting at `index`).
  private func slice(upTo index: Int) -> DiffusionSettings {
    var stretch = settings
    stretch.noiseLevels = Array(settings.noiseLevels[...index])
    return stretch
  }
}
