// A dataset prepared for training: standardised, interleaved Float, and the map back.

/// The points the trainer sees, in standardised units (per-axis z-scores of the data).
///
/// Training and the live view work in these units; headless commands take and give data
/// units through `standardization`.
public struct TrainingData: Sendable {
  /// The dataset in data units.
  public let dataset: Dataset
  /// The z-score map fitted to the dataset (or given).
  public let standardization: Standardization
  /// Standardised points in Double, for the KDE in the network's units.
  public let standardizedPoints: [SIMD2<Double>]
  /// Standardised points as the trainer takes them: x₀, y₀, x₁, y₁, … in Float.
  public let interleaved: [Float]
  /// Scott's bandwidth of the points in data units (0 for fewer than two distinct points),
  /// computed once here so that views do not pass over every point each frame.
  public let scottBandwidth: Double
  /// The bounding box of the points in data units (the unit box when there are none).
  public let bounds: PlotBox

  /// Prepares `dataset` with `standardization`, or with one fitted to its points.
  public init(_ dataset: Dataset, standardization: Standardization? = nil) {
    self.dataset = dataset
    self.standardization = standardization ?? Standardization(fitting: dataset.points)
    standardizedPoints = self.standardization.standardize(dataset.points)
    var values: [Float] = []
    values.reserveCapacity(2 * standardizedPoints.count)
    for point in standardizedPoints {
      values.append(Float(point.x))
      values.append(Float(point.y))
    }
    interleaved = values
    scottBandwidth = BandwidthRule.scott.bandwidth(for: dataset.points)
    bounds = PlotBox.bounding(dataset.points)
  }
}
