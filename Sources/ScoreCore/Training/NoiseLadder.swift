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

  /// The most levels a ladder may have, 10,000: published NCSN ladders have at most 2,311
  /// (NCSNv2 at 256 × 256 pixels) and scoreviz's default has 10. A ladder is also read from
  /// model files, so its length is bounded before anything is allocated for it.
  public static let largestCount = 10_000

  /// WORKLOADS.md's ladder: 10 levels from 1.0 (about the standardised data's spread) to 0.01.
  public static let standard = NoiseLadder(validMaximum: 1, minimum: 0.01, count: 10)

  /// A geometric ladder of `count` levels from `maximum` down to `minimum`.
  ///
  /// - Throws: `NoiseLadderError` if a level is not a positive finite number, if
  ///   `maximum < minimum`, or if `count` is not between 1 and `largestCount`.
  public init(maximum: Float, minimum: Float, count: Int) throws(NoiseLadderError) {
    for value in [maximum, minimum] where !(value.isFinite && value > 0) {
      throw NoiseLadderError(
        column: 1, message: "Expected a positive noise level, found '\(value)'")
    }
    guard maximum >= minimum else {
      throw NoiseLadderError(
        column: 1,
        message: "Expected the largest level first, found '\(maximum):\(minimum)'")
    }
    guard count >= 1 else {
      throw NoiseLadderError(column: 1, message: "Expected at least one level, found '\(count)'")
    }
    guard count <= Self.largestCount else {
      throw NoiseLadderError(
        column: 1, message: "Expected at most \(Self.largestCount) levels, found '\(count)'")
    }
    self.init(validMaximum: maximum, minimum: minimum, count: count)
  }

  /// Parses "MAX:MIN:L", e.g. "1.0:0.01:10".
  ///
  /// - Throws: `NoiseLadderError` with the column of the first bad field (the fields quoted
  ///   by `EscapedText.quoted`), also for L above `largestCount`.
  public init(parsing text: String) throws(NoiseLadderError) {
    let fields = text.split(separator: ":", omittingEmptySubsequences: false)
    guard fields.count == 3 else {
      throw NoiseLadderError(column: 1, message: "Expected 'MAX:MIN:L', found \(EscapedText.quoted(text))")
    }
    let columns = [1, fields[0].count + 2, fields[0].count + fields[1].count + 3]
    var values: [Float] = []
    for index in 0..<2 {
      let field = fields[index].trimmingCharacters(in: .whitespaces)
      guard let value = Float(field), value.isFinite, value > 0 else {
        throw NoiseLadderError(
          column: columns[index], message: "Expected a positive noise level, found \(EscapedText.quoted(field))")
      }
      values.append(value)
    }
    let countField = fields[2].trimmingCharacters(in: .whitespaces)
    guard let count = Int(countField), count >= 1 else {
      throw NoiseLadderError(
        column: columns[2], message: "Expected a whole number of levels, found \(EscapedText.quoted(countField))")
    }
    guard count <= Self.largestCount else {
      throw NoiseLadderError(
        column: columns[2], message: "Expected at most \(Self.largestCount) levels, found '\(count)'")
    }
    guard values[0] >= values[1] else {
      throw NoiseLadderError(
        column: 1, message: "Expected the largest level first, found \(EscapedText.quoted(text))")
    }
    self.init(validMaximum: values[0], minimum: values[1], count: count)
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
