// The map from density values (or counts) to a position on the heat-map gradient.

import Foundation

/// How heat-map values become gradient positions t ∈ (0, 1], or no colour at all.
///
/// Densities span orders of magnitude, so both scales are logarithmic:
/// - `density`: t = log(v / f) / log(10³) with floor f = 10⁻³ · max; values at or below
///   the floor (three decades under the peak) are not painted, so the terminal background
///   shows where there is essentially no mass, and a Gaussian's tails show as evenly spaced
///   rings rather than vanishing as they would on a linear scale.
/// - `count`: t = log(1 + c) / log(1 + max) for histogram counts c ≥ 1; empty bins are not
///   painted, a single point is still visible.
/// The peak value always gets t = 1, the gradient's brightest end.
struct HeatMapScale {
  /// Which values the scale reads.
  enum Kind {
    case density
    case count
  }

  /// Decades of density shown below the peak.
  static let densityDecades = 3.0

  let kind: Kind
  /// The largest finite value.
  let maximum: Double
  /// The smallest value that is painted: the density floor, or one count.
  let minimum: Double
  private let logMinimum: Double
  private let inverseLogSpan: Double

  /// The scale for `values`, or nil when no finite positive value exists.
  init?(kind: Kind, values: [Double]) {
    var largest = 0.0
    for value in values where value.isFinite && value > largest { largest = value }
    guard largest > 0 else { return nil }
    self.kind = kind
    maximum = largest
    switch kind {
    case .density:
      minimum = largest * pow(10, -Self.densityDecades)
      logMinimum = log(minimum)
      inverseLogSpan = 1 / (Self.densityDecades * log(10.0))
    case .count:
      minimum = 1
      logMinimum = 0
      inverseLogSpan = 1 / log1p(largest)
    }
  }

  /// The gradient position of `value`, or nil when it is not painted (non-finite, or not
  /// above the density floor, or a count below one).
  @inline(__always)
  func fraction(of value: Double) -> Double? {
    switch kind {
    case .density:
      guard value.isFinite, value > minimum else { return nil }
      return min(1, (log(value) - logMinimum) * inverseLogSpan)
    case .count:
      guard value >= 1, value.isFinite else { return nil }
      return min(1, log1p(value) * inverseLogSpan)
    }
  }
}
