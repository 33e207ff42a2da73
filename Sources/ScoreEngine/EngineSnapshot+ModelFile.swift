// The network a snapshot shows as a model file, with the metadata `scoreviz train --save` writes.

import ScoreCore

extension EngineSnapshot {
  /// The shown network as a model file: its ladder, noise distribution, the data's
  /// standardisation, and the notes `train --save` writes (objective, dataset, steps, and the
  /// moving average's decay once training has run).
  ///
  /// - Parameter earlierSteps: steps the network had been trained before this session (a
  ///   model it started from); counted while the network has not been replaced since.
  public func modelFile(earlierSteps: Int = 0) -> ScoreModelFile {
    let total = steps + (networkGeneration == 0 ? earlierSteps : 0)
    return ScoreModelFile(
      network: network, ladder: ladder, noiseDistribution: noiseDistribution,
      standardization: data.standardization,
      trainingNotes: ScoreModelFile.trainingNotes(
        objective: objective, steps: total, dataset: data.dataset.name,
        averageDecay: steps > 0 ? TrainingEngine.displayedAverageDecay : nil))
  }
}
