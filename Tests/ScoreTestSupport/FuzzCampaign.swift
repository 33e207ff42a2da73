// Runs one reader on a stream of mutated files for a bounded time and reports what it found.

import Foundation

/// A time-bounded fuzz run of one reader, set by the environment:
///
/// | variable | meaning | default |
/// | --- | --- | --- |
/// | `SCOREVIZ_FUZZ_SECONDS` | seconds per target | 3 |
/// | `SCOREVIZ_FUZZ_SEED` | the mutation stream's seed | 1 |
/// | `SCOREVIZ_FUZZ_ITERATION` | run only this iteration (to reproduce a failure) | none |
///
/// A reader that traps kills the test process; `FuzzCrashReporter` then prints the target,
/// seed and iteration on stderr, so `SCOREVIZ_FUZZ_SEED=S SCOREVIZ_FUZZ_ITERATION=I`
/// reproduces it.
public enum FuzzCampaign {
  /// Feeds mutants of `corpus` to `exercise` until the time is up and prints a one-line
  /// summary: `fuzz csv: 123456 executions in 3.0 s (seed 1), slowest iteration 42: 1.2 ms`.
  ///
  /// - Parameter exercise: reads one input; returns nil when the reader returned a value or
  ///   threw its own error type, else a description of what it did instead.
  public static func run(
    target: String, corpus: [[UInt8]], exercise: ([UInt8]) -> String?
  ) -> FuzzReport {
    let environment = ProcessInfo.processInfo.environment
    let seconds = environment["SCOREVIZ_FUZZ_SECONDS"].flatMap(Double.init) ?? 3
    let seed = environment["SCOREVIZ_FUZZ_SEED"].flatMap(UInt64.init) ?? 1
    let only = environment["SCOREVIZ_FUZZ_ITERATION"].flatMap(UInt64.init)
    let mutator = ByteMutator(corpus: corpus, seed: seed)
    let slot = FuzzCrashReporter.begin(target: target, seed: seed)
    defer { FuzzCrashReporter.end(slot) }

    let peakBefore = peakResidentBytes()
    let start = monotonicSeconds()
    var report = FuzzReport(
      executions: 0, seconds: 0, slowestIteration: 0, slowestSeconds: 0, unexpected: [], peakMemoryGrowth: 0)
    var iteration = only ?? 0
    while true {
      let input = mutator.mutant(at: iteration)
      FuzzCrashReporter.record(iteration: iteration, in: slot)
      let inputStart = monotonicSeconds()
      if let outcome = exercise(input) { report.unexpected.append((iteration, outcome)) }
      let elapsed = monotonicSeconds() - inputStart
      if elapsed > report.slowestSeconds {
        report.slowestSeconds = elapsed
        report.slowestIteration = iteration
      }
      report.executions += 1
      iteration += 1
      if only != nil || monotonicSeconds() - start >= seconds { break }
    }
    report.seconds = monotonicSeconds() - start
    report.peakMemoryGrowth = peakResidentBytes() - peakBefore
    print(
      "fuzz \(target): \(report.executions) executions in \(String(format: "%.1f", report.seconds)) s "
        + "(seed \(seed)), slowest iteration \(report.slowestIteration): "
        + "\(String(format: "%.1f", report.slowestSeconds * 1000)) ms, "
        + "peak memory +\(report.peakMemoryGrowth >> 20) MiB")
    return report
  }

  /// Seconds on `ContinuousClock` since its system epoch.
  private static func monotonicSeconds() -> Double {
    let clock = ContinuousClock()
    return (clock.now - clock.systemEpoch) / .seconds(1)
  }

  /// The process's peak resident set size so far (getrusage's `ru_maxrss`).
  private static func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
  }
}
