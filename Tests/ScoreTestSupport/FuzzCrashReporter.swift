// Names the fuzz input that crashed the test process, from a signal handler.

import Foundation

/// Tells, when a reader traps or overflows its stack under fuzzing, which target, seed and
/// iteration did it.
///
/// Each running campaign holds a slot with its target name, seed and current iteration.
/// Handlers for SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE and SIGABRT (on an alternate stack,
/// so a stack overflow is reported too) write one line per busy slot to stderr with write(2)
/// only, put back the handlers that were there before (Swift's backtracer) and return, so
/// the fault happens again and ends the process as it would have.
public enum FuzzCrashReporter {
  /// A campaign's place in the table.
  public struct Slot: Sendable {
    fileprivate var index: Int
  }

  private struct Entry {
    var name: UnsafeMutablePointer<CChar>?
    var seed: UInt64
    var iteration: UInt64
  }

  private static let capacity = 8
  nonisolated(unsafe) private static let entries: UnsafeMutablePointer<Entry> = {
    let entries = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
    entries.initialize(repeating: Entry(name: nil, seed: 0, iteration: 0), count: capacity)
    return entries
  }()
  nonisolated(unsafe) private static let previousActions: UnsafeMutablePointer<sigaction> = {
    let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: Int(NSIG))
    actions.initialize(repeating: sigaction(), count: Int(NSIG))
    return actions
  }()
  private static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]
  private static let lock = NSLock()
  nonisolated(unsafe) private static var isInstalled = false

  /// Takes a slot for a campaign of `target` with `seed`, installing the handlers the first
  /// time and an alternate signal stack for the calling thread.
  public static func begin(target: String, seed: UInt64) -> Slot {
    lock.lock()
    defer { lock.unlock() }
    installOnce()
    giveThreadAnAlternateStack()
    for index in 0..<capacity where entries[index].name == nil {
      entries[index] = Entry(name: strdup("fuzz " + target), seed: seed, iteration: 0)
      return Slot(index: index)
    }
    preconditionFailure("more than \(capacity) fuzz campaigns at once")
  }

  /// Notes the iteration a campaign is about to run.
  public static func record(iteration: UInt64, in slot: Slot) {
    entries[slot.index].iteration = iteration
  }

  /// Frees the slot.
  public static func end(_ slot: Slot) {
    lock.lock()
    defer { lock.unlock() }
    free(entries[slot.index].name)
    entries[slot.index].name = nil
  }

  private static func installOnce() {
    guard !isInstalled else { return }
    isInstalled = true
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { signal in
      for index in 0..<FuzzCrashReporter.capacity {
        let entry = FuzzCrashReporter.entries[index]
        guard let name = entry.name else { continue }
        _ = write(2, name, strlen(name))
        FuzzCrashReporter.writeText(" crashed (signal ")
        FuzzCrashReporter.writeDecimal(UInt64(signal))
        FuzzCrashReporter.writeText("); reproduce with SCOREVIZ_FUZZ_SEED=")
        FuzzCrashReporter.writeDecimal(entry.seed)
        FuzzCrashReporter.writeText(" SCOREVIZ_FUZZ_ITERATION=")
        FuzzCrashReporter.writeDecimal(entry.iteration)
        FuzzCrashReporter.writeText("\n")
      }
      for other in FuzzCrashReporter.signals {
        sigaction(other, FuzzCrashReporter.previousActions + Int(other), nil)
      }
    }
    action.sa_flags = SA_ONSTACK
    sigemptyset(&action.sa_mask)
    for signal in signals { sigaction(signal, &action, previousActions + Int(signal)) }
  }

  /// A 256 KiB alternate signal stack for this thread, kept for the life of the process.
  private static func giveThreadAnAlternateStack() {
    var current = stack_t()
    sigaltstack(nil, &current)
    guard Int(current.ss_flags) & SS_DISABLE != 0 || current.ss_sp == nil else { return }
    let size = 1 << 18
    var stack = stack_t(ss_sp: malloc(size), ss_flags: 0, ss_size: size)
    sigaltstack(&stack, nil)
  }

  private static func writeText(_ text: StaticString) {
    _ = write(2, text.utf8Start, text.utf8CodeUnitCount)
  }

  private static func writeDecimal(_ value: UInt64) {
    var divisor: UInt64 = 1
    while value / divisor >= 10 { divisor *= 10 }
    var rest = value
    while divisor > 0 {
      var digit = UInt8(ascii: "0") + UInt8(rest / divisor)
      _ = write(2, &digit, 1)
      rest %= divisor
      divisor /= 10
    }
  }
}
