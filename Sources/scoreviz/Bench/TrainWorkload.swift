// The `train` workload: NCSN training steps on moons-10k, samples/s at 1 and 2 threads.

import ScoreCore

/// WORKLOADS.md `train`: batch 256, the standard ladder, Adam lr 1e-3.
func trainWorkload(_ context: BenchContext) throws -> JSONObject {
  let data = TrainingData(Dataset(name: "moons-10k", points: try context.points("moons-10k.csv")))
  let stepsPerRun = context.quick ? 10 : 300
  var results: [JSONValue] = []
  for threads in [1, 2] {
    var trainer = Trainer(objective: .ncsn, batchSize: 256, seed: 0, threadCount: threads)
    for _ in 0..<(context.quick ? 2 : 50) { _ = trainer.step(on: data.interleaved) }
    let seconds = context.medianSeconds(warmUp: false) {
      for _ in 0..<stepsPerRun { _ = trainer.step(on: data.interleaved) }
    }
    let stepSeconds = seconds / Double(stepsPerRun)
    results.append(
      .object(
        JSONObject([
          ("threads", .integer(threads)),
          ("samples_per_second", .number(256 / stepSeconds)),
          ("step_us", .number(stepSeconds * 1e6)),
        ])))
  }
  return JSONObject([
    ("workload", .string("train")), ("batch", .integer(256)),
    ("steps_per_run", .integer(stepsPerRun)), ("results", .array(results)),
  ])
}
