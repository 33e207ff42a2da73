// Turns session signals into flags the main loop polls, so only the main thread touches curses.

import Dispatch
import Synchronization

/// Watches signals with dispatch sources and remembers what arrived: the first exit signal,
/// and whether a suspend (Ctrl-Z) or a continue has been asked for since last looked at.
///
/// The handlers run on a dispatch queue and only store into atomics; the main loop reads them
/// between reads and draws and acts there. Signals whose default action would end or stop the
/// process must already be ignored (`ProcessGuards.ignore`) so that action does not happen
/// before the watcher's handler is installed.
final class SignalWatcher {
  private final class Flags: Sendable {
    let exitSignal = Atomic<Int32>(0)
    let suspend = Atomic<Bool>(false)
    let resumed = Atomic<Bool>(false)
  }

  private let flags = Flags()
  private let sources: [any DispatchSourceSignal]

  /// Starts watching `exitSignals`, `suspendSignal` and `continueSignal`.
  init(exitSignals: [Int32], suspendSignal: Int32, continueSignal: Int32) {
    let flags = flags
    var sources = exitSignals.map { signal in
      Self.watch(signal) {
        _ = flags.exitSignal.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
      }
    }
    sources.append(Self.watch(suspendSignal) { flags.suspend.store(true, ordering: .relaxed) })
    sources.append(Self.watch(continueSignal) { flags.resumed.store(true, ordering: .relaxed) })
    self.sources = sources
  }

  private static func watch(_ signal: Int32, _ handler: @escaping @Sendable () -> Void)
    -> any DispatchSourceSignal
  {
    let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
    source.setEventHandler(handler: handler)
    source.resume()
    return source
  }

  /// The first exit signal received, nil if none has arrived.
  var received: Int32? {
    let signal = flags.exitSignal.load(ordering: .relaxed)
    return signal == 0 ? nil : signal
  }

  /// Whether a suspend signal arrived since the last call.
  func takeSuspendRequest() -> Bool {
    flags.suspend.exchange(false, ordering: .relaxed)
  }

  /// Whether the process was continued since the last call.
  func takeResumed() -> Bool {
    flags.resumed.exchange(false, ordering: .relaxed)
  }

  /// Stops watching.
  func cancel() {
    for source in sources { source.cancel() }
  }
}
