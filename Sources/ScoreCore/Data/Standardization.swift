// Per-axis z-scores, and how densities and scores carry across that change of units.

import Foundation

/// The reversible affine map z = (x − mean) ⊘ scale, applied per axis.
///
/// Models train on standardised points z; results are shown in data units x. The map is a
/// bijection (every scale is positive), so `destandardize(standardize(x)) == x` up to
/// rounding, and it carries densities and scores along:
///
/// - density: p_X(x) = p_Z(z) / (scale_x · scale_y), so
///   log p_X(x) = log p_Z(z) − log(scale_x · scale_y);
/// - score (chain rule, ∂z/∂x = diag(1/scale)): ∇ₓ log p_X(x) = ∇_z log p_Z(z) ⊘ scale,
///   and back: ∇_z log p_Z(z) = ∇ₓ log p_X(x) ⊙ scale.
///
/// Codable so that a model file can store the map it was trained under.
public struct Standardization: Sendable, Codable, Equatable {
  /// The per-axis mean subtracted.
  public var mean: SIMD2<Double>
  /// The per-axis divisor; always positive.
  public var scale: SIMD2<Double>

  /// The map with the given mean and scale; every scale must be positive and finite.
  public init(mean: SIMD2<Double>, scale: SIMD2<Double>) {
    precondition(all(scale .> 0) && scale.x.isFinite && scale.y.isFinite, "scale must be positive and finite")
    self.mean = mean
    self.scale = scale
  }

  /// The map that leaves points unchanged (mean 0, scale 1).
  public static let identity = Standardization(mean: .zero, scale: .one)

  /// Fits the map to `points`: the per-axis sample mean and sample standard deviation.
  ///
  /// mean = (1/N) Σ xᵢ; scale² = Σ (xᵢ − mean)² / (N − 1) per axis. An axis whose standard
  /// deviation is 0 (all values equal, or N = 1) gets scale 1 so that the map stays
  /// invertible; an empty set gives the identity.
  public init(fitting points: [SIMD2<Double>]) {
    guard !points.isEmpty else {
      self = .identity
      return
    }
    var sum = SIMD2<Double>.zero
    for point in points { sum += point }
    let mean = sum / Double(points.count)
    var squares = SIMD2<Double>.zero
    for point in points {
      let deviation = point - mean
      squares.addProduct(deviation, deviation)
    }
    let variance = points.count > 1 ? squares / Double(points.count - 1) : .zero
    var scale = variance.squareRoot()
    scale.replace(with: .one, where: .!(scale .> 0))
    self.init(mean: mean, scale: scale)
  }

  /// z = (x − mean) ⊘ scale.
  @inlinable
  public func standardize(_ point: SIMD2<Double>) -> SIMD2<Double> {
    (point - mean) / scale
  }

  /// x = mean + z ⊙ scale, the inverse of `standardize(_:)`.
  @inlinable
  public func destandardize(_ point: SIMD2<Double>) -> SIMD2<Double> {
    mean.addingProduct(point, scale)
  }

  /// `standardize(_:)` applied to every point.
  public func standardize(_ points: [SIMD2<Double>]) -> [SIMD2<Double>] {
    points.map { standardize($0) }
  }

  /// `destandardize(_:)` applied to every point.
  public func destandardize(_ points: [SIMD2<Double>]) -> [SIMD2<Double>] {
    points.map { destandardize($0) }
  }

  /// A score in data units from one in standardised units: ∇ₓ log p_X(x) = ∇_z log p_Z(z) ⊘ scale.
  @inlinable
  public func dataScore(fromStandardized score: SIMD2<Double>) -> SIMD2<Double> {
    score / scale
  }

  /// A score in standardised units from one in data units: ∇_z log p_Z(z) = ∇ₓ log p_X(x) ⊙ scale.
  @inlinable
  public func standardizedScore(fromData score: SIMD2<Double>) -> SIMD2<Double> {
    score * scale
  }

  /// log p_X(x) from log p_Z(z): subtracts log(scale_x · scale_y), the log-Jacobian of the map.
  @inlinable
  public func dataLogDensity(fromStandardized logDensity: Double) -> Double {
    logDensity - log(scale.x * scale.y)
  }
}
