// `scoreviz sample --sampler sde|pc|ode|heun`: Karras' σ steps from a model or the exact KDE score.

import ArgumentParser
import ScoreCore

extension SampleCommand {
  /// The SDE, PC or ODE samplers from the model or the KDE; writes the samples, then the paths.
  func runDiffusion() throws {
    switch source {
    case .model:
      let path = model ?? ""
      let file = try ScoreModelFile.read(path: path)
      try requireFiniteModel(file, path: path)
      try runDiffusion(
        score: ScoreNetworkEvaluator(network: file.network), standardization: file.standardization,
        defaultLevels: (file.ladder.maximum, file.ladder.minimum),
        start: DiffusionStart.standardizedGaussian(noiseLevel:),
        source: path)
    case .kde:
      let dataset = try data.load(seed: random.seed)
      let standardization = Standardization(fitting: dataset.points)
      let standardized = standardization.standardize(dataset.points)
      let trainingPoints = standardized.map { SIMD2<Float>(Float($0.x), Float($0.y)) }
      try runDiffusion(
        score: KDEScoreFunction(points: standardized, bandwidth: .noiseLevel), standardization: standardization,
        defaultLevels: (5, 0.01), start: { _ in .trainingPoints(trainingPoints) }, source: dataset.name)
    }
  }

  /// Runs the sampler with `score` in standardised units and writes the results.
  ///
  /// - Parameters:
  ///   - defaultLevels: σ_max and σ_min when the flags do not give them.
  ///   - start: the start law for σ_max.
  ///   - source: the file or dataset named in errors.
  func runDiffusion<Score: BatchScoreFunction & Sendable>(
    score: Score, standardization: Standardization, defaultLevels: (maximum: Float, minimum: Float),
    start: (Float) -> DiffusionStart, source: String
  ) throws {
    let maximum = sigmaMax ?? defaultLevels.maximum
    let minimum = sigmaMin ?? defaultLevels.minimum
    guard minimum <= maximum else {
      let given = sigmaMin != nil ? "--sigma-min \(minimum)" : "--sigma-max \(maximum)"
      let implied = sigmaMin != nil ? "σ_max \(maximum)" : "σ_min \(minimum)"
      throw ValidationError("\(given) is on the wrong side of the default \(implied) of \(source)")
    }
    let settings = DiffusionSettings(
      kind: kind, process: process ?? .ve,
      noiseLevels: KarrasSteps.levels(maximum: maximum, minimum: minimum, count: diffusionSteps + 1),
      signalToNoise: snr ?? 0.16, correctorSteps: correctorSteps ?? 1)
    let run = ParallelDiffusion.sample(
      count: particles, start: start(maximum), settings: settings, score: score, threadCount: threads,
      seed: random.seed, recordedParticles: recordedParticles)
    let points = try finitePoints(run.particles, standardization: standardization, source: source)
    let pathText = trajectories.map { _ in Self.trajectoryText(run.trajectories, standardization: standardization) }
    try output.write(points)
    if let trajectories, let pathText { try AtomicFile.write(pathText, to: trajectories) }
    printNote("nfe: \(run.networkEvaluations)")
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
