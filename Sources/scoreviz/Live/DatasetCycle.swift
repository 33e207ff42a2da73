// The datasets the live view steps through, each built-in one generated when first chosen.

import ScoreCore

/// The dataset given at launch, then every other built-in dataset, in a ring.
///
/// Generating a built-in dataset takes a few milliseconds, so they are made on demand and
/// kept: launching on a file does not pay for sets that may never be shown. Each is drawn
/// from its own generator seeded with `seed`, so it is the same whenever it is first chosen.
struct DatasetCycle {
  private enum Entry {
    case ready(Dataset)
    case builtin(BuiltinDataset)
  }

  private var entries: [Entry]
  private let pointCount: Int
  private let seed: UInt64

  /// `first`, then the built-in datasets other than `chosen`, each of `pointCount` points.
  init(first: Dataset, chosen: BuiltinDataset?, pointCount: Int, seed: UInt64) {
    entries =
      [.ready(first)] + BuiltinDataset.allCases.filter { $0 != chosen }.map { .builtin($0) }
    self.pointCount = pointCount
    self.seed = seed
  }

  /// How many datasets the ring holds.
  var count: Int { entries.count }

  /// The dataset at `index`, generated now if it is a built-in one not yet made.
  mutating func dataset(at index: Int) -> Dataset {
    switch entries[index] {
    case .ready(let dataset):
      return dataset
    case .builtin(let builtin):
      var rng = SeededGenerator(seed: seed)
      let dataset = builtin.makeDataset(count: pointCount, using: &rng)
      entries[index] = .ready(dataset)
      return dataset
    }
  }
}
