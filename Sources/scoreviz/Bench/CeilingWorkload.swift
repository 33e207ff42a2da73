// The `ceiling` workload: this core's float32 multiply-add rate on the build's vectors.

import ScoreCore

/// The rate the matrix kernels are measured against (`MultiplyAddCeiling`): GFLOP/s of pure
/// fused multiply-adds on one core, and on two cores at once.
func ceilingWorkload(_ context: BenchContext) throws -> JSONObject {
  let iterations = context.quick ? 1_000_000 : 100_000_000
  var results: [JSONValue] = []
  for threads in [1, 2] {
    var flop = 0.0
    let seconds = context.medianSeconds {
      flop = MultiplyAddCeiling.run(iterations: iterations, threads: threads)
    }
    results.append(
      .object(
        JSONObject([
          ("threads", .integer(threads)), ("gflops", .number(flop / seconds / 1e9)),
          ("gflops_per_core", .number(flop / seconds / 1e9 / Double(threads))),
        ])))
  }
  return JSONObject([
    ("workload", .string("ceiling")), ("chains", .integer(12)), ("iterations", .integer(iterations)),
    ("results", .array(results)),
  ])
}
