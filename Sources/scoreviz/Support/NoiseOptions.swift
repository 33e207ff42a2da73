// `--noise` and `--sigmas`: how training draws σ and from which range, shared by train, live and render.

import ArgumentParser
import ScoreCore

/// `--noise ladder|continuous` with `--sigmas MAX:MIN:L`: the trainer's `NoiseDistribution`
/// and `NoiseLadder` (MATH.md §4 and §6).
///
/// Without `--sigmas` the ladder is the distribution's default: 1.0:0.01:10 for `ladder`,
/// 5.0:0.01:10 for `continuous` (σ_max ≈ 5 clears the largest distance between standardised
/// data points). `continuous` draws log σ uniformly between the ladder's ends; the levels
/// themselves remain the samplers' steps.
struct NoiseOptions: ParsableArguments {
  @Option(
    help: """
      How training draws each point's σ: ladder (one of the --sigmas levels, the default) or \
      continuous (log σ uniform between the --sigmas ends).
      """)
  var noise: String?

  @Option(
    help: """
      The noise ladder MAX:MIN:L in standardised units (levels 1e-6 to 1e6, L at most 1000; \
      default 1.0:0.01:10, or 5.0:0.01:10 with --noise continuous).
      """)
  var sigmas: String?

  func validate() throws {
    if let noise, NoiseDistribution(rawValue: noise) == nil {
      throw ValidationError(
        "--noise: unknown noise distribution \(EscapedText.quoted(noise)); choose one of "
          + NoiseDistribution.allCases.map(\.rawValue).joined(separator: ", "))
    }
    if let sigmas { try FlagBounds.checkLadder(sigmas, "--sigmas") }
  }

  /// The distribution named by `--noise` (checked by `validate()`).
  var distribution: NoiseDistribution { noise.flatMap(NoiseDistribution.init(rawValue:)) ?? .ladder }

  /// Whether `--noise` or `--sigmas` was given.
  var isGiven: Bool { noise != nil || sigmas != nil }

  /// The ladder of `--sigmas`, or the distribution's default (checked by `validate()`).
  var ladder: NoiseLadder { givenLadder ?? distribution.defaultLadder }

  /// The ladder of `--sigmas` when it was given (checked by `validate()`).
  var givenLadder: NoiseLadder? { sigmas.flatMap { try? NoiseLadder(parsing: $0) } }

  /// Refuses an `--objective` that cannot draw from `--noise`: `dsm` trains one fixed level.
  func check(objective name: String) throws {
    guard let objective = Objective(rawValue: name), !distribution.supports(objective) else { return }
    throw ValidationError(
      "--noise \(distribution.rawValue) does not go with --objective \(name), which trains one fixed noise level")
  }
}
