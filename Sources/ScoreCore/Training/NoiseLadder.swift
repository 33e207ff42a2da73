// The geometric ladder of noise levels σ₁ > … > σ_L a noise-conditional network learns.

import Foundation

/// L noise levels spaced evenly in log σ from `maximum` down to `minimum` (MATH.md §4).
///
/// σᵢ = σ_max·(σ_min/σ_max)^((i−1)/(L−1)), i = 1 … L, so σ₁ = σ_max and σ_L = σ_min; a
/// one-level ladder is just σ_max. Written and parsed as "MAX:MIN:L", e.g. "1.0:0.01:10":
///
/// ```
/// let ladder = try NoiseLadder(parsing: "1.0:0.01:10")   // == NoiseLadder.standard
/// ladder.levels[0]   // 1.0
/// ladder.levels[9]   // 0.01
/// ```
public struct NoiseLadder: Sendable, Equatable, CustomStringConvertible {
  /// σ₁ … σ_L, largest first.
  public let levels: [Float]
  /// log σᵢ, the network's third input for each level.
  public let logLevels: [Float]
  /// σ₁.
  public let maximum: Float
  /// σ_L.
  public let minimum: Float

  /// WORKLOADS.md's ladder: 10 levels from 1.0 (about the standardised data's spread) to 0.01.
  public static let standard = NoiseLadder(validMaximum: 1, minimum: 0.01, count: 10)

  /// The range for `NoiseDistribution.continuous`: σ from 5.0 down to 0.01, 10 levels for the
  /// samplers. MATH.md §6: σ_max must exceed the largest distance between standardised data
  /// points (about 4 for moons) for the end density to be close to a Gaussian.
  public static let continuousStandard = NoiseLadder(validMaximum: 5, minimum: 0.01, count: 10)

  /// The most levels a ladder may have: each level is trained, sampled and drawn, and more
  /// than a thousand is never useful.
  public static let maximumCount = 1_000

  /// The noise levels a ladder may hold, in standardised units (where the data's spread is
  /// about 1): outside it σ² or 1/σ² leaves the range the network computes in.
  public static let levelRange: ClosedRange<Float> = 1e-6...1e6

  /// A geometric ladder of `count` levels from `maximum` down to `minimum`.
  ///
  /// - Throws: `NoiseLadderError` if a level is not a finite number within `levelRange`, if
  ///   `maximum < minimum`, or if `count` is not between 1 and `maximumCount`.
  public init(maximum: Float, minimum: Float, count: Int) throws(NoiseLadderError) {
    for value in [maximum, minimum] where !Self.levelRange.contains(value) {
      throw NoiseLadderError(column: 1, message: Self.levelMessage(String(describing: value)))
    }
    guard maximum >= minimum else {
      throw NoiseLadderError(
        column: 1,
        message: "Expected the largest level first, found '\(maximum):\(minimum)'")
    }
    guard (1...Self.maximumCount).contains(count) else {
      throw NoiseLadderError(column: 1, message: Self.countMessage(String(count)))
    }
    self.init(validMaximum: maximum, minimum: minimum, count: count)
  }

  /// Parses "MAX:MIN:L", e.g. "1.0:0.01:10".
  ///
  /// - Throws: `NoiseLadderError` with the column of the first bad field: a level that is
  ///   not a number within `levelRange`, a count that is not a whole number between 1 and
  ///   `maximumCount`, or the smaller level first.
  public init(parsing text: String) throws(NoiseLadderError) {
    let fields = text.split(separator: ":", omittingEmptySubsequences: false)
    guard fields.count == 3 else {
      throw NoiseLadderError(column: 1, message: "Expected 'MAX:MIN:L', found \(EscapedText.quoted(text))")
    }
    let columns = [1, fields[0].count + 2, fields[0].count + fields[1].count + 3]
    var values: [Float] = []
    for index in 0..<2 {
      let field = fields[index].trimmingCharacters(in: .whitespaces)
      guard let value = Float(field), Self.levelRange.contains(value) else {
        throw NoiseLadderError(column: columns[index], message: Self.levelMessage(field))
      }
      values.append(value)
    }
    let countField = fields[2].trimmingCharacters(in: .whitespaces)
    guard let count = Int(countField), (1...Self.maximumCount).contains(count) else {
      throw NoiseLadderError(column: columns[2], message: Self.countMessage(countField))
    }
    guard values[0] >= values[1] else {
      throw NoiseLadderError(
        column: 1, message: "Expected the largest level first, found \(EscapedText.quoted(text))")
    }
    self.init(validMaximum: values[0], minimum: values[1], count: count)
  }

  /// The message for a level outside `levelRange` (or not a number).
  private static func levelMessage(_ found: String) -> String {
    let bounds = [levelRange.lowerBound, levelRange.upperBound].map { String(format: "%g", Double($0)) }
    return "Expected a noise level between \(bounds[0]) and \(bounds[1]), found \(EscapedText.quoted(found))"
  }

  /// The message for a count outside 1 … `maximumCount` (or not a whole number).
  private static func countMessage(_ found: String) -> String {
    "Expected a whole number of levels between 1 and \(maximumCount), found \(EscapedText.quoted(found))"
  }

  private init(validMaximum maximum: Float, minimum: Float, count: Int) {
    self.maximum = maximum
    self.minimum = minimum
    let ratio = Double(minimum) / Double(maximum)
    levels = (0..<count).map { index in
      count == 1 ? maximum : Float(Double(maximum) * pow(ratio, Double(index) / Double(count - 1)))
    }
    logLevels = levels.map { Float(log(Double($0))) }
  }

  /// L, the number of levels.
  public var count: Int { levels.count }

  /// The index of the level nearest `noiseLevel` in log σ; a tie (within 10⁻⁶) goes to the
  /// larger level.
  public func indexOfLevel(nearest noiseLevel: Float) -> Int {
    let target = log(Double(noiseLevel))
    var best = 0
    for index in levels.indices
    where abs(log(Double(levels[index])) - target) < abs(log(Double(levels[best])) - target)
      - 1e-6
    {
      best = index
    }
    return best
  }

  /// "MAX:MIN:L", which `init(parsing:)` reads back.
  public var description: String { "\(maximum):\(minimum):\(count)" }
}
