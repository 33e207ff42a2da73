// Where the reverse-time samplers start: the law of the process at σ_max (MATH.md §6).

/// The starting law of a reverse run, drawn in VE coordinates and scaled into the process's.
///
/// ```
/// let start = DiffusionStart.standardizedGaussian(noiseLevel: 5)   // N(0, 26·I)
/// let particles = start.draw(count: 1_000, noiseLevel: 5, process: .vp, rng: &rng)
/// ```
public enum DiffusionStart: Sendable, Equatable {
  /// N(mean, sd²·I): the data's mean and per-axis variance plus σ_max² for a network.
  case gaussian(mean: SIMD2<Float>, standardDeviation: Float)
  /// A training point chosen uniformly, plus σ_max·z: exactly p_{σ_max} for the KDE score.
  case trainingPoints([SIMD2<Float>])

  /// N(0, (1 + σ²)·I): standardised data (mean 0, variance 1 per axis) diffused to σ.
  public static func standardizedGaussian(noiseLevel sigma: Float) -> DiffusionStart {
    .gaussian(mean: .zero, standardDeviation: (1 + sigma * sigma).squareRoot())
  }

  /// `count` particles from the start, interleaved, in the coordinates of `process` at
  /// noise level `sigma`: VE draws x, VP returns y = α(σ)·x.
  ///
  /// Draws 2·count normals with `fillNormal` first, then (for `trainingPoints`) one uniform
  /// index per particle.
  ///
  /// - Parameters:
  ///   - count: ≥ 0 particles.
  ///   - sigma: σ_max > 0, the level the run starts at.
  ///   - process: ve or vp.
  ///   - rng: the source of every draw.
  public func draw(
    count: Int, noiseLevel sigma: Float, process: DiffusionProcess, rng: inout SeededGenerator
  ) -> [Float] {
    precondition(count >= 0, "particle count must not be negative")
    var particles = [Float](repeating: 0, count: 2 * count)
    particles.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
    switch self {
    case .gaussian(let mean, let standardDeviation):
      for i in 0..<count {
        particles[2 * i] = mean.x + standardDeviation * particles[2 * i]
        particles[2 * i + 1] = mean.y + standardDeviation * particles[2 * i + 1]
      }
    case .trainingPoints(let points):
      precondition(!points.isEmpty, "at least one training point")
      for i in 0..<count {
        let point = points[Int.random(in: 0..<points.count, using: &rng)]
        particles[2 * i] = point.x + sigma * particles[2 * i]
        particles[2 * i + 1] = point.y + sigma * particles[2 * i + 1]
      }
    }
    let scale = Float(process.scale(atNoiseLevel: Double(sigma)))
    if scale != 1 {
      for i in particles.indices { particles[i] *= scale }
    }
    return particles
  }
}
