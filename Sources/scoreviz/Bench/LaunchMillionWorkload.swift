// The `launch-1m` workload: the live view started on a million points from CSV and from NPY.

import Foundation
import ScoreCore

/// The live view on a million moons points, launched as a user launches it, once from a CSV
/// file and once from an NPY file.
///
/// Uses `moons-1m.csv` and `moons-1m.npy` from the data folder when they are there, else
/// writes them to a temporary folder from the built-in generator (`scoreviz data moons -n
/// 1000000 --seed 0`, shortest round-trip decimals in the CSV). Each launch starts
/// `scoreviz live --data F --seed 0 --no-mouse` in a 200 × 60 pseudo-terminal with a frame
/// log (the monotonic time of every frame drawn), lets it run for a few seconds and presses
/// `q`. Reports per file: the median time from the spawn to the first frame drawn, the
/// frames drawn in each of the first seconds after it (the view caps itself at 30 frames/s)
/// of the median launch, the lowest of those over all launches, and the largest peak RSS.
/// `--quick` uses 20,000 points and one second.
func launchMillionWorkload(_ context: BenchContext) throws -> JSONObject {
  let count = context.quick ? 20_000 : 1_000_000
  let seconds = context.quick ? 1 : 3
  let scratch = NSTemporaryDirectory() + "scoreviz-launch-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: scratch) }
  let files = ["csv", "npy"].map { format -> (format: String, path: String) in
    let shared = context.dataFolder + "/moons-1m." + format
    if !context.quick, FileManager.default.isReadableFile(atPath: shared) { return (format, shared) }
    return (format, scratch + "/moons-\(count)." + format)
  }
  if files.contains(where: { $0.path.hasPrefix(scratch) }) {
    var rng = SeededGenerator(seed: 0)
    let points = BuiltinDataset.moons.makeDataset(count: count, using: &rng).points
    for file in files where file.path.hasPrefix(scratch) {
      try PointFileWriter.write(points, to: file.path)
    }
  }
  let logPath = scratch + "/frames.txt"
  var results: [JSONValue] = []
  for file in files {
    var firstFrames: [Double] = []
    var perSecond: [[Int]] = []
    var peakBytes = 0
    for _ in 0..<context.runs {
      let arguments = [
        "live", "--data", file.path, "--seed", "0", "--no-mouse", "--frame-log", logPath,
      ]
      let launch = try LaunchedView(arguments: arguments, width: 200, height: 60)
      _ = try launch.secondsUntilOutput(contains: "fps", timeout: 60)
      launch.keepReading(seconds: Double(seconds) + 0.5)
      let (status, peak) = launch.quit()
      guard status == 0 else {
        throw Failure(
          exitCode: SysExit.software,
          message: "the live view exited with status \(status): \(launch.outputTail)")
      }
      let frames = try String(contentsOfFile: logPath, encoding: .utf8)
        .split(separator: "\n").compactMap { Double($0) }
      guard let first = frames.first else {
        throw Failure(exitCode: SysExit.software, message: "the live view logged no frame")
      }
      firstFrames.append(first - launch.start)
      perSecond.append(
        (0..<seconds).map { second in
          frames.filter { $0 > first + Double(second) && $0 <= first + Double(second + 1) }.count
        })
      peakBytes = max(peakBytes, peak)
    }
    let medianLaunch = firstFrames.indices.sorted { firstFrames[$0] < firstFrames[$1] }[
      (firstFrames.count - 1) / 2]
    results.append(
      .object(
        JSONObject([
          ("format", .string(file.format)),
          ("first_frame_ms", .number(median(firstFrames) * 1e3)),
          ("frames_per_second", .array(perSecond[medianLaunch].map { .integer($0) })),
          ("lowest_frames_per_second", .integer(perSecond.flatMap { $0 }.min() ?? 0)),
          ("peak_rss_mb", .number(Double(peakBytes) / 1_048_576)),
        ])))
  }
  return JSONObject([
    ("workload", .string("launch-1m")), ("points", .integer(count)), ("width", .integer(200)),
    ("height", .integer(60)), ("results", .array(results)),
  ])
}
