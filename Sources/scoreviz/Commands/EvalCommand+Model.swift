// `scoreviz eval --model M --data F`: each sampler's samples against F, held-out likelihoods and the field error.

import Foundation
import ScoreCore

extension EvalCommand {
  /// Evaluates the model at `path` against --data and prints the report.
  func evaluateModel(path: String) throws {
    let given = try source.loadIfGiven(seed: random.seed)
    let file = try readModel(path: path, supplying: ModelMetadataSupply(sigmas: modelSigmas.ladder, data: given))
    try requireFiniteModel(file, path: path)
    let dataset =
      try given
      ?? recordedDataset(
        of: file, path: path, count: source.count, seed: random.seed, use: "evaluating against")
    let heldOutPoints = try heldOut.map {
      try PointFileReader.read(path: $0, coordinateLimit: PointFileReader.largestCoordinate).points
    }
    let count = particles ?? 5_000
    // In data units, as the samples are compared with the data.
    let memorisation = MemorisationTest(trainingPoints: dataset.points)
    let kinds = samplerKinds
    let figures = try kinds.enumerated().map { index, kind in
      let setup = SamplerSetup(
        kind: kind, steps: kind.followsProcess ? steps : nil, stepsPerLevel: stepsPerLevel, eps: eps)
      let run = try setup.sample(
        count: count, model: file, path: path, threads: threads ?? 1, seed: random.seed,
        progressLabel: "\(kind.rawValue) (\(index + 1)/\(kinds.count))")
      let points = try setup.dataPoints(run.particles, standardization: file.standardization, source: path)
      let distances = SampleDistances(points, dataset.points)
      return EvalReport.SamplerFigures(
        kind: kind, networkEvaluations: run.networkEvaluations, energyDistance: distances.energyDistance,
        slicedWasserstein: distances.slicedWasserstein, memorisedFraction: memorisation.memorisedFraction(points))
    }
    let errors = fieldErrors(
      network: file.network, ladder: file.ladder,
      standardizedPoints: file.standardization.standardize(dataset.points))
    if let bad = errors.first(where: { !($0.error.relative.isFinite && $0.error.weightedRMS.isFinite) }) {
      throw Failure(exitCode: SysExit.data, message: "\(path): the field error at σ = \(bad.sigma) is not finite")
    }
    var report = EvalReport(
      model: path, data: dataset.name, particles: count, samplers: figures, fieldErrors: errors)
    if let heldOutPoints, let heldOut {
      report.heldOutMemorisedFraction = memorisation.memorisedFraction(heldOutPoints)
      report.heldOutNLL = try modelNLL(file, path: path, at: heldOutPoints, heldOutFile: heldOut)
      report.kdeHeldOutNLL = try kdeNLL(
        data: dataset.points, standardization: file.standardization, noiseLevel: file.ladder.minimum,
        at: heldOutPoints, origin: dataset.name, heldOutFile: heldOut)
    }
    switch format {
    case .json: try StandardOutput.writeLine(report.json.encoded)
    case .table: try StandardOutput.write(report.table)
    }
  }

  /// −mean log p_{σ_min} at `points` under the model by the ODE, in data units, over the
  /// ladder's σ range in `ModelLikelihood.defaultSteps` steps; warns when σ_max is too small.
  func modelNLL(
    _ model: ScoreModelFile, path: String, at points: [SIMD2<Double>], heldOutFile: String
  ) throws -> Double {
    let likelihood = ModelLikelihood(
      file: model, minimum: model.ladder.minimum, maximum: model.ladder.maximum, steps: ModelLikelihood.defaultSteps)
    if let warning = likelihood.warning(remedy: "train with a larger σ_max") { printNote(warning) }
    return try Self.negativeMean(
      likelihood.dataLogDensities(at: points, threads: threads ?? 1, progressLabel: "held-out likelihood"), at: points,
      origin: path, file: heldOutFile)
  }

  /// −mean log p_h at `points` of the Gaussian KDE of `data` at h = `noiseLevel` in the units
  /// of `standardization`, in data units: p_{σ_min} of the data itself.
  func kdeNLL(
    data: [SIMD2<Double>], standardization: Standardization, noiseLevel: Float, at points: [SIMD2<Double>],
    origin: String, heldOutFile: String
  ) throws -> Double {
    let kde = GaussianKDE(points: standardization.standardize(data), bandwidth: Double(noiseLevel))
    let logDensities = kde.evaluate(at: standardization.standardize(points)).map {
      standardization.dataLogDensity(fromStandardized: $0.logDensity)
    }
    return try Self.negativeMean(logDensities, at: points, origin: origin, file: heldOutFile)
  }

  /// −mean of `logDensities`; a `Failure` (65) naming `origin` and the first point where one
  /// is not finite.
  static func negativeMean(
    _ logDensities: [Double], at points: [SIMD2<Double>], origin: String, file: String
  ) throws -> Double {
    if let bad = logDensities.firstIndex(where: { !$0.isFinite }) {
      throw Failure(
        exitCode: SysExit.data,
        message:
          "\(origin): the log-density is not finite at (\(points[bad].x), \(points[bad].y)) (row \(bad + 1) of \(file))"
      )
    }
    return -logDensities.reduce(0, +) / Double(logDensities.count)
  }
}
