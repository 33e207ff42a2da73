// A one-line progress bar with the time taken and the time left, on stderr when it is a terminal.

import Foundation
import ScoreCore
import Synchronization

/// Redraws `sample [██████········] 42%  0:05  ETA 0:07` in place on stderr (with a label,
/// the count when it means something, and the command's own detail, e.g. train's
/// `[████····] 1200/5000  loss 0.912  212k samples/s  0:03  ETA 0:09`).
///
/// The time left is the rate so far carried to the end: elapsed × (total − done) / done.
/// Nothing is drawn when stderr is not a terminal (logs and pipes stay clean), nor in the
/// first `delay` seconds (a command that takes less prints nothing), and at most ten times a
/// second. A bar that was drawn ends with `finish`: cleared, or left as the last line with
/// `keepingLine`; `printError` and `printNote` clear one first, so a message never starts
/// in the middle of it.
struct ProgressBar {
  /// Seconds before the first draw.
  static let delay = 1.0
  /// Seconds between two draws, at least (the last is always drawn).
  static let redrawInterval = 0.1
  /// Columns of the bar between its brackets.
  static let width = 30

  /// The units of the whole run.
  let total: Int
  /// What runs, before the bar ("sample", "annealed 1/3"); empty for none.
  let label: String
  /// Whether `done/total` is shown (steps), rather than the percentage alone (particle steps).
  let showsCount: Bool
  /// Whether anything is drawn: stderr is a terminal.
  let isEnabled: Bool
  /// When the run started (monotonic seconds).
  let start: Double
  private var lastDraw: Double?

  /// A bar for `total` units that started at `start`, drawn when `isEnabled` (by default,
  /// when stderr is a terminal).
  init(
    total: Int, label: String = "", showsCount: Bool = false, start: Double = monotonicSeconds(),
    isEnabled: Bool = isatty(STDERR_FILENO) == 1
  ) {
    self.total = total
    self.label = label
    self.showsCount = showsCount
    self.isEnabled = isEnabled
    self.start = start
  }

  /// Redraws with `done` units finished and the command's `detail` at `now`, when drawing is
  /// due (see the type's summary).
  mutating func update(done: Int, detail: String = "", now: Double = monotonicSeconds()) {
    guard isDue(done: done, now: now) else { return }
    lastDraw = now
    Self.isShowing.store(true, ordering: .relaxed)
    let text = Self.line(
      label: label, done: done, total: total, showsCount: showsCount, detail: detail, elapsed: now - start)
    writeToStandardError("\r\u{1B}[2K" + text)
  }

  /// Whether `update` would draw now: enabled, past the delay, and the last draw long enough
  /// ago (or the run done); a caller can skip composing its detail when not.
  func isDue(done: Int, now: Double) -> Bool {
    guard isEnabled, now - start >= Self.delay else { return false }
    if let lastDraw, now - lastDraw < Self.redrawInterval, done < total { return false }
    return true
  }

  /// Ends a bar that was drawn: clears its line, or with `keepingLine` ends the line so that
  /// the last state stays above what follows. Nothing when none was drawn.
  func finish(keepingLine: Bool = false) {
    guard Self.isShowing.exchange(false, ordering: .relaxed) else { return }
    writeToStandardError(keepingLine ? "\n" : "\r\u{1B}[2K")
  }

  /// Clears the line of a bar being shown, so that what is written next starts on a clean
  /// line; the bar is drawn again at its next update.
  static func clearShownLine() {
    guard isShowing.exchange(false, ordering: .relaxed) else { return }
    writeToStandardError("\r\u{1B}[2K")
  }

  /// Whether a bar's line is on stderr's last line now.
  private static let isShowing = Atomic<Bool>(false)

  /// The text of the line: `label [bar] percent-or-done/total  detail  elapsed  ETA left`, the
  /// parts that are empty left out.
  static func line(
    label: String, done: Int, total: Int, showsCount: Bool, detail: String, elapsed: Double
  ) -> String {
    let fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : 1
    let filled = Int(fraction * Double(width))
    var parts = [
      "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "]",
      showsCount ? "\(done)/\(total)" : "\(Int(fraction * 100))%",
    ]
    if !detail.isEmpty { parts.append(detail) }
    parts.append(clock(elapsed, rule: .down))
    parts.append("ETA " + clock(remainingSeconds(elapsed: elapsed, done: done, total: total), rule: .up))
    return (label.isEmpty ? "" : label + " ") + parts.joined(separator: "  ")
  }

  /// The seconds left if the rest goes at the rate so far: elapsed × (total − done) / done;
  /// 0 once done reaches total; NaN (unknown) before any unit is done.
  static func remainingSeconds(elapsed: Double, done: Int, total: Int) -> Double {
    guard done < total else { return 0 }
    guard done > 0, elapsed >= 0 else { return .nan }
    return elapsed * Double(total - done) / Double(done)
  }

  /// `m:ss` under an hour, `h:mm:ss` from one, in whole seconds by `rule` (the time taken
  /// rounds down, the time left up, so a run with a fraction of a second left does not read
  /// 0:00); "—" when unknown or beyond 10,000 hours.
  static func clock(_ seconds: Double, rule: FloatingPointRoundingRule) -> String {
    guard seconds.isFinite, seconds >= 0, seconds < 36_000_000 else { return "—" }
    let whole = Int(seconds.rounded(rule))
    let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
    let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
    return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(rest))" : "\(minutes):\(twoDigits(rest))"
  }
}

/// A progress bar fed by several threads: each adds the units it finished (a `ProgressHandler`
/// for ScoreCore's samplers and integrator), and whichever thread finds the bar free redraws it.
final class ProgressReporter: Sendable {
  private let done = Atomic<Int>(0)
  private let bar: Mutex<ProgressBar>
  private let detail = Mutex("")

  /// A bar for `total` units, labelled `label`, starting now.
  init(total: Int, label: String, showsCount: Bool = false) {
    bar = Mutex(ProgressBar(total: total, label: label, showsCount: showsCount))
  }

  /// The handler to give ScoreCore, or nil when nothing is drawn (stderr is not a terminal),
  /// so that a run without a terminal does no extra work at all.
  var handler: ProgressHandler? {
    guard bar.withLock({ $0.isEnabled }) else { return nil }
    return { [self] units in advance(by: units) }
  }

  /// Adds `units` finished and redraws when due; a thread that finds another drawing skips it.
  func advance(by units: Int) {
    let total = done.wrappingAdd(units, ordering: .relaxed).newValue
    let now = monotonicSeconds()
    let text = detail.withLock { $0 }
    _ = bar.withLockIfAvailable { $0.update(done: total, detail: text, now: now) }
  }

  /// Shows `text` after the percentage from the next redraw on.
  func setDetail(_ text: String) {
    detail.withLock { $0 = text }
  }

  /// Ends the bar (see `ProgressBar.finish`).
  func finish(keepingLine: Bool = false) {
    bar.withLock { $0.finish(keepingLine: keepingLine) }
  }
}
