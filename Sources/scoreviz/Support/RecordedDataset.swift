// The data a model file records it was trained on, for commands given a model and no data.

import Foundation
import ScoreCore

/// The data `file` (at `path`) was trained on, as its metadata records it: a built-in dataset
/// (generated with `count` points and `seed`) or a file that can be read here. A note on
/// stderr says which, starting with `use` ("evaluating against").
///
/// - Throws: a `Failure` asking for --data: exit 64 when the file records no data, 66 when
///   the recorded file cannot be read here; rather than a silent stand-in. A reader's error
///   for a recorded file that is there but malformed.
func recordedDataset(
  of file: ScoreModelFile, path: String, count: Int, seed: UInt64, use: String
) throws -> Dataset {
  guard let name = file.trainingNotes["dataset"], !name.isEmpty else {
    throw Failure(
      exitCode: SysExit.usage,
      message: "\(path) does not record the data it was trained on; give --data FILE or --dataset NAME")
  }
  if let builtin = BuiltinDataset(name: name) {
    printNote("\(use) the built-in \(name) (\(count) points, seed \(seed)) \(path) was trained on")
    var rng = SeededGenerator(seed: seed)
    return builtin.makeDataset(count: count, using: &rng)
  }
  guard FileManager.default.isReadableFile(atPath: name) else {
    throw Failure(
      exitCode: SysExit.noInput,
      message: "\(path) was trained on \(name), which cannot be read here; give --data FILE or --dataset NAME")
  }
  printNote("\(use) \(name), the data \(path) was trained on")
  let points = try PointFileReader.read(path: name, coordinateLimit: PointFileReader.largestCoordinate).points
  return Dataset(name: name, points: points)
}
