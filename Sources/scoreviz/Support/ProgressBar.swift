// A one-line progress bar on stderr, drawn only when stderr is a terminal.

import Foundation

/// Redraws `[██████····] 1200/5000  loss 0.912  212k samples/s` in place on stderr.
///
/// Silent when stderr is not a terminal, so logs and pipes stay clean.
struct ProgressBar {
  let total: Int
  let isEnabled: Bool
  private var lastDraw: Double = 0

  init(total: Int) {
    self.total = total
    self.isEnabled = isatty(STDERR_FILENO) == 1
  }

  /// Redraws at most 20 times a second, and always at the last step.
  mutating func update(done: Int, detail: String, now: Double) {
    guard isEnabled, done == total || now - lastDraw >= 0.05 else { return }
    lastDraw = now
    let width = 30
    let filled = total > 0 ? min(width, done * width / total) : width
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    writeToStandardError("\r\u{1B}[2K[\(bar)] \(done)/\(total)  \(detail)")
  }

  /// Ends the line so that later output starts on a fresh one.
  func finish() {
    guard isEnabled else { return }
    writeToStandardError("\n")
  }
}
