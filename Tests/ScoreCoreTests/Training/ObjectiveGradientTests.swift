// Each objective's loss and exact gradient against the Double reference and central differences.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct ObjectiveGradientTests {
  /// A PyTorch-initialised network with its weights scaled up so that the SiLUs work in
  /// their curved range (default init keeps them nearly linear, which would hide φ″ errors).
  static func network(seed: UInt64) throws -> ScoreNetwork {
    var rng = SeededGenerator(seed: seed)
    let base = ScoreNetwork(using: &rng)
    return try ScoreNetwork(parameters: base.parameters.map { $0 * 2.5 })
  }

  /// Thirteen points (not a multiple of 8, so padding rows are exercised) at four levels.
  static let batch = ReferenceBatch(count: 13, levels: [1.0, 0.3, 0.05, 0.01], seed: 21)

  /// Indices sampled from every tensor: its first and last element and five in between.
  static let checkedIndices: [Int] = NetworkShape.standard.tensors.flatMap { tensor in
    let last = tensor.offset + tensor.count - 1
    return Set([tensor.offset, last] + (1...5).map { tensor.offset + $0 * (tensor.count - 1) / 6 })
      .sorted()
  }

  /// The Float loss equals the Double loss (relative 1e-5: Float sums of 13 terms), and every
  /// checked gradient entry equals the central difference (step 1e-4, Double) of the Double
  /// loss within 1e-4 relative plus 1e-5 of the largest checked entry: Float rounding in the
  /// backward sums is near 1e-6 relative (measured worst absolute error 2e-7 against a largest
  /// entry near 3), the difference's truncation near 1e-9. A missing or wrong term of the
  /// chain rule (φ″ included) shows up as an error of order one.
  @Test(arguments: Objective.allCases)
  func gradientMatchesFiniteDifferences(objective: Objective) throws {
    let network = try Self.network(seed: 31)
    let batch = Self.batch
    let (loss, gradient) = network.lossAndGradient(
      objective: objective, points: batch.points, noiseLevels: batch.noiseLevels,
      noise: batch.noise, directions: batch.directions, targets: batch.targets)
    let reference = ReferenceNetwork(network)
    let referenceLoss = reference.loss(objective, batch: batch)
    #expect(isClose(Double(loss), referenceLoss, relative: 1e-5, absolute: 1e-6))
    let differences = Self.checkedIndices.map { index in
      centralDifference(
        of: { ReferenceNetwork(parameters: $0).loss(objective, batch: batch) },
        at: reference.parameters, index: index, step: 1e-4)
    }
    let largest = differences.map(abs).max()!
    #expect(largest > 1e-3)
    for (index, difference) in zip(Self.checkedIndices, differences) {
      #expect(
        isClose(Double(gradient[index]), difference, relative: 1e-4, absolute: 1e-5 * largest),
        "parameter \(index): \(gradient[index]) vs \(difference)")
    }
  }

  /// Two threads sum the gradients of the two halves: the same gradient as one thread up to
  /// Float rounding (1e-5 of the largest entry) and the same loss (relative 1e-6).
  @Test(arguments: Objective.allCases)
  func twoThreadsGiveOneThreadsGradient(objective: Objective) throws {
    let network = try Self.network(seed: 32)
    let batch = Self.batch
    let results = [1, 2].map { threads in
      network.lossAndGradient(
        objective: objective, points: batch.points, noiseLevels: batch.noiseLevels,
        noise: batch.noise, directions: batch.directions, targets: batch.targets,
        threadCount: threads)
    }
    #expect(isClose(Double(results[0].loss), Double(results[1].loss), relative: 1e-6))
    let largest = results[0].gradient.map { abs(Double($0)) }.max()!
    let worst = zip(results[0].gradient, results[1].gradient).map { abs(Double($0 - $1)) }.max()!
    #expect(worst <= 1e-5 * largest)
  }
}
