// Threads that compute the KDE grids behind the live view's heat map and arrows, so that no frame waits for a KDE.

import Foundation
import ScoreCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Computes the heat map's density grid, the KDE truth at the arrows and the model's density
/// by the probability-flow ODE on threads of their own (one each, so a slow truth never holds
/// up a density), newest request first.
///
/// On a million points a density grid takes tens of milliseconds and the exact KDE score at
/// the arrows a good part of a second; the drawing thread asks through `FieldCache`, gets
/// the newest finished result at once and draws it until the one it asked for is ready. A
/// request replaces the one still waiting (so a held-down `h` key computes only the last
/// bandwidth), and a result is only handed out for the data version it was computed from:
/// results for a replaced dataset are dropped. The threads end when the worker is released.
/// On Linux they run at nice 10: the exact score at the arrows of five million points takes
/// seconds of a core, and on a busy machine the drawing and training threads come first.
///
/// ```
/// var cache = FieldCache(worker: FieldWorker())
/// let density = cache.latestDensity(snapshot, grid: grid, bandwidth: .dataUnits(h))  // nil at first
/// ```
public final class FieldWorker: Sendable {
  private let density = WorkSlot<FieldCache.DensityKey, [Double]>(name: "scoreviz density")
  private let truth = WorkSlot<FieldCache.TruthKey, KDEScoreTruth>(name: "scoreviz KDE score")
  private let likelihood = WorkSlot<FieldCache.LikelihoodKey, [Double]>(name: "scoreviz likelihood")

  /// A worker with its three threads (density, truth, likelihood), asleep until asked for
  /// something.
  public init() {}

  deinit {
    density.stop()
    truth.stop()
    likelihood.stop()
  }

  /// The newest model density grid finished for `key.dataVersion` and `key.grid`, asking for
  /// `key` (the network of `snapshot`) if it is neither finished nor being computed.
  func likelihood(for key: FieldCache.LikelihoodKey, snapshot: EngineSnapshot) -> [Double]? {
    let network = snapshot.network
    let ladder = snapshot.ladder
    let standardization = snapshot.data.standardization
    likelihood.request(key, dataVersion: key.dataVersion) {
      FieldCache.likelihood(network: network, ladder: ladder, standardization: standardization, key: key)
    }
    guard let latest = likelihood.latest(dataVersion: key.dataVersion), latest.key.grid == key.grid else {
      return nil
    }
    return latest.value
  }

  /// The newest density grid finished for `key.dataVersion`, asking for `key` if it is
  /// neither finished nor being computed.
  func density(for key: FieldCache.DensityKey, data: TrainingData) -> [Double]? {
    density.request(key, dataVersion: key.dataVersion) { FieldCache.density(of: data, key: key) }
    return density.latest(dataVersion: key.dataVersion)?.value
  }

  /// The newest KDE truth finished for `key.dataVersion` and `key.grid`, with its key,
  /// asking for `key` if it is neither finished nor being computed.
  func truth(for key: FieldCache.TruthKey, data: TrainingData)
    -> (key: FieldCache.TruthKey, values: KDEScoreTruth)?
  {
    truth.request(key, dataVersion: key.dataVersion) { FieldCache.truth(of: data, key: key) }
    guard let latest = truth.latest(dataVersion: key.dataVersion), latest.key.grid == key.grid
    else { return nil }
    return (latest.key, latest.value)
  }
}

/// One kind of background result and the thread that computes it: the request waiting, the
/// one being computed, and the newest finished.
///
/// The thread ends when `stop()` is called (its worker's `deinit`).
private final class WorkSlot<Key: Equatable & Sendable, Value: Sendable>: Sendable {
  private struct State {
    var waiting: (key: Key, dataVersion: Int, work: @Sendable () -> Value)?
    var running: Key?
    var finished: (key: Key, dataVersion: Int, value: Value)?
    /// The data version of the newest request; results for older data are dropped.
    var newestDataVersion = Int.min
    var isStopped = false
  }

  private let state = Mutex(State())
  private let wake = DispatchSemaphore(value: 0)

  /// Starts the slot's thread, named `name`, asleep until a request comes.
  init(name: String) {
    let thread = Thread { [self] in
      #if canImport(Glibc)
        // On Linux the nice value is per thread; 0 names the calling one.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
      #endif
      while true {
        wake.wait()
        while let job = takeWaiting() {
          let value = job.work()
          finish(job.key, dataVersion: job.dataVersion, value: value)
        }
        if state.withLock({ $0.isStopped }) { return }
      }
    }
    thread.name = name
    thread.start()
  }

  /// Ends the thread once it finishes what it is computing.
  func stop() {
    state.withLock { state in
      state.isStopped = true
      state.waiting = nil
    }
    wake.signal()
  }

  /// Queues `work` for `key` unless `key` is finished, being computed or already waiting (a
  /// request still waiting for another key is replaced).
  func request(_ key: Key, dataVersion: Int, work: @escaping @Sendable () -> Value) {
    let queued = state.withLock { state in
      state.newestDataVersion = max(state.newestDataVersion, dataVersion)
      if state.isStopped || state.finished?.key == key || state.running == key
        || state.waiting?.key == key
      {
        return false
      }
      state.waiting = (key, dataVersion, work)
      return true
    }
    if queued { wake.signal() }
  }

  /// The newest finished result if it was computed for `dataVersion`.
  func latest(dataVersion: Int) -> (key: Key, value: Value)? {
    state.withLock { state in
      guard let finished = state.finished, finished.dataVersion == dataVersion else { return nil }
      return (finished.key, finished.value)
    }
  }

  private func takeWaiting() -> (key: Key, dataVersion: Int, work: @Sendable () -> Value)? {
    state.withLock { state in
      guard let job = state.waiting else { return nil }
      state.waiting = nil
      state.running = job.key
      return job
    }
  }

  private func finish(_ key: Key, dataVersion: Int, value: Value) {
    state.withLock { state in
      state.running = nil
      if dataVersion >= state.newestDataVersion {
        state.finished = (key, dataVersion, value)
      }
    }
  }
}
