// The bounds every numeric flag is checked against before a command allocates or computes anything.

import ArgumentParser
import Foundation
import ScoreCore

/// Limits on flag values and the one-line checks that enforce them in `validate()`.
///
/// Each limit keeps what the flag sizes within memory and time on an ordinary machine, far
/// above any useful value: a count that is too large is refused before the allocation it
/// would ask for, not by the allocator.
enum FlagBounds {
  /// Points generated or drawn (`-n`, `sample --particles`): 10⁷ points are 160 MB as doubles.
  static let pointCount = 10_000_000
  /// `eval --particles`: the energy distance compares every pair, O(n²).
  static let evaluationParticles = 100_000
  /// The live view's and `render`'s particles.
  static let liveParticles = 100_000
  /// Points per training step (`--batch`): a step's workspace takes about 14 KB a point,
  /// 0.23 GB at this bound.
  static let batch = 16_384
  /// Training steps (`train --steps`, `render --steps`).
  static let trainingSteps = 1_000_000_000
  /// Langevin steps (`--steps-per-level`, `sample --steps`), per level of at most
  /// `NoiseLadder.maximumCount`.
  static let langevinSteps = 1_000_000
  /// Steps of the probability-flow ODE (`likelihood --steps`): each costs two evaluations of
  /// the field per point.
  static let odeSteps = 100_000
  /// σ steps of the SDE and ODE samplers (`sample --steps` with `--sampler sde|pc|ode|heun`).
  static let diffusionSteps = 1_000_000
  /// Langevin corrector steps after each predictor step (`sample --corrector-steps`).
  static let correctorSteps = 1_000
  /// The predictor–corrector's signal-to-noise ratio (`sample --snr`).
  static let signalToNoise: Float = 100
  /// Particles whose paths `sample --trajectories` keeps (`--trajectory-particles`).
  static let trajectoryParticles = 100_000
  /// Rows of `sample --trajectories` (particles × (steps + 1)): 40 MB in memory, about
  /// 250 MB of CSV.
  static let trajectoryRows = 5_000_000
  /// Threads of `sample` and `likelihood`.
  static let threads = 64
  /// `train --seconds`: about eleven days.
  static let seconds = 1_000_000.0
  /// Adam's learning rate (`--lr`): far beyond any that trains (a diverging run is caught).
  static let learningRate: Float = 1e6
  /// The Langevin step ε (`--eps`).
  static let langevinStep: Float = 1
  /// `bench --runs`.
  static let benchRuns = 100
  /// A KDE bandwidth h in data units (`--bandwidth`): h² and 1/h² stay well inside the double
  /// range. `resolveBandwidth` then bounds h by the data's spread.
  static let bandwidth: ClosedRange<Double> = 1e-100...1e100

  /// Checks that `value` lies in `range`: "FLAG must be at least L, got V" or "… at most U …".
  static func check(_ value: Int, _ flag: String, in range: ClosedRange<Int>) throws {
    guard value >= range.lowerBound else {
      throw ValidationError("\(flag) must be at least \(range.lowerBound), got \(value)")
    }
    guard value <= range.upperBound else {
      throw ValidationError("\(flag) must be at most \(range.upperBound), got \(value)")
    }
  }

  /// Checks that `value` is positive and at most `limit`: "FLAG must be positive, got V" for
  /// zero, a negative number or NaN, "FLAG must be at most L, got V" for more (infinity too).
  static func checkPositive<Value: BinaryFloatingPoint & CustomStringConvertible>(
    _ value: Value, _ flag: String, atMost limit: Value
  ) throws {
    guard value > 0 else { throw ValidationError("\(flag) must be positive, got \(value)") }
    guard value <= limit else {
      throw ValidationError("\(flag) must be at most \(String(format: "%g", Double(limit))), got \(value)")
    }
  }

  /// Checks that `value` lies in `range`: "FLAG must be between L and U, got V" otherwise
  /// (NaN too).
  static func check<Value: BinaryFloatingPoint & CustomStringConvertible>(
    _ value: Value, _ flag: String, in range: ClosedRange<Value>
  ) throws {
    guard range.contains(value) else {
      let bounds = [range.lowerBound, range.upperBound].map { String(format: "%g", Double($0)) }
      throw ValidationError("\(flag) must be between \(bounds[0]) and \(bounds[1]), got \(value)")
    }
  }

  /// Checks a noise ladder `MAX:MIN:L`, naming the flag.
  static func checkLadder(_ text: String, _ flag: String) throws {
    do {
      _ = try NoiseLadder(parsing: text)
    } catch {
      throw ValidationError("\(flag): \(error)")
    }
  }

  /// Checks that a file or folder flag names something: `-o ''` is a usage error, not a file
  /// that cannot be written, and `--data ''` not one that cannot be opened.
  static func checkFileName(_ path: String?, _ flag: String) throws {
    if path == "" { throw ValidationError("\(flag) needs a file name, got ''") }
  }

  /// Refuses `-` (standard input) for more than one of `inputs`, (path, flag) pairs: it can
  /// be read only once.
  static func checkOneStandardInput(_ inputs: [(String?, String)]) throws {
    let readers = inputs.filter { $0.0 == "-" }.map(\.1)
    guard readers.count > 1 else { return }
    throw ValidationError(
      "\(readers.joined(separator: " and ")) both read standard input ('-'), which can be read only once")
  }

  /// Refuses an output name whose extension is not one of `extensions` (lowercase, without
  /// the dot), so `-o out.parquet` is not silently written as CSV. A name without an
  /// extension, and `-` (standard output), pass.
  static func checkOutputExtension(_ path: String?, _ flag: String, allowed extensions: [String]) throws {
    guard let path, path != "-", let name = path.split(separator: "/").last,
      let dot = name.lastIndex(of: "."), dot != name.startIndex
    else { return }
    let found = name[name.index(after: dot)...].lowercased()
    // A trailing dot names no extension.
    guard !found.isEmpty, !extensions.contains(found) else { return }
    let known = extensions.map { "." + $0 }.joined(separator: " or ")
    throw ValidationError(
      "\(flag) \(path): unknown extension \(EscapedText.quoted("." + found)); this output is written as \(known)")
  }
}
