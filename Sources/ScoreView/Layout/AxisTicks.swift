// Round tick values for an axis: steps of 1, 2 or 5 times a power of ten.

import Foundation

/// Tick values and their labels for the data interval [lower, upper].
struct AxisTicks {
  /// The tick values, ascending, all inside [lower, upper].
  let values: [Double]
  /// One label per value, with as many decimals as the step needs; empty when even the
  /// exponent form is too wide.
  let labels: [String]

  /// About `maximumCount` ticks (2 at the least) at the multiples of a round step.
  ///
  /// step = the smallest of {1, 2, 5} · 10ᵏ that is ≥ (upper − lower) / maximumCount; the
  /// ticks are the multiples of the step inside the interval. Labels print with
  /// max(0, −⌊log₁₀ step⌋) decimals, zero as "0" without a sign, and fall back to `%.1e`
  /// beyond `maximumLabelWidth` characters (to "" if that is still too wide). A non-finite
  /// or empty interval, or one so far from zero that the multiples cannot be counted
  /// exactly, gives no ticks.
  init(lower: Double, upper: Double, maximumCount: Int, maximumLabelWidth: Int) {
    let span = upper - lower
    let count = max(2, maximumCount)
    guard lower.isFinite, upper.isFinite, span.isFinite, span > 0 else {
      (values, labels) = ([], [])
      return
    }
    let raw = span / Double(count)
    let power = pow(10, (log10(raw)).rounded(.down))
    let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
    let first = (lower / step).rounded(.up)
    let last = (upper / step).rounded(.down)
    guard step > 0, step.isFinite, abs(first) < 1e15, abs(last) < 1e15, last - first <= 1_000
    else {
      (values, labels) = ([], [])
      return
    }
    let decimals = min(12, max(0, -Int(log10(step).rounded(.down))))
    var values: [Double] = []
    var labels: [String] = []
    var multiple = first
    while multiple <= last {
      let value = multiple == 0 ? 0 : multiple * step
      var label = multiple == 0 ? "0" : String(format: "%.*f", decimals, value)
      if label.count > maximumLabelWidth { label = String(format: "%.1e", value) }
      if label.count > maximumLabelWidth { label = "" }
      values.append(value)
      labels.append(label)
      multiple += 1
    }
    self.values = values
    self.labels = labels
  }
}
