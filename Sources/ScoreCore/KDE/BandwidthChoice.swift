// A bandwidth given either by a rule of thumb or as a number, as the CLI and live view hold it.

/// Either a rule of thumb for h or a fixed h in data units.
///
/// Its text form is the rule's name (`scott`, `silverman`) or a positive number (`0.2`).
public enum BandwidthChoice: Sendable, Equatable, LosslessStringConvertible {
  case rule(BandwidthRule)
  case fixed(Double)

  /// Parses `scott`, `silverman` or a positive finite number; nil for anything else.
  public init?(_ description: String) {
    if let rule = BandwidthRule(rawValue: description.lowercased()) {
      self = .rule(rule)
    } else if let value = Double(description), value > 0, value.isFinite {
      self = .fixed(value)
    } else {
      return nil
    }
  }

  /// The rule's name or the number.
  public var description: String {
    switch self {
    case .rule(let rule): rule.rawValue
    case .fixed(let value): "\(value)"
    }
  }

  /// The bandwidth for `points`: the rule's value (0 for fewer than two points or no
  /// spread), or the fixed value.
  public func bandwidth(for points: [SIMD2<Double>]) -> Double {
    switch self {
    case .rule(let rule): rule.bandwidth(for: points)
    case .fixed(let value): value
    }
  }
}
