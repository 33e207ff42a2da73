// Where a command's score comes from: the `--source model|kde` choice several commands share.

import ArgumentParser

/// The score a command uses: a trained network, or the exact score of the data's Gaussian
/// KDE at h = σ (the data convolved with N(0, σ²I), MATH.md §3).
enum ScoreSource: String, ExpressibleByArgument, CaseIterable {
  /// The network of a model file (or, in the live view, the one being trained).
  case model
  /// The exact KDE score of the data.
  case kde
}
