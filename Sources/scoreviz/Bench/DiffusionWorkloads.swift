// The `sample-ode` and `likelihood` workloads: the probability-flow ODE forward in samples, backward in log p.

import ScoreCore

/// WORKLOADS.md `sample-ode`: 5,000 particles from N(0, (1 + σ_max²)I) carried by Heun's
/// method over 50 of Karras' σ steps (ρ = 7, the last step Euler: 99 NFE), VE, at 1 and 2
/// threads; each run's samples are checked finite and compared with moons-heldout-5k.
func sampleODEWorkload(_ context: BenchContext) throws -> JSONObject {
  let model = try ContinuousBenchModel.load(path: context.model, context: context)
  let heldOut = try context.points("moons-heldout-5k.csv")
  let particles = context.quick ? 500 : 5_000
  let steps = context.quick ? 10 : 50
  let settings = DiffusionSettings(
    kind: .heun, process: .ve,
    noiseLevels: KarrasSteps.levels(
      maximum: model.maximumNoiseLevel, minimum: model.minimumNoiseLevel, count: steps + 1))
  let field = ScoreNetworkEvaluator(network: model.network)
  let start = DiffusionStart.standardizedGaussian(noiseLevel: model.maximumNoiseLevel)
  var results: [JSONValue] = []
  for threads in [1, 2] {
    var drawn: [Float] = []
    let seconds = context.medianSeconds {
      drawn =
        ParallelDiffusion.sample(
          count: particles, start: start, settings: settings, score: field, threadCount: threads, seed: 1
        ).particles
    }
    let samples = (0..<particles).map { i in
      model.standardization.destandardize(SIMD2(Double(drawn[2 * i]), Double(drawn[2 * i + 1])))
    }
    let finite = drawn.allSatisfy(\.isFinite)
    results.append(
      .object(
        JSONObject([
          ("threads", .integer(threads)), ("seconds", .number(seconds)),
          ("particle_evaluations_per_second", .number(Double(particles * settings.networkEvaluations) / seconds)),
          ("all_finite", .bool(finite)),
          ("energy_distance", finite ? .number(SampleDistances(samples, heldOut).energyDistance) : .null),
        ])))
  }
  return JSONObject([
    ("workload", .string("sample-ode")), ("sampler", .string("heun")), ("process", .string("ve")),
    ("particles", .integer(particles)), ("steps", .integer(steps)), ("nfe", .integer(settings.networkEvaluations)),
    ("sigma_max", .float(model.maximumNoiseLevel)), ("sigma_min", .float(model.minimumNoiseLevel)),
    ("model", .string(model.origin)), ("results", .array(results)),
  ])
}

/// WORKLOADS.md `likelihood`: log p of the 5,000 points of moons-heldout-5k by the ODE from
/// σ_min up to σ_max in 160 Heun steps (2·160 NFE, each with the exact 2-D trace), the end
/// density N(0, (1 + σ_max²)I), at 1 and 2 threads; a point's log p does not depend on the
/// thread count, so the two runs must agree exactly.
func likelihoodWorkload(_ context: BenchContext) throws -> JSONObject {
  let model = try ContinuousBenchModel.load(path: context.model, context: context)
  var points = try context.points("moons-heldout-5k.csv")
  if context.quick { points = Array(points.prefix(500)) }
  let steps = context.quick ? 20 : 160
  let likelihood = ODELikelihood(
    minimumNoiseLevel: model.minimumNoiseLevel, maximumNoiseLevel: model.maximumNoiseLevel, steps: steps,
    endDensity: .gaussian(mean: .zero, variance: .one))
  let standardized = model.standardization.standardize(points)
  let field = ScoreNetworkEvaluator(network: model.network)
  var results: [JSONValue] = []
  var firstRun: [Double]?
  var agree = true
  for threads in [1, 2] {
    var values: [Double] = []
    let seconds = context.medianSeconds(warmUp: false) {
      values = likelihood.logDensities(at: standardized, field: field, threadCount: threads)
    }
    if let firstRun { agree = agree && firstRun == values } else { firstRun = values }
    let inDataUnits = values.map { model.standardization.dataLogDensity(fromStandardized: $0) }
    let finite = inDataUnits.allSatisfy(\.isFinite)
    results.append(
      .object(
        JSONObject([
          ("threads", .integer(threads)), ("seconds", .number(seconds)),
          ("point_evaluations_per_second", .number(Double(points.count * likelihood.evaluationsPerPoint) / seconds)),
          ("all_finite", .bool(finite)),
          ("mean_log_density", finite ? .number(inDataUnits.reduce(0, +) / Double(inDataUnits.count)) : .null),
        ])))
  }
  return JSONObject([
    ("workload", .string("likelihood")), ("points", .integer(points.count)), ("steps", .integer(steps)),
    ("nfe", .integer(likelihood.evaluationsPerPoint)),
    ("sigma_max", .float(model.maximumNoiseLevel)), ("sigma_min", .float(model.minimumNoiseLevel)),
    ("model", .string(model.origin)), ("thread_counts_agree", .bool(agree)), ("results", .array(results)),
  ])
}
