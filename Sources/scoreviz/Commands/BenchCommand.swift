// `scoreviz bench`: the reference workloads of WORKLOADS.md, timed in this build.

import ArgumentParser
import Foundation
import ScoreCore

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Run the reference benchmark workloads (build with -c release).",
    discussion: """
      Workloads: train (samples/s at 1 and 2 threads, on the network --hidden and --layers \
      choose, 128 × 3 by default), train-shapes (samples/s at 1 thread on networks of 64 × 2, \
      128 × 3, 256 × 4 and 512 × 8), kde-grid (240×160 density, 10k and \
      100k points, with its error against the exact density), kde-score (exact score at \
      60×20 arrows, with its error against a plain reference), sample (annealed Langevin, \
      5,000 particles × 1,000 steps, 1 and 2 threads) and quality (train 5,000 steps, \
      sample, energy distance and sliced W2 against held-out data) and frame (the live view \
      at 200×60: state and compose time, bytes drawn per frame, frames/s while training) and \
      launch (the live view started on 100k points in a pseudo-terminal: time to its first \
      frame, peak memory) and launch-1m (the same on a million points from CSV and from NPY, \
      with the frames drawn in each of the first seconds), kde-grid-1m (what kde --grid \
      240x160 computes on a million moons points, with its errors against the exact \
      evaluation at every 97th cell), memorisation (eval's memorised fraction of 5k held-out \
      moons against 100k: k-d tree build and query time), sample-ode (Heun on the \
      probability-flow ODE, 5,000 particles × 50 steps, 99 NFE, 1 and 2 threads) and likelihood \
      (log p of 5,000 held-out points by the ODE, 160 Heun steps, 320 NFE with the exact trace, \
      1 and 2 threads) and ceiling (this core's float32 multiply-add rate on the build's vectors, \
      1 and 2 cores: what the network's products are measured against); sample-ode and \
      likelihood run --model, or without it a network trained once per workload \
      with continuous noise for 5,000 steps (not timed). Every record names the instruction set \
      and tile shape the matrix kernels were built for. Times are medians of --runs \
      repetitions. --quick shrinks every workload to a smoke test. Progress over the workloads, \
      redrawn after each timed run, with the time taken and an ETA, shows on stderr when it is \
      a terminal.
      """)

  enum Workload: String, ExpressibleByArgument, CaseIterable {
    case train
    case kdeGrid = "kde-grid"
    case kdeScore = "kde-score"
    case sample
    case quality
    case frame
    case launch
    case launchMillion = "launch-1m"
    case kdeGridMillion = "kde-grid-1m"
    case memorisation
    case sampleODE = "sample-ode"
    case likelihood
    case ceiling
    case trainShapes = "train-shapes"
  }

  @Option(help: "Run one workload: \(Workload.allCases.map(\.rawValue).joined(separator: ", ")).")
  var workload: Workload?

  @Flag(help: "Print one JSON object per workload.")
  var json = false

  @Flag(help: "Small sizes and one run: check that every workload runs.")
  var quick = false

  @Option(
    parsing: .unconditional,
    help: "Timed repetitions per measurement (1 to \(FlagBounds.benchRuns); default 5, 1 with --quick).")
  var runs: Int?

  @Option(parsing: .unconditional, help: "The quality workload's seed (default: seeds 0, 1 and 2).")
  var seed: UInt64?

  @Option(help: "The folder with the benchmark CSV files (default ../shared/bench/data).")
  var dataDir: String?

  @Option(help: "A model trained with --noise continuous for sample-ode and likelihood (default: train one).")
  var model: String?

  @OptionGroup(title: "The network of the train workload")
  var network: NetworkShapeOptions

  func validate() throws {
    try FlagBounds.checkFileName(dataDir, "--data-dir")
    try FlagBounds.checkFileName(model, "--model")
    if let runs {
      try FlagBounds.check(runs, "--runs", in: 1...FlagBounds.benchRuns)
      if quick { throw ValidationError("--runs goes without --quick, which runs once") }
    }
  }

  func run() throws {
    reportingErrors {
      let workloads = workload.map { [$0] } ?? Workload.allCases
      // One bar over the workloads, redrawn after each timed run; cleared while a result is
      // written, so that stdout and stderr never share a line on a terminal.
      let progress = ProgressReporter(total: workloads.count, label: "bench", showsCount: true)
      defer { progress.finish() }
      let context = BenchContext(
        dataFolder: try BenchContext.findDataFolder(dataDir), runs: runs ?? (quick ? 1 : 5),
        quick: quick, qualitySeeds: seed.map { [$0] } ?? [0, 1, 2], model: model, progress: progress,
        networkShape: network.shape)
      for workload in workloads {
        progress.setDetail(workload.rawValue)
        progress.advance(by: 0)
        var record: JSONObject
        switch workload {
        case .train: record = try trainWorkload(context)
        case .kdeGrid: record = try kdeGridWorkload(context)
        case .kdeScore: record = try kdeScoreWorkload(context)
        case .sample: record = try sampleWorkload(context)
        case .quality: record = try qualityWorkload(context)
        case .frame: record = try frameWorkload(context)
        case .launch: record = try launchWorkload(context)
        case .launchMillion: record = try launchMillionWorkload(context)
        case .kdeGridMillion: record = try kdeGridMillionWorkload(context)
        case .memorisation: record = try memorisationWorkload(context)
        case .sampleODE: record = try sampleODEWorkload(context)
        case .likelihood: record = try likelihoodWorkload(context)
        case .ceiling: record = try ceilingWorkload(context)
        case .trainShapes: record = try trainShapesWorkload(context)
        }
        record.append("kernel", .string(MultiplyAddCeiling.kernelDescription))
        ProgressBar.clearShownLine()
        try StandardOutput.writeLine(json ? record.encoded : BenchReport.text(for: record))
        progress.advance(by: 1)
      }
    }
  }
}
