// Numbers as the view, the engine and the commands print them; non-finite values as a dash.

import Foundation

/// Short, fixed-precision renderings of numbers for text meant to be read: the status bar,
/// legend and axes, notices, progress lines and tables.
///
/// Every function takes the text to show for a value it cannot render (`missing`), so the
/// view can pass its ASCII or Unicode dash.
public enum NumberText {
  /// Three significant digits, plain for 0.001 ≤ |v| < 10⁵ ("0.100", "12.3", "4500"),
  /// else `%.2e` ("2.00e-05"); 0 is "0"; NaN and ±∞ give `missing`.
  public static func compact(_ value: Double, missing: String) -> String {
    guard value.isFinite else { return missing }
    guard value != 0 else { return "0" }
    let magnitude = abs(value)
    guard magnitude >= 1e-3, magnitude < 1e5 else { return String(format: "%.2e", value) }
    let decimals = max(0, 2 - Int(log10(magnitude).rounded(.down)))
    return String(format: "%.*f", decimals, value)
  }

  /// `digits` significant digits as C's `%g` writes them, trailing zeros dropped ("0.0005",
  /// "0.9124", "1.5e+06"); NaN and ±∞ give `missing`.
  ///
  /// - Parameter digits: significant digits, at least 1.
  public static func significant(_ value: Double, digits: Int, missing: String) -> String {
    precondition(digits >= 1, "at least one significant digit")
    guard value.isFinite else { return missing }
    return String(format: "%.*g", digits, value)
  }

  /// A rate with a k or M suffix: "950", "1.82k", "182k", "1.25M"; non-finite or negative
  /// values give `missing`.
  public static func rate(_ value: Double, missing: String) -> String {
    guard value.isFinite, value >= 0 else { return missing }
    switch value {
    case ..<1_000: return String(format: "%.0f", value)
    case ..<10_000: return String(format: "%.2fk", value / 1_000)
    case ..<1_000_000: return String(format: "%.0fk", value / 1_000)
    default: return String(format: "%.2fM", value / 1_000_000)
    }
  }

  /// A count, or `missing` when negative.
  public static func count(_ value: Int, missing: String) -> String {
    value >= 0 ? String(value) : missing
  }
}
