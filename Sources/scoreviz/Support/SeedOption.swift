// `--seed`, the one random seed of the commands that draw random numbers.

import ArgumentParser

/// `--seed S`: the seed of every random draw the command makes (built-in data, initial
/// weights, batches, noise, particles).
struct SeedOption: ParsableArguments {
  @Option(parsing: .unconditional, help: "Random seed.")
  var seed: UInt64 = 0
}
