// `scoreviz sample --source kde` and `--trajectories`: the exact KDE score and the paths file.

import ArgumentParser
import ScoreCore

extension SampleCommand {
  /// The particles of sde, pc, ode or heun along the exact score of the standardised data
  /// convolved with N(0, σ²I), started from a random data point plus σ_max·z.
  func drawFromKDE() throws -> (run: SamplerSetup.Run, standardization: Standardization, origin: String) {
    let dataset = try data.load(seed: random.seed)
    let standardization = Standardization(fitting: dataset.points)
    let standardized = standardization.standardize(dataset.points)
    let trainingPoints = standardized.map { SIMD2<Float>(Float($0.x), Float($0.y)) }
    let run = try setup.sample(
      count: particles, score: KDEScoreFunction(points: standardized, bandwidth: .noiseLevel),
      defaultLevels: (5, 0.01), start: { _ in .trainingPoints(trainingPoints) }, source: dataset.name,
      threads: threads, seed: random.seed, recordedParticles: recordedParticles, progressLabel: setup.kind.rawValue)
    return (run, standardization, dataset.name)
  }

  /// The CSV of the paths: particle,step,sigma,x,y with σ standardised and (x, y) the state in
  /// data units.
  static func trajectoryText(_ paths: DiffusionTrajectories, standardization: Standardization) -> String {
    var text = "particle,step,sigma,x,y\n"
    for particle in 0..<paths.particleCount {
      for (step, sigma) in paths.noiseLevels.enumerated() {
        let state = paths.position(particle: particle, step: step)
        let point = standardization.destandardize(SIMD2(Double(state.x), Double(state.y)))
        text += "\(particle),\(step),\(sigma),\(point.x),\(point.y)\n"
      }
    }
    return text
  }
}
