// The `train` workload: NCSN training steps on moons-10k, samples/s at 1 and 2 threads.

import ScoreCore

/// Floating-point operations of one training sample in the 3 × 128 network's products: the
/// forward pass (3·128 + 2·128·128 + 128·2 = 33,408 multiply-adds), the weight gradients (the
/// same) and the input gradients of every layer but the first (33,408 − 3·128), two FLOP each.
let trainingFLOPPerSample = 2 * (3 * 33_408 - 3 * 128)

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
          ("gflops", .number(256 / stepSeconds * Double(trainingFLOPPerSample) / 1e9)),
          ("step_us", .number(stepSeconds * 1e6)),
        ])))
  }
  return JSONObject([
    ("workload", .string("train")), ("batch", .integer(256)), ("flop_per_sample", .integer(trainingFLOPPerSample)),
    ("steps_per_run", .integer(stepsPerRun)), ("results", .array(results)),
  ])
}
