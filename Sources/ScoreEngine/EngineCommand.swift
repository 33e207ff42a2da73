// Requests from the drawing thread to the training thread.

import ScoreCore

/// A change the training thread applies between two epochs, in the order sent.
public enum EngineCommand: Sendable {
  /// Stop or resume training steps.
  case setPaused(Bool)
  /// A new network from PyTorch's initialisation; Adam starts afresh.
  case resetNetwork
  /// Train a new dataset from a fresh network (its own standardisation).
  case replaceDataset(Dataset)
  /// Add one point, in data units, to the data (the standardisation is kept).
  case addPoint(SIMD2<Double>)
  /// Change the objective; the network and Adam's state carry on.
  case setObjective(Objective)
  /// Change the `dsm` objective's noise level.
  case setDenoisingNoiseLevel(Float)
}
