// The live view's save key: writes the shown network as a model file, off the drawing thread.

import Dispatch
import Foundation
import ScoreCore
import Synchronization

/// Writes model files on a background queue, so a frame never waits for the disk, and at
/// most one a second.
///
/// A request that comes while a save is still being written, or within `minimumInterval` of
/// the last one started, is dropped: a held-down key (its auto-repeat sends 30 a second)
/// writes one file a second, and the message of the last save stays on screen. The model
/// handed in is a value (the engine's published snapshot), so the training thread going on
/// cannot change what is written.
///
/// ```
/// let saver = NetworkSaver()
/// if saver.save(snapshot.modelFile(), datasetName: "moons", now: monotonicSeconds(), date: Date()) { … }
/// if let outcome = saver.takeOutcome() { … }   // each frame
/// ```
final class NetworkSaver: Sendable {
  /// What a finished save came to.
  enum Outcome: Equatable, Sendable {
    /// Written, under this name.
    case saved(String)
    /// Not written, for this reason (one line).
    case failed(String)
  }

  /// Seconds between the starts of two saves, at least.
  static let minimumInterval = 1.0

  private struct State {
    var lastStart = -Double.infinity
    var isWriting = false
    var outcome: Outcome?
  }

  /// The folder the files go into: "" for the working directory (the names shown are then
  /// bare file names).
  let folder: String
  private let state = Mutex(State())
  private let queue = DispatchQueue(label: "scoreviz save", qos: .utility)
  private let writes = DispatchGroup()

  /// A saver writing into `folder` ("" for the working directory).
  init(folder: String = "") {
    self.folder = folder
  }

  /// Starts writing `model` as `scoreviz-<dataset>-<time>.safetensors`, named after
  /// `datasetName` and `date`, unless a save is being written or the last started less than
  /// `minimumInterval` before `now` (monotonic seconds).
  ///
  /// - Returns: whether the save started.
  func save(_ model: ScoreModelFile, datasetName: String, now: Double, date: Date) -> Bool {
    let starts = state.withLock { state in
      guard !state.isWriting, now - state.lastStart >= Self.minimumInterval else { return false }
      state.isWriting = true
      state.lastStart = now
      return true
    }
    guard starts else { return false }
    let name = Self.fileName(datasetName: datasetName, date: date)
    queue.async(group: writes) { [self] in
      let outcome = write(model, named: name)
      state.withLock { state in
        state.outcome = outcome
        state.isWriting = false
      }
    }
    return true
  }

  /// The outcome of the last finished save, once; nil when none finished since the last call.
  func takeOutcome() -> Outcome? {
    state.withLock { state in
      defer { state.outcome = nil }
      return state.outcome
    }
  }

  /// Waits until every save started has been written (or has failed).
  func waitUntilIdle() {
    writes.wait()
  }

  /// `scoreviz-<dataset>-<yyyyMMdd-HHmmss>.safetensors` in local time: the dataset's file
  /// name without its folder and extension, characters other than letters, digits, `_` and
  /// `-` as `-`, at most 40 of them ("data" when none is left).
  static func fileName(datasetName: String, date: Date) -> String {
    var base = datasetName.split(separator: "/").last.map(String.init) ?? ""
    if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
    let kept = base.unicodeScalars.prefix(40).map { scalar -> Character in
      scalar.isASCII
        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
        ? Character(scalar) : "-"
    }
    let dataset = kept.isEmpty ? "data" : String(kept)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    return "scoreviz-\(dataset)-\(formatter.string(from: date)).safetensors"
  }

  /// Writes `model` as `name` in the folder, or as `name` with `-2`, `-3`, … before the
  /// extension when a file of that name is already there (another session's, in the same second).
  private func write(_ model: ScoreModelFile, named name: String) -> Outcome {
    let stem = String(name.dropLast(".safetensors".count))
    let candidates = [name] + (2...99).map { "\(stem)-\($0).safetensors" }
    let prefix = folder.isEmpty ? "" : folder + "/"
    guard let free = candidates.first(where: { access(prefix + $0, F_OK) != 0 }) else {
      return .failed("save failed: \(prefix + name) and 98 others like it exist")
    }
    do {
      try model.write(to: prefix + free)
      return .saved(prefix + free)
    } catch {
      return .failed("save failed: \(error)")
    }
  }
}
