// A benchmark record as readable text: one line per result, numbers rounded for people.

import ScoreCore

/// Renders a workload's JSON record as text.
enum BenchReport {
  /// `train` then an indented line for each entry of its nested results.
  static func text(for record: JSONObject) -> String {
    var lines: [String] = []
    var head: [String] = []
    for (key, value) in record.members {
      switch value {
      case .array(let items):
        for item in items {
          if case .object(let nested) = item { lines.append("  " + flat(nested)) }
        }
      default:
        head.append(key == "workload" ? render(value) : "\(key) \(render(value))")
      }
    }
    return ([head.joined(separator: "  ")] + lines).joined(separator: "\n")
  }

  private static func flat(_ line: JSONObject) -> String {
    line.members.map { "\($0.key) \(render($0.value))" }.joined(separator: "  ")
  }

  private static func render(_ value: JSONValue) -> String {
    switch value {
    case .number(let x): return formatted(x, digits: 4)
    case .string(let s): return s
    default: return value.encoded
    }
  }
}
