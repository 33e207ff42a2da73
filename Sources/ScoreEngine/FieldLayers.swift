// The numbers behind the heat map and the arrows, recomputed only when their inputs change.

import ScoreCore

/// The bandwidth of the heat map's KDE.
public enum HeatMapBandwidth: Sendable, Equatable {
  /// h in data units, for the data in data units.
  case dataUnits(Double)
  /// h = σ in the network's standardised units: the density whose score the network learns.
  case lockedToNoiseLevel(Float)
}

/// A grid of tiles over a box in data units: what the layout asks the engine to fill.
public struct TileGrid: Sendable, Equatable {
  public var box: PlotBox
  public var columns: Int
  public var rows: Int

  public init(box: PlotBox, columns: Int, rows: Int) {
    self.box = box
    self.columns = columns
    self.rows = rows
  }

  /// Tile centres in data units, bottom row first.
  public var centres: [SIMD2<Double>] { box.cellCentres(columns: max(0, columns), rows: max(0, rows)) }
}

/// The arrow layer's numbers in data units, with the field error against the KDE truth.
public struct ArrowValues: Sendable {
  /// s_θ(x, σ) at each tile centre.
  public var learned: [SIMD2<Double>]
  /// The KDE score at h = σ at each tile centre: the field the network should learn.
  public var truth: [SIMD2<Double>]
  /// ‖learned − truth‖ at each tile centre.
  public var errors: [Double]
  /// √(Σ p_σ‖s − t‖² / Σ p_σ‖t‖²) over the tiles, computed in standardised units.
  public var relativeError: Double
}

/// Computes the density grid and the arrow values, caching each by what it depends on.
///
/// Everything the network sees is in standardised units; results come back in data units
/// (scores by the chain rule, densities divided by the scale's product).
public struct FieldLayers {
  private struct DensityKey: Equatable {
    var grid: TileGrid
    var bandwidth: HeatMapBandwidth
    var dataVersion: Int
  }
  private struct TruthKey: Equatable {
    var grid: TileGrid
    var noiseLevel: Float
    var dataVersion: Int
  }
  private struct LearnedKey: Equatable {
    var grid: TileGrid
    var noiseLevel: Float
    var networkGeneration: Int
    var epoch: Int
  }

  private var densityKey: DensityKey?
  private var densityValues: [Double] = []
  private var truthKey: TruthKey?
  private var truthValues: (scores: [SIMD2<Double>], weights: [Double]) = ([], [])
  private var learnedKey: LearnedKey?
  private var learnedValues: [SIMD2<Double>] = []
  private var evaluator: ScoreNetworkEvaluator?
  private var evaluatorKey: (generation: Int, epoch: Int)?

  public init() {}

  /// Runs `body` with the snapshot network's field, kept in place between calls (its scratch
  /// memory is reused) and rebuilt only when the snapshot's network changes.
  public mutating func withNetworkField<Result>(
    _ snapshot: EngineSnapshot, _ body: (inout ScoreNetworkEvaluator) -> Result
  ) -> Result {
    if evaluatorKey?.generation != snapshot.networkGeneration || evaluatorKey?.epoch != snapshot.epoch
      || evaluator == nil
    {
      evaluator = ScoreNetworkEvaluator(network: snapshot.network, capacity: 512)
      evaluatorKey = (snapshot.networkGeneration, snapshot.epoch)
    }
    return body(&evaluator!)
  }

  /// The KDE density at the tile centres of `grid` (data units), bottom row first.
  public mutating func density(
    _ snapshot: EngineSnapshot, grid: TileGrid, bandwidth: HeatMapBandwidth
  ) -> [Double] {
    let key = DensityKey(grid: grid, bandwidth: bandwidth, dataVersion: snapshot.dataVersion)
    if key == densityKey { return densityValues }
    densityKey = key
    let data = snapshot.data
    guard grid.columns > 0, grid.rows > 0, !data.dataset.points.isEmpty else {
      densityValues = []
      return densityValues
    }
    switch bandwidth {
    case .dataUnits(let h):
      let kde = GaussianKDE(points: data.dataset.points, bandwidth: h)
      densityValues = kde.densityGrid(over: grid.box, columns: grid.columns, rows: grid.rows).values
    case .lockedToNoiseLevel(let sigma):
      let s = data.standardization
      let lo = s.standardize(SIMD2(grid.box.xMin, grid.box.yMin))
      let hi = s.standardize(SIMD2(grid.box.xMax, grid.box.yMax))
      let box = PlotBox(xMin: lo.x, xMax: hi.x, yMin: lo.y, yMax: hi.y)
      let kde = GaussianKDE(points: data.standardizedPoints, bandwidth: Double(sigma))
      let jacobian = 1 / (s.scale.x * s.scale.y)
      densityValues = kde.densityGrid(over: box, columns: grid.columns, rows: grid.rows).values
        .map { $0 * jacobian }
    }
    return densityValues
  }

  /// The learned field, the KDE truth at h = σ and their errors at the tile centres.
  public mutating func arrows(
    _ snapshot: EngineSnapshot, grid: TileGrid, noiseLevel: Float
  ) -> ArrowValues {
    let s = snapshot.data.standardization
    let centres = grid.centres
    let standardized = s.standardize(centres)
    let truthKey = TruthKey(grid: grid, noiseLevel: noiseLevel, dataVersion: snapshot.dataVersion)
    if truthKey != self.truthKey {
      self.truthKey = truthKey
      if standardized.isEmpty || snapshot.data.standardizedPoints.isEmpty {
        truthValues = ([], [])
      } else {
        let kde = GaussianKDE(points: snapshot.data.standardizedPoints, bandwidth: Double(noiseLevel))
        let evaluations = kde.evaluate(at: standardized)
        truthValues = (evaluations.map(\.score), evaluations.map(\.density))
      }
    }
    let learnedKey = LearnedKey(
      grid: grid, noiseLevel: noiseLevel, networkGeneration: snapshot.networkGeneration,
      epoch: snapshot.epoch)
    if learnedKey != self.learnedKey {
      self.learnedKey = learnedKey
      let inputs = standardized.flatMap { [Float($0.x), Float($0.y)] }
      var outputs = [Float](repeating: 0, count: inputs.count)
      if !standardized.isEmpty {
        withNetworkField(snapshot) { field in
          inputs.withUnsafeBufferPointer { input in
            outputs.withUnsafeMutableBufferPointer { output in
              field.evaluateScores(
                at: input.baseAddress!, count: standardized.count, noiseLevel: noiseLevel,
                into: output.baseAddress!)
            }
          }
        }
      }
      learnedValues = (0..<standardized.count).map {
        SIMD2(Double(outputs[2 * $0]), Double(outputs[2 * $0 + 1]))
      }
    }
    let learned = learnedValues.map { s.dataScore(fromStandardized: $0) }
    let truth = truthValues.scores.map { s.dataScore(fromStandardized: $0) }
    var errors: [Double] = []
    errors.reserveCapacity(learned.count)
    for (a, b) in zip(learned, truth) {
      let d = a - b
      errors.append((d * d).sum().squareRoot())
    }
    let relative: Double
    if learnedValues.count == truthValues.scores.count, !learnedValues.isEmpty {
      relative = FieldError(
        model: learnedValues.flatMap { [Float($0.x), Float($0.y)] },
        reference: truthValues.scores.flatMap { [Float($0.x), Float($0.y)] },
        weights: truthValues.weights
      ).relative
    } else {
      relative = .nan
    }
    return ArrowValues(learned: learned, truth: truth, errors: errors, relativeError: relative)
  }
}
