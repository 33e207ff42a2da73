// The `sample` and `quality` workloads: annealed Langevin speed, and what training achieves.

import ScoreCore

/// WORKLOADS.md annealed Langevin: the standard ladder, ε = 2e-5, T = 100, from N(0, σ₁²I).
private func referenceSchedule(stepsPerLevel: Int) -> AnnealingSchedule {
  AnnealingSchedule(noiseLevels: NoiseLadder.standard.levels, epsilon: 2e-5, stepsPerLevel: stepsPerLevel)
}

/// WORKLOADS.md `sample`: 5,000 particles × 10 levels × 100 steps, at 1 and 2 threads.
func sampleWorkload(_ context: BenchContext) throws -> JSONObject {
  var rng = SeededGenerator(seed: 0)
  let network = ScoreNetwork(using: &rng)
  let particles = context.quick ? 500 : 5_000
  let schedule = referenceSchedule(stepsPerLevel: context.quick ? 5 : 100)
  var results: [JSONValue] = []
  for threads in [1, 2] {
    let seconds = context.medianSeconds(warmUp: false) {
      _ = ParallelLangevin.sampleAnnealed(
        count: particles, schedule: schedule, mean: .zero,
        score: ScoreNetworkEvaluator(network: network), threadCount: threads, seed: 1)
    }
    results.append(
      .object(
        JSONObject([
          ("threads", .integer(threads)), ("seconds", .number(seconds)),
          ("particle_steps_per_second", .number(Double(particles * schedule.totalSteps) / seconds)),
        ])))
  }
  return JSONObject([
    ("workload", .string("sample")), ("particles", .integer(particles)),
    ("steps", .integer(schedule.totalSteps)), ("results", .array(results)),
  ])
}

/// WORKLOADS.md `quality`: train 5,000 NCSN steps on moons-10k (1 thread), draw 5,000
/// particles, compare with moons-heldout-5k; per seed, the mean, and the noise floor (the
/// held-out set against the first 5,000 training points: two independent draws of the data).
func qualityWorkload(_ context: BenchContext) throws -> JSONObject {
  let data = TrainingData(Dataset(name: "moons-10k", points: try context.points("moons-10k.csv")))
  let heldOut = try context.points("moons-heldout-5k.csv")
  let steps = context.quick ? 200 : 5_000
  let particles = context.quick ? 1_000 : 5_000
  let schedule = referenceSchedule(stepsPerLevel: context.quick ? 10 : 100)
  var perSeed: [JSONValue] = []
  var energy: [Double] = []
  var sliced: [Double] = []
  for seed in context.qualitySeeds {
    var trainer = Trainer(objective: .ncsn, batchSize: 256, seed: seed, threadCount: 1)
    let start = monotonicSeconds()
    let summary = try train(&trainer, on: data, steps: steps, showProgress: false)
    let drawn = ParallelLangevin.sampleAnnealed(
      count: particles, schedule: schedule, mean: .zero,
      score: ScoreNetworkEvaluator(network: trainer.network), threadCount: 2, seed: seed)
    let seconds = monotonicSeconds() - start
    let samples = (0..<particles).map { i in
      data.standardization.destandardize(SIMD2(Double(drawn[2 * i]), Double(drawn[2 * i + 1])))
    }
    let distances = SampleDistances(samples, heldOut)
    energy.append(distances.energyDistance)
    sliced.append(distances.slicedWasserstein)
    perSeed.append(
      .object(
        JSONObject([
          ("seed", .integer(Int(seed))), ("energy_distance", .number(distances.energyDistance)),
          ("sliced_w2", .number(distances.slicedWasserstein)),
          ("final_loss", .number(summary.recentLoss)), ("seconds", .number(seconds)),
        ])))
  }
  let floor = SampleDistances(Array(data.dataset.points.prefix(5_000)), heldOut)
  return JSONObject([
    ("workload", .string("quality")), ("steps", .integer(steps)), ("particles", .integer(particles)),
    ("seeds", .array(perSeed)),
    ("mean_energy_distance", .number(energy.reduce(0, +) / Double(energy.count))),
    ("mean_sliced_w2", .number(sliced.reduce(0, +) / Double(sliced.count))),
    ("noise_floor_energy_distance", .number(floor.energyDistance)),
    ("noise_floor_sliced_w2", .number(floor.slicedWasserstein)),
  ])
}
