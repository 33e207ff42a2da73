// Exact log-densities by integrating the probability-flow ODE and its divergence upward in σ.

import Dispatch
import Foundation

/// log p_{σ_min}(x) for a batch of points by the instantaneous change of variables (MATH.md §6).
///
/// Each point follows the probability-flow ODE dx/dσ = F(x, σ) = −σ s(x, σ) from σ_min up to
/// σ_max while the log-density changes by d log p_σ(x(σ))/dσ = −∇·F = σ tr ∇ₓs, so
///
///     log p_{σ_min}(x) = log p_{σ_max}(x(σ_max)) − ∫_{σ_min}^{σ_max} σ tr ∇ₓs(x(σ), σ) dσ.
///
/// The steps are Karras' levels (ρ = 7) in increasing order, dense near σ_min where the field
/// changes fastest. Every step is a full Heun step (an Euler predictor and the trapezoidal
/// corrector, on x and on the integral alike): going up in σ the last level σ_max can be
/// evaluated, so the Euler last step that sampling needs (its σ = 0 cannot be) would only
/// cost the second order. The global error falls about 4× when the steps double. Each step
/// evaluates scores and divergence twice, so a point costs 2·steps evaluations (NFE).
///
/// The state and the integral are kept in Double; the field sees them rounded to Float.
///
/// ```
/// let likelihood = ODELikelihood(
///   minimumNoiseLevel: 0.01, maximumNoiseLevel: 5, steps: 160,
///   endDensity: .gaussian(mean: .zero, variance: .one))
/// let logDensities = likelihood.logDensities(at: points, field: evaluator, threadCount: 2)
/// ```
public struct ODELikelihood: Sendable {
  /// The density p_{σ_max} the paths end in, which supplies log p_{σ_max}(x(σ_max)).
  public enum EndDensity: Sendable {
    /// The Gaussian KDE of these points with h = σ_max: exact when the field is that KDE's
    /// score at h = σ (the data convolved with N(0, σ²I)).
    case kernelDensity(points: [SIMD2<Double>])
    /// N(mean, diag(variance + σ_max²)): the data's mean and per-axis variance widened by the
    /// noise; exact for Gaussian data, close once σ_max exceeds the data's extent.
    case gaussian(mean: SIMD2<Double>, variance: SIMD2<Double>)
    /// A known log p_σ(x), called as `logDensity(x, σ_max)`.
    case exact(logDensity: @Sendable (SIMD2<Double>, Double) -> Double)
  }

  /// The noise levels in the order integrated: σ_min first, σ_max last (steps + 1 levels).
  public let noiseLevels: [Float]
  /// Where the paths end.
  public let endDensity: EndDensity
  /// The KDE at h = σ_max for `.kernelDensity`.
  private let endKDE: GaussianKDE?

  /// Points integrated together by one thread: one batch per field evaluation.
  static let chunkSize = 256

  /// The integration steps (intervals between levels).
  public var stepCount: Int { noiseLevels.count - 1 }

  /// Score-and-divergence evaluations per point: two per Heun step.
  public var evaluationsPerPoint: Int { 2 * stepCount }

  /// The likelihood from σ_min to σ_max in `steps` Heun steps on Karras' levels.
  ///
  /// - Parameters:
  ///   - minimumNoiseLevel: σ_min > 0, the noise level whose density is computed.
  ///   - maximumNoiseLevel: σ_max > σ_min, where `endDensity` takes over.
  ///   - steps: ≥ 1.
  ///   - endDensity: p_{σ_max}; `.kernelDensity` needs at least one point.
  ///   - rho: Karras' ρ > 0.
  public init(
    minimumNoiseLevel: Float, maximumNoiseLevel: Float, steps: Int, endDensity: EndDensity,
    rho: Double = KarrasSteps.defaultRho
  ) {
    precondition(steps >= 1, "at least one step")
    precondition(minimumNoiseLevel > 0 && minimumNoiseLevel < maximumNoiseLevel, "need 0 < σ_min < σ_max")
    noiseLevels = KarrasSteps.levels(
      maximum: maximumNoiseLevel, minimum: minimumNoiseLevel, count: steps + 1, rho: rho
    ).reversed()
    self.endDensity = endDensity
    if case .kernelDensity(let points) = endDensity {
      precondition(!points.isEmpty, "the end KDE needs points")
      endKDE = GaussianKDE(points: points, bandwidth: Double(maximumNoiseLevel))
    } else {
      endKDE = nil
    }
  }

  /// log p_{σ_max}(x) of the end density.
  public func endLogDensity(at point: SIMD2<Double>) -> Double {
    let sigma = Double(noiseLevels[noiseLevels.count - 1])
    switch endDensity {
    case .kernelDensity:
      return endKDE!.logDensity(at: point)
    case .gaussian(let mean, let variance):
      let widened = variance + sigma * sigma
      let offset = point - mean
      return -log(2 * Double.pi) - 0.5 * log(widened.x * widened.y)
        - 0.5 * (offset * offset / widened).sum()
    case .exact(let logDensity):
      return logDensity(point, sigma)
    }
  }

  /// log p_{σ_min}(xᵢ) for each of `points`, in the field's coordinates.
  ///
  /// The points are split into `threadCount` contiguous groups, each integrated by its own
  /// thread with its own copy of `field`; a point's result does not depend on the others, so
  /// it is the same for every thread count (given a field whose batches treat points
  /// independently, as every field in ScoreCore does).
  ///
  /// - Parameters:
  ///   - field: s(x, σ) and tr ∇ₓs(x, σ); copied once per thread.
  ///   - threadCount: ≥ 1.
  ///   - progress: told each chunk's point steps when it is done (`points.count` × the
  ///     steps in all).
  public func logDensities<Field: BatchScoreDivergenceFunction & Sendable>(
    at points: [SIMD2<Double>], field: Field, threadCount: Int, progress: ProgressHandler? = nil
  ) -> [Double] {
    precondition(threadCount >= 1, "at least one thread")
    let count = points.count
    guard count > 0 else { return [] }
    let groups = min(threadCount, count)
    let result = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
    defer { result.deallocate() }
    nonisolated(unsafe) let output = result
    DispatchQueue.concurrentPerform(iterations: groups) { group in
      let start = count * group / groups
      let end = count * (group + 1) / groups
      var groupField = field
      var scratch = Scratch(capacity: Self.chunkSize)
      var chunkStart = start
      while chunkStart < end {
        let chunkEnd = min(end, chunkStart + Self.chunkSize)
        integrate(
          points[chunkStart..<chunkEnd], field: &groupField, scratch: &scratch,
          into: output.baseAddress! + chunkStart)
        progress?((chunkEnd - chunkStart) * stepCount)
        chunkStart = chunkEnd
      }
    }
    return Array(result)
  }

  /// The buffers of one thread's chunk.
  private struct Scratch {
    /// x, interleaved, in Double.
    var state: [Double]
    /// x̃ of the Euler predictor, interleaved.
    var predicted: [Double]
    /// F(x, σ) at the start of the step, interleaved.
    var slope: [Double]
    /// ∫ σ tr ∇ₓs dσ so far, per point.
    var integral: [Double]
    /// The field's input, interleaved.
    var input: [Float]
    /// The field's scores, interleaved.
    var scores: [Float]
    /// The field's divergences.
    var divergences: [Float]

    init(capacity: Int) {
      state = [Double](repeating: 0, count: 2 * capacity)
      predicted = state
      slope = state
      integral = [Double](repeating: 0, count: capacity)
      input = [Float](repeating: 0, count: 2 * capacity)
      scores = input
      divergences = [Float](repeating: 0, count: capacity)
    }
  }

  /// Integrates one chunk of at most `chunkSize` points and writes their log-densities.
  private func integrate<Field: BatchScoreDivergenceFunction>(
    _ points: ArraySlice<SIMD2<Double>>, field: inout Field, scratch: inout Scratch,
    into output: UnsafeMutablePointer<Double>
  ) {
    let count = points.count
    for (offset, point) in points.enumerated() {
      scratch.state[2 * offset] = point.x
      scratch.state[2 * offset + 1] = point.y
      scratch.integral[offset] = 0
    }
    for step in 0..<stepCount {
      let lower = noiseLevels[step]
      let upper = noiseLevels[step + 1]
      let sigmaLower = Double(lower)
      let sigmaUpper = Double(upper)
      let width = sigmaUpper - sigmaLower
      // Predictor: F and σ tr ∇s at (x, σ_lower), x̃ = x + Δσ·F.
      evaluate(&field, at: scratch.state, count: count, noiseLevel: lower, scratch: &scratch)
      for point in 0..<count {
        for axis in 0..<2 {
          let index = 2 &* point &+ axis
          let velocity = -sigmaLower * Double(scratch.scores[index])
          scratch.slope[index] = velocity
          scratch.predicted[index] = scratch.state[index] + width * velocity
        }
        scratch.integral[point] += 0.5 * width * sigmaLower * Double(scratch.divergences[point])
      }
      // Corrector: the trapezoid of F and σ tr ∇s between (x, σ_lower) and (x̃, σ_upper).
      evaluate(&field, at: scratch.predicted, count: count, noiseLevel: upper, scratch: &scratch)
      for point in 0..<count {
        for axis in 0..<2 {
          let index = 2 &* point &+ axis
          let velocity = -sigmaUpper * Double(scratch.scores[index])
          scratch.state[index] += 0.5 * width * (scratch.slope[index] + velocity)
        }
        scratch.integral[point] += 0.5 * width * sigmaUpper * Double(scratch.divergences[point])
      }
    }
    for point in 0..<count {
      let end = SIMD2(scratch.state[2 * point], scratch.state[2 * point + 1])
      output[point] = endLogDensity(at: end) - scratch.integral[point]
    }
  }

  /// Scores and divergences of `field` at the first `count` interleaved points of `positions`.
  @inline(__always)
  private func evaluate<Field: BatchScoreDivergenceFunction>(
    _ field: inout Field, at positions: [Double], count: Int, noiseLevel: Float,
    scratch: inout Scratch
  ) {
    for index in 0..<(2 * count) { scratch.input[index] = Float(positions[index]) }
    scratch.input.withUnsafeBufferPointer { input in
      scratch.scores.withUnsafeMutableBufferPointer { scores in
        scratch.divergences.withUnsafeMutableBufferPointer { divergences in
          field.evaluateScoresAndDivergence(
            at: input.baseAddress!, count: count, noiseLevel: noiseLevel,
            scores: scores.baseAddress!, divergences: divergences.baseAddress!)
        }
      }
    }
  }
}
