// Monotonic wall-clock time for progress and benchmarks (never for behaviour).

/// Seconds on `ContinuousClock` since its system epoch (on Linux, since boot): the same
/// clock in every process, so a time another process wrote can be subtracted from it.
func monotonicSeconds() -> Double {
  let clock = ContinuousClock()
  return (clock.now - clock.systemEpoch) / .seconds(1)
}

/// The median of `values` (the mean of the middle two for an even count).
func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return .nan }
  let mid = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
