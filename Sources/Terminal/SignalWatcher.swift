// Turns exit signals into a flag the main loop polls, so only the main thread touches curses.

import Dispatch
import Synchronization

/// Watches signals with dispatch sources and remembers the first one that arrived.
///
/// The handlers run on a dispatch queue and only store the signal number in an atomic; the
/// main loop reads `received` between reads and draws, restores the terminal and exits. The
/// signals must already be ignored (`ProcessGuards.ignoreExitSignals`) so their default
/// action does not kill the process first.
final class SignalWatcher {
  private final class Flag: Sendable {
    let signal = Atomic<Int32>(0)
  }

  private let flag = Flag()
  private let sources: [any DispatchSourceSignal]

  /// Starts watching `signals`.
  init(signals: [Int32]) {
    let flag = flag
    sources = signals.map { signal in
      let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
      source.setEventHandler {
        _ = flag.signal.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
      }
      source.resume()
      return source
    }
  }

  /// The first signal received, nil if none has arrived.
  var received: Int32? {
    let signal = flag.signal.load(ordering: .relaxed)
    return signal == 0 ? nil : signal
  }

  /// Stops watching.
  func cancel() {
    for source in sources { source.cancel() }
  }
}
