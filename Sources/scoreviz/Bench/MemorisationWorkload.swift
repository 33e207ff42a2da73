// The `memorisation` workload: the two-nearest search behind eval's memorised fraction, timed.

import ScoreCore

/// The memorisation test (MATH.md §7) of moons-heldout-5k against moons-100k: the time to
/// build the k-d tree over the 100k training points, and to classify the 5k queries.
func memorisationWorkload(_ context: BenchContext) throws -> JSONObject {
  var training = try context.points("moons-100k.csv")
  var queries = try context.points("moons-heldout-5k.csv")
  if context.quick {
    training = Array(training.prefix(10_000))
    queries = Array(queries.prefix(500))
  }
  var test = MemorisationTest(trainingPoints: training)
  let buildSeconds = context.medianSeconds { test = MemorisationTest(trainingPoints: training) }
  var fraction = 0.0
  let querySeconds = context.medianSeconds { fraction = test.memorisedFraction(queries) }
  return JSONObject([
    ("workload", .string("memorisation")), ("training_points", .integer(training.count)),
    ("queries", .integer(queries.count)), ("build_ms", .number(buildSeconds * 1e3)),
    ("query_ms", .number(querySeconds * 1e3)), ("total_ms", .number((buildSeconds + querySeconds) * 1e3)),
    ("memorised_fraction", .number(fraction)),
  ])
}
