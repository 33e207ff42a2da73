// Writes small literal data files to a private temporary folder for the reader tests.

import Foundation
import ScoreTestSupport

/// A fresh folder under the system's temporary directory, one per test, holding the files a
/// test writes; it is removed with everything in it when the test's suite instance goes away.
final class TemporaryFiles: Sendable {
  let folder: String

  init() {
    folder = NSTemporaryDirectory() + "scorecore-data-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Writes `text` as UTF-8 to `name` in the folder and returns its path.
  func write(_ name: String, _ text: String) -> String {
    write(name, bytes: Array(text.utf8))
  }

  /// Writes `bytes` to `name` in the folder and returns its path.
  func write(_ name: String, bytes: [UInt8]) -> String {
    let path = folder + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
  }

  /// A path in the folder where nothing has been written.
  func path(_ name: String) -> String { folder + "/" + name }
}

/// The path of a file in Tests/ScoreCoreTests/Data/Fixtures, found from this source file.
func fixturePath(_ name: String, file: String = #filePath) -> String {
  URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Fixtures/" + name).path
}
