// What the command tests share: output parsing, input files and a model trained once per run.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

/// A CSV table printed by a command: its header and its rows as numbers.
struct PrintedTable {
  var columnNames: [String]
  var rows: [[Double]]

  /// Parses `text` (a header line, then comma-separated numbers); nil if any field is not a number.
  init?(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    guard let header = lines.first else { return nil }
    columnNames = header.split(separator: ",").map(String.init)
    var rows: [[Double]] = []
    for line in lines.dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      let values = fields.compactMap { Double($0) }
      guard values.count == fields.count, values.count == columnNames.count else { return nil }
      rows.append(values)
    }
    self.rows = rows
  }

  /// The values of the column named `name`.
  func column(_ name: String) -> [Double] {
    guard let index = columnNames.firstIndex(of: name) else { return [] }
    return rows.map { $0[index] }
  }

  /// The rows' (first, second) named columns as points.
  func points(_ first: String, _ second: String) -> [SIMD2<Double>] {
    zip(column(first), column(second)).map { SIMD2($0, $1) }
  }
}

/// The JSON object on one line of output, or nil when it is not one.
func jsonObject(_ text: Substring) -> [String: Any]? {
  guard let data = text.data(using: .utf8),
    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
  else { return nil }
  return object
}

/// Every non-empty line of `text` parsed as a JSON object (nil entries for lines that are not).
func jsonLines(_ text: String) -> [[String: Any]?] {
  text.split(separator: "\n").map { jsonObject($0) }
}

/// The message of a usage error, when `standardError` is exactly the one line
/// `scoreviz: <message>` every error is; nil otherwise.
func validationMessage(_ standardError: String) -> String? {
  let prefix = "scoreviz: "
  guard standardError.hasPrefix(prefix), standardError.hasSuffix("\n"),
    standardError.filter({ $0 == "\n" }).count == 1
  else { return nil }
  return String(standardError.dropFirst(prefix.count).dropLast())
}

/// Writes `text` to `name` in `folder` and returns the path.
func writeTextFile(_ text: String, named name: String, in folder: String) throws -> String {
  let path = folder + "/" + name
  try text.write(toFile: path, atomically: true, encoding: .utf8)
  return path
}

/// The names in `folder`, sorted.
func folderContents(_ folder: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
}

/// A model trained once per test run by `scoreviz train` and shared by the sample, field and
/// eval tests: moons, 500 points, seed 0, 300 steps, the default ladder 1.0:0.01:10.
struct TrainedModel: Sendable {
  /// The model file, or nil when training failed.
  var path: String?
  /// What `scoreviz train` printed, for the failure message.
  var trainOutput: String

  /// The command line that made the model, without `--save`.
  static let trainArguments = ["train", "--dataset", "moons", "-n", "500", "--steps", "300", "--seed", "0"]

  /// The one shared model.
  static let shared: TrainedModel = {
    do {
      let path = try makeTemporaryFolder() + "/moons.safetensors"
      let result = try runScoreviz(trainArguments + ["--save", path])
      guard result.status == 0 else {
        return TrainedModel(path: nil, trainOutput: result.standardOutput + result.standardError)
      }
      return TrainedModel(path: path, trainOutput: result.standardOutput)
    } catch {
      return TrainedModel(path: nil, trainOutput: "\(error)")
    }
  }()

  /// The model's path; records a failure when training did not work.
  static func requirePath() throws -> String {
    try #require(shared.path, "training the shared model failed: \(shared.trainOutput)")
  }
}
