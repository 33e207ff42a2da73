// The `train` and `train-shapes` workloads: NCSN training steps on moons-10k, samples/s.

import ScoreCore

/// WORKLOADS.md `train`: batch 256, the standard ladder, Adam lr 1e-3, at 1 and 2 threads, on
/// the network of `context.networkShape` (128 × 3 unless `--hidden`/`--layers` say otherwise).
func trainWorkload(_ context: BenchContext) throws -> JSONObject {
  let data = TrainingData(Dataset(name: "moons-10k", points: try context.points("moons-10k.csv")))
  let results = [1, 2].map { threads in
    JSONValue.object(timeTraining(context, data: data, shape: context.networkShape, threads: threads))
  }
  return JSONObject([
    ("workload", .string("train")), ("network", .string(context.networkShape.description)),
    ("flop_per_sample", .integer(trainingFLOPPerSample(context.networkShape))),
    ("batch", .integer(256)), ("steps_per_run", .integer(trainingStepsPerRun(context))),
    ("results", .array(results)),
  ])
}

/// The `train` workload at 1 thread on networks of several widths and depths: what a wider or
/// deeper network costs next to the standard 128 × 3.
func trainShapesWorkload(_ context: BenchContext) throws -> JSONObject {
  let data = TrainingData(Dataset(name: "moons-10k", points: try context.points("moons-10k.csv")))
  let shapes = [(64, 2), (128, 3), (256, 4), (512, 8)].map { try! NetworkShape(hiddenWidth: $0.0, hiddenLayers: $0.1) }
  let results = shapes.map { shape in
    var record = JSONObject([("network", .string(shape.description)), ("parameters", .integer(shape.parameterCount))])
    for (key, value) in timeTraining(context, data: data, shape: shape, threads: 1).members {
      record.append(key, value)
    }
    return JSONValue.object(record)
  }
  return JSONObject([
    ("workload", .string("train-shapes")), ("batch", .integer(256)), ("threads", .integer(1)),
    ("results", .array(results)),
  ])
}

/// Floating-point operations of one training sample in a network's products: the forward
/// pass (3W + (L − 1)W² + 2W multiply-adds; 33,408 for 128 × 3), the weight gradients (the same)
/// and the input gradients of every layer but the first (3W fewer), two operations each.
func trainingFLOPPerSample(_ shape: NetworkShape) -> Int {
  let width = shape.hiddenWidth
  let forward = 3 * width + (shape.hiddenLayers - 1) * width * width + 2 * width
  return 2 * (3 * forward - 3 * width)
}

/// Steps per timed run: fewer with `--quick`.
private func trainingStepsPerRun(_ context: BenchContext) -> Int { context.quick ? 10 : 300 }

/// Samples/s and the time of one step of batch 256 on a network of `shape`, after warm-up
/// steps; wider networks take fewer steps per run so that a run lasts about as long.
private func timeTraining(
  _ context: BenchContext, data: TrainingData, shape: NetworkShape, threads: Int
) -> JSONObject {
  let scale = max(1, shape.parameterCount / NetworkShape.standard.parameterCount)
  let stepsPerRun = max(1, trainingStepsPerRun(context) / scale)
  var trainer = Trainer(shape: shape, objective: .ncsn, batchSize: 256, seed: 0, threadCount: threads)
  for _ in 0..<max(1, (context.quick ? 2 : 50) / scale) { _ = trainer.step(on: data.interleaved) }
  let seconds = context.medianSeconds(warmUp: false) {
    for _ in 0..<stepsPerRun { _ = trainer.step(on: data.interleaved) }
  }
  let stepSeconds = seconds / Double(stepsPerRun)
  return JSONObject([
    ("threads", .integer(threads)),
    ("samples_per_second", .number(256 / stepSeconds)),
    ("gflops", .number(256 / stepSeconds * Double(trainingFLOPPerSample(shape)) / 1e9)),
    ("step_us", .number(stepSeconds * 1e6)),
  ])
}
