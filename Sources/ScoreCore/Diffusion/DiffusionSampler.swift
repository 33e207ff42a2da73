// Particles carried along Karras' σ steps by the reverse SDE, predictor–corrector or probability-flow ODE.

/// 2-D particles moved one σ step at a time under a `DiffusionProcess` (MATH.md §6).
///
/// **Reverse direction** (noise to data), from σ = σ_i to σ' = σ_{i+1} < σ, in VE coordinates x:
/// - `sde` (Euler–Maruyama): x ← x + (σ² − σ'²)·s(x, σ) + √(σ² − σ'²)·z.
/// - `pc`: that predictor, then M Langevin corrector steps at σ':
///   x ← x + δ·s(x, σ') + √(2δ)·z with δ = 2(r·mean‖z‖ / mean‖s‖)², each mean over the
///   particles of their own norms (score_sde's `LangevinCorrector`; particles with a
///   non-finite score are left out of the mean).
/// - `ode` (Euler on dx/dσ = −σ·s(x, σ)): x ← x + (σ − σ')·σ·s(x, σ).
/// - `heun`: d = σ·s(x, σ), x̃ = x + (σ − σ')·d, d' = σ'·s(x̃, σ'),
///   x ← x + (σ − σ')·(d + d')/2; the last step is the Euler step.
///
/// **Forward direction** (data to noise) walks the same levels upwards, σ_{i+1} to σ_i:
/// x ← x + √(σ_i² − σ_{i+1}²)·z, the exact transition of x₀ + σz.
///
/// **VP.** The particles are y = α(σ)·x with α = 1/√(1 + σ²) (`DiffusionProcess.scale`). A VP
/// step is the VE step in x = y/α(σ), then y ← α(σ')·x: the exact change of variables. The
/// VP score (1/α)·s(y/α, σ) never appears explicitly; the rules above in y read the same with
/// it (the SNR step δ scales by α², so the corrector is score_sde's in y too). So VE and VP
/// produce the same law, and with the same start and the same draws the same particles up to
/// rounding (one division and one multiplication per step); the forward VP step is
/// y ← (α'/α)·y + √(1 − (α'/α)²)·z, DDPM's transition.
///
/// **Evaluations.** Each batch call of the score over all particles counts one
/// (`networkEvaluations`): sde and ode 1 per step, heun 2 (the last 1), pc 1 + M.
///
/// **Non-finite protection.** As in `LangevinSampler`, a coordinate whose update is not
/// finite keeps its old value for that update (predictor, Heun's trial point, each corrector
/// step and the VP rescaling separately), so particles that start finite stay finite.
///
/// The sampler owns its buffers; once warm a step allocates nothing.
///
/// ```
/// let settings = DiffusionSettings(kind: .heun, process: .vp, noiseLevels: KarrasSteps.levels(
///   maximum: 5, minimum: 0.01, count: 51))
/// var sampler = DiffusionSampler(particles: start, settings: settings)
/// while !sampler.isFinished { sampler.step(score: &field, rng: &rng) }   // one per frame
/// ```
public struct DiffusionSampler: Sendable {
  /// Which way the particles travel along the σ steps.
  public enum Direction: Sendable {
    /// From σ_0 = σ_max down to σ_n = σ_min along the score: sampling.
    case towardData
    /// From σ_n up to σ_0 by the forward process alone: data diffusing into noise.
    case towardNoise
  }

  /// The particle coordinates, interleaved, in the process's coordinates at `currentNoiseLevel`
  /// (VE: x; VP: y = α·x).
  public private(set) var particles: [Float]
  /// The sampler, process, σ steps and corrector settings.
  public let settings: DiffusionSettings
  /// The direction chosen at init.
  public let direction: Direction
  /// Steps taken so far (0 … n).
  public private(set) var stepsTaken = 0
  /// Batch score evaluations so far.
  public private(set) var networkEvaluations = 0
  /// δ of the last corrector step of `pc`, 0 before the first.
  public private(set) var lastCorrectorStepSize: Float = 0

  /// The particles in VE coordinates x during a step.
  private var positions: [Float]
  /// The score at `positions` (or at Heun's trial point, then the first score in `firstScores`).
  private var scores: [Float]
  /// Heun's first score.
  private var firstScores: [Float]
  /// Heun's trial point x̃.
  private var trialPositions: [Float]
  /// The N(0, 1) draws of the last noisy update.
  private var noise: [Float]

  /// Creates a sampler at the start of `direction`: σ_0 toward data, σ_n toward noise.
  ///
  /// - Parameters:
  ///   - particles: interleaved coordinates (even count) in the process's coordinates at the
  ///     starting σ.
  ///   - settings: sampler, process, levels and corrector; `direction` chooses their order.
  ///   - direction: toward data (the default) or toward noise.
  public init(particles: [Float], settings: DiffusionSettings, direction: Direction = .towardData) {
    precondition(particles.count.isMultiple(of: 2), "particles are (x, y) pairs")
    self.particles = particles
    self.settings = settings
    self.direction = direction
    let zeros = [Float](repeating: 0, count: particles.count)
    positions = zeros
    scores = zeros
    firstScores = settings.kind == .heun ? zeros : []
    trialPositions = settings.kind == .heun ? zeros : []
    noise = zeros
  }

  /// The number of particles.
  public var count: Int { particles.count / 2 }

  /// True once every σ step has been taken.
  public var isFinished: Bool { stepsTaken >= settings.stepCount }

  /// The σ the particles are at now.
  public var currentNoiseLevel: Float { level(afterSteps: stepsTaken) }

  /// The σ after `steps` steps in this sampler's direction.
  public func level(afterSteps steps: Int) -> Float {
    let levels = settings.noiseLevels
    return direction == .towardData ? levels[steps] : levels[levels.count - 1 - steps]
  }

  /// The particles in VE coordinates x = y/α(σ) at `currentNoiseLevel` (VE: `particles`).
  public var varianceExplodingParticles: [Float] {
    let inverse = Float(1 / settings.process.scale(atNoiseLevel: Double(currentNoiseLevel)))
    return inverse == 1 ? particles : particles.map { $0 * inverse }
  }

  /// Advances every particle one σ step (nothing once finished).
  ///
  /// Toward data it asks `score` for s(x, σ) in VE coordinates (see the type's notes for
  /// how many times); toward noise it never asks. Noisy updates draw 2·count normals from
  /// `rng` each (`fillNormal`, particle order, x before y): sde one draw, pc 1 + M, forward one.
  public mutating func step<Score: BatchScoreFunction>(score: inout Score, rng: inout SeededGenerator) {
    guard !isFinished else { return }
    let sigma = Double(currentNoiseLevel)
    let next = Double(level(afterSteps: stepsTaken + 1))
    let isLastStep = stepsTaken + 1 == settings.stepCount
    toVarianceExploding(scale: Float(settings.process.scale(atNoiseLevel: sigma)))
    switch direction {
    case .towardNoise:
      drawNoise(&rng)
      let spread = Float(((next - sigma) * (next + sigma)).squareRoot())
      Self.update(&positions, adding: 0, times: noise, plus: spread, noise: noise)
    case .towardData:
      let drop = sigma - next
      let variance = drop * (sigma + next)
      switch settings.kind {
      case .sde, .pc:
        evaluate(&score, at: \.positions, noiseLevel: Float(sigma), into: \.scores)
        drawNoise(&rng)
        Self.update(
          &positions, adding: Float(variance), times: scores, plus: Float(variance.squareRoot()), noise: noise)
        if settings.kind == .pc {
          for _ in 0..<settings.correctorSteps { correct(score: &score, noiseLevel: Float(next), rng: &rng) }
        }
      case .ode:
        evaluate(&score, at: \.positions, noiseLevel: Float(sigma), into: \.scores)
        Self.update(&positions, adding: Float(drop * sigma), times: scores, plus: 0, noise: noise)
      case .heun:
        heunStep(score: &score, from: sigma, to: next, euler: isLastStep)
      case .annealed, .langevin:
        preconditionFailure("DiffusionSettings admits only sde, pc, ode and heun")
      }
    }
    toProcess(scale: Float(settings.process.scale(atNoiseLevel: next)))
    stepsTaken += 1
  }

  /// Runs the remaining steps.
  public mutating func run<Score: BatchScoreFunction>(score: inout Score, rng: inout SeededGenerator) {
    while !isFinished { step(score: &score, rng: &rng) }
  }

  /// One Heun step (or its Euler half when `euler`) from σ to σ' in `positions`.
  private mutating func heunStep<Score: BatchScoreFunction>(
    score: inout Score, from sigma: Double, to next: Double, euler: Bool
  ) {
    let drop = sigma - next
    evaluate(&score, at: \.positions, noiseLevel: Float(sigma), into: \.scores)
    if euler {
      Self.update(&positions, adding: Float(drop * sigma), times: scores, plus: 0, noise: noise)
      return
    }
    swap(&scores, &firstScores)
    let step = Float(drop * sigma)
    positions.withUnsafeBufferPointer { x in
      firstScores.withUnsafeBufferPointer { s in
        trialPositions.withUnsafeMutableBufferPointer { trial in
          for i in 0..<trial.count {
            let moved = x[i] + step * s[i]
            trial[i] = moved.isFinite ? moved : x[i]
          }
        }
      }
    }
    evaluate(&score, at: \.trialPositions, noiseLevel: Float(next), into: \.scores)
    let firstWeight = Float(drop * sigma / 2)
    let secondWeight = Float(drop * next / 2)
    firstScores.withUnsafeBufferPointer { first in
      scores.withUnsafeBufferPointer { second in
        positions.withUnsafeMutableBufferPointer { x in
          for i in 0..<x.count {
            let moved = x[i] + (firstWeight * first[i] + secondWeight * second[i])
            if moved.isFinite { x[i] = moved }
          }
        }
      }
    }
  }

  /// One Langevin corrector step at σ' with score_sde's SNR step size.
  private mutating func correct<Score: BatchScoreFunction>(
    score: inout Score, noiseLevel: Float, rng: inout SeededGenerator
  ) {
    evaluate(&score, at: \.positions, noiseLevel: noiseLevel, into: \.scores)
    drawNoise(&rng)
    let delta = Self.correctorStepSize(signalToNoise: settings.signalToNoise, scores: scores, noise: noise)
    lastCorrectorStepSize = delta
    Self.update(&positions, adding: delta, times: scores, plus: (2 * delta).squareRoot(), noise: noise)
  }

  /// δ = 2(r·mean‖z‖ / mean‖s‖)², the means over the particles of their own norms, taken over
  /// the particles whose score is finite; 0 when that gives no finite positive step.
  package static func correctorStepSize(signalToNoise r: Float, scores: [Float], noise: [Float]) -> Float {
    var scoreNorms = 0.0
    var noiseNorms = 0.0
    var counted = 0
    for i in 0..<(scores.count / 2) {
      let sx = Double(scores[2 * i])
      let sy = Double(scores[2 * i + 1])
      let norm = (sx * sx + sy * sy).squareRoot()
      guard norm.isFinite else { continue }
      let zx = Double(noise[2 * i])
      let zy = Double(noise[2 * i + 1])
      scoreNorms += norm
      noiseNorms += (zx * zx + zy * zy).squareRoot()
      counted += 1
    }
    guard counted > 0, scoreNorms > 0 else { return 0 }
    let ratio = Double(r) * noiseNorms / scoreNorms
    let delta = Float(2 * ratio * ratio)
    return delta.isFinite ? delta : 0
  }

  /// `positions` ← `particles`/α.
  private mutating func toVarianceExploding(scale: Float) {
    particles.withUnsafeBufferPointer { y in
      positions.withUnsafeMutableBufferPointer { x in
        if scale == 1 {
          for i in 0..<x.count { x[i] = y[i] }
        } else {
          for i in 0..<x.count { x[i] = y[i] / scale }
        }
      }
    }
  }

  /// `particles` ← α'·`positions`, keeping the old particle where that is not finite.
  private mutating func toProcess(scale: Float) {
    positions.withUnsafeBufferPointer { x in
      particles.withUnsafeMutableBufferPointer { y in
        for i in 0..<y.count {
          let moved = scale == 1 ? x[i] : scale * x[i]
          if moved.isFinite { y[i] = moved }
        }
      }
    }
  }

  /// Fills `noise` with fresh N(0, 1) draws.
  private mutating func drawNoise(_ rng: inout SeededGenerator) {
    noise.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
  }

  /// x ← x + a·v + b·noise, coordinate by coordinate, keeping x where the result is not finite.
  private static func update(_ x: inout [Float], adding a: Float, times v: [Float], plus b: Float, noise: [Float]) {
    noise.withUnsafeBufferPointer { z in
      v.withUnsafeBufferPointer { v in
        x.withUnsafeMutableBufferPointer { x in
          for i in 0..<x.count {
            let moved = x[i] + a * v[i] + b * z[i]
            if moved.isFinite { x[i] = moved }
          }
        }
      }
    }
  }

  /// One batch evaluation of the score at the points in `input` into `output`; counts one.
  private mutating func evaluate<Score: BatchScoreFunction>(
    _ score: inout Score, at input: KeyPath<DiffusionSampler, [Float]>, noiseLevel: Float,
    into output: WritableKeyPath<DiffusionSampler, [Float]>
  ) {
    networkEvaluations += 1
    let n = count
    guard n > 0 else { return }
    var result = self[keyPath: output]
    self[keyPath: output] = []
    self[keyPath: input].withUnsafeBufferPointer { points in
      result.withUnsafeMutableBufferPointer { out in
        score.evaluateScores(at: points.baseAddress!, count: n, noiseLevel: noiseLevel, into: out.baseAddress!)
      }
    }
    self[keyPath: output] = result
  }
}
