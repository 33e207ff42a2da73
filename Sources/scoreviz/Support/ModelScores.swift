// A trained model's score in data units, and the check that it is finite before anything is written.

import ScoreCore

/// The model's score s_θ(x, σ) at `positions` (data units), converted to data units.
func modelScores(
  _ file: ScoreModelFile, at positions: [SIMD2<Double>], noiseLevel sigma: Float
) -> [SIMD2<Double>] {
  var evaluator = ScoreNetworkEvaluator(network: file.network)
  return evaluator.scores(at: file.standardization.standardize(positions), noiseLevel: sigma)
    .map { file.standardization.dataScore(fromStandardized: $0) }
}

/// Throws `Failure` (exit 65) naming the model file and the first of `positions` where its
/// score is NaN or infinite.
func requireFiniteScores(
  _ scores: [SIMD2<Double>], at positions: [SIMD2<Double>], noiseLevel sigma: Float, model: String
) throws {
  guard let bad = scores.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite) }) else { return }
  throw Failure(
    exitCode: SysExit.data,
    message: "\(model): the model's score is not finite at (\(positions[bad].x), \(positions[bad].y)) for σ = \(sigma)")
}

/// Checks the model's score at the data's mean for every level of its ladder: a model whose
/// weights overflow fails here, before sampling spends minutes on NaN particles.
func requireFiniteModel(_ file: ScoreModelFile, path: String) throws {
  let centre = [file.standardization.mean]
  for sigma in file.ladder.levels {
    try requireFiniteScores(
      modelScores(file, at: centre, noiseLevel: sigma), at: centre, noiseLevel: sigma, model: path)
  }
}
