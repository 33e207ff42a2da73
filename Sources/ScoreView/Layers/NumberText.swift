// Numbers as the status bar, legend and axes print them; non-finite values as a dash.

import Foundation

/// Short, fixed-precision renderings of numbers for the view's text.
enum NumberText {
  /// Three significant digits, plain for 0.001 ≤ |v| < 10⁵ ("0.100", "12.3", "4500"),
  /// else `%.2e` ("2.00e-05"); 0 is "0"; NaN and ±∞ give `missing`.
  static func compact(_ value: Double, missing: String) -> String {
    guard value.isFinite else { return missing }
    guard value != 0 else { return "0" }
    let magnitude = abs(value)
    guard magnitude >= 1e-3, magnitude < 1e5 else { return String(format: "%.2e", value) }
    let decimals = max(0, 2 - Int(log10(magnitude).rounded(.down)))
    return String(format: "%.*f", decimals, value)
  }

  /// A rate with a k or M suffix: "950", "18.2k", "182k", "1.25M"; non-finite or negative
  /// values give `missing`.
  static func rate(_ value: Double, missing: String) -> String {
    guard value.isFinite, value >= 0 else { return missing }
    switch value {
    case ..<1_000: return String(format: "%.0f", value)
    case ..<10_000: return String(format: "%.2fk", value / 1_000)
    case ..<1_000_000: return String(format: "%.0fk", value / 1_000)
    default: return String(format: "%.2fM", value / 1_000_000)
    }
  }

  /// A count, or `missing` when negative.
  static func count(_ value: Int, missing: String) -> String {
    value >= 0 ? String(value) : missing
  }
}
