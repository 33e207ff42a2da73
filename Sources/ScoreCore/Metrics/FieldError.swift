// How far a model's score field is from a reference field, weighted by density.

/// The error of a score field against a reference at probe points, weighted by density.
///
/// With aᵢ the model's score, bᵢ the reference (the KDE score at h = σ) and wᵢ ≥ 0 the
/// weight (the KDE density p_σ at the probe):
/// - weighted RMS: √( Σᵢ wᵢ‖aᵢ − bᵢ‖² / Σᵢ wᵢ ),
/// - relative: √( Σᵢ wᵢ‖aᵢ − bᵢ‖² / Σᵢ wᵢ‖bᵢ‖² ).
///
/// Sums are in `Double`. With Σwᵢ = 0 (or no probes) both are 0. If Σwᵢ‖bᵢ‖² = 0 the
/// relative error is 0 when the fields agree where weighted and +∞ otherwise.
public struct FieldError: Sendable, Equatable {
  /// √(Σw‖a − b‖² / Σw), in score units.
  public var weightedRMS: Double
  /// √(Σw‖a − b‖² / Σw‖b‖²), dimensionless.
  public var relative: Double

  /// Compares two score arrays at the same probe points.
  ///
  /// - Parameters:
  ///   - model: aᵢ, interleaved (2 floats per probe).
  ///   - reference: bᵢ, interleaved, same count as `model`.
  ///   - weights: wᵢ ≥ 0, one per probe.
  public init<Weight: BinaryFloatingPoint>(model: [Float], reference: [Float], weights: [Weight]) {
    precondition(model.count == reference.count, "model and reference need the same probes")
    precondition(model.count == 2 * weights.count, "one weight per probe")
    var weightSum = 0.0
    var errorSum = 0.0
    var referenceSum = 0.0
    for i in weights.indices {
      let w = Double(weights[i])
      let ax = Double(model[2 * i])
      let ay = Double(model[2 * i + 1])
      let bx = Double(reference[2 * i])
      let by = Double(reference[2 * i + 1])
      let dx = ax - bx
      let dy = ay - by
      weightSum += w
      errorSum += w * (dx * dx + dy * dy)
      referenceSum += w * (bx * bx + by * by)
    }
    weightedRMS = weightSum > 0 ? (errorSum / weightSum).squareRoot() : 0
    if referenceSum > 0 {
      relative = (errorSum / referenceSum).squareRoot()
    } else {
      relative = errorSum > 0 ? .infinity : 0
    }
  }
}
