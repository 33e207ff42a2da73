// What one fuzz campaign did: executions, the slowest input, anything unexpected, memory.

/// What a fuzz campaign did.
public struct FuzzReport: Sendable {
  /// The inputs fed to the reader.
  public var executions: Int
  /// Wall-clock seconds the campaign ran.
  public var seconds: Double
  /// The iteration whose input took longest, and how long.
  public var slowestIteration: UInt64
  public var slowestSeconds: Double
  /// Inputs for which the reader did something other than return or throw its own error:
  /// the iteration and what happened.
  public var unexpected: [(iteration: UInt64, outcome: String)]
  /// How much the process's peak resident memory grew during the campaign, in bytes.
  public var peakMemoryGrowth: Int
}
