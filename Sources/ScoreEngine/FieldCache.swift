// The numbers behind the heat map and the arrows, recomputed only when their inputs change.

import Foundation
import ScoreCore

/// The bandwidth of the heat map's KDE.
public enum HeatMapBandwidth: Sendable, Equatable {
  /// h in data units, for the data in data units.
  case dataUnits(Double)
  /// h = σ in the network's standardised units: the density whose score the network learns.
  case lockedToNoiseLevel(Float)
}

/// A tiling of a box in data units: what the layout asks the engine to fill.
public struct TileGrid: Sendable, Equatable {
  /// The box tiled, in data units.
  public var box: PlotBox
  /// Tiles across and down.
  public var size: GridSize

  /// `size` tiles over `box`.
  public init(box: PlotBox, size: GridSize) {
    self.box = box
    self.size = size
  }

  /// Tiles across.
  public var columns: Int { size.columns }
  /// Tiles down.
  public var rows: Int { size.rows }

  /// Tile centres in data units, bottom row first.
  public var centres: [SIMD2<Double>] { box.cellCentres(columns: size.columns, rows: size.rows) }
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
///
/// Made with a `FieldWorker`, the `latest…` methods never wait for a KDE: the density grid
/// and the KDE truth are computed on the worker's thread, and until the one asked for is
/// ready they give the last one computed for the same data (or nothing). Made without one,
/// they compute in place, as `density` and `arrows` do.
public struct FieldCache {
  /// What a density grid depends on.
  struct DensityKey: Equatable, Sendable {
    var grid: TileGrid
    var bandwidth: HeatMapBandwidth
    var dataVersion: Int
  }
  /// What the KDE truth at the arrows depends on.
  struct TruthKey: Equatable, Sendable {
    var grid: TileGrid
    var noiseLevel: Float
    var dataVersion: Int
  }
  /// What the model's density grid depends on: the network changes every step, so it is
  /// recomputed once per `likelihoodEpochs` epochs.
  struct LikelihoodKey: Equatable, Sendable {
    var grid: TileGrid
    var noiseLevel: Float
    var networkGeneration: Int
    var epochBucket: Int
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
  private var truth: (key: TruthKey, values: KDEScoreTruth)?
  /// `truth`'s scores in data units, for the arrows of the truth and error views.
  private var truthInDataUnits: (key: TruthKey, scores: [SIMD2<Double>])?
  private var learnedKey: LearnedKey?
  private var learnedValues: [SIMD2<Double>] = []
  private var learnedGrid: (grid: TileGrid, standardization: Standardization, centres: [SIMD2<Double>])?
  private var arrowsKey: (learned: LearnedKey, truth: TruthKey?)?
  private var arrowValues = ArrowValues(learned: [], truth: [], errors: [], relativeError: .nan)
  private var likelihoodKey: LikelihoodKey?
  private var likelihoodValues: [Double] = []
  private var evaluator: ScoreNetworkEvaluator?
  private var evaluatorKey: (generation: Int, epoch: Int)?
  private let worker: FieldWorker?

  /// Layers computed in place, when asked for.
  public init() {
    worker = nil
  }

  /// Layers whose KDE parts `worker` computes in the background.
  public init(worker: FieldWorker) {
    self.worker = worker
  }

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
    densityValues = Self.density(of: snapshot.data, key: key)
    return densityValues
  }

  /// The density grid for `grid` and `bandwidth`, without waiting: with a worker, the newest
  /// one it has finished for this snapshot's data (for an earlier h, σ or grid while the one
  /// asked for is computed), or nil before the first; without, `density(_:grid:bandwidth:)`.
  public mutating func latestDensity(
    _ snapshot: EngineSnapshot, grid: TileGrid, bandwidth: HeatMapBandwidth
  ) -> [Double]? {
    guard let worker else { return density(snapshot, grid: grid, bandwidth: bandwidth) }
    let key = DensityKey(grid: grid, bandwidth: bandwidth, dataVersion: snapshot.dataVersion)
    return worker.density(for: key, data: snapshot.data)
  }

  /// The density of `data` for `key`, in data units.
  static func density(of data: TrainingData, key: DensityKey) -> [Double] {
    let grid = key.grid
    guard grid.columns > 0, grid.rows > 0, !data.dataset.points.isEmpty else { return [] }
    switch key.bandwidth {
    case .dataUnits(let h):
      let kde = GaussianKDE(points: data.dataset.points, bandwidth: h)
      return kde.densityGrid(over: grid.box, columns: grid.columns, rows: grid.rows).values
    case .lockedToNoiseLevel(let sigma):
      let s = data.standardization
      let lo = s.standardize(SIMD2(grid.box.xMin, grid.box.yMin))
      let hi = s.standardize(SIMD2(grid.box.xMax, grid.box.yMax))
      let box = PlotBox(xMin: lo.x, xMax: hi.x, yMin: lo.y, yMax: hi.y)
      let kde = GaussianKDE(points: data.standardizedPoints, bandwidth: Double(sigma))
      let jacobian = 1 / (s.scale.x * s.scale.y)
      return kde.densityGrid(over: box, columns: grid.columns, rows: grid.rows).values
        .map { $0 * jacobian }
    }
  }

  /// Epochs between two model density grids: each takes a background thread a fraction of a
  /// second (a 64 × 48 grid, `likelihoodSteps` Heun steps).
  public static let likelihoodEpochs = 20

  /// Heun steps of the model's density grid: its log-density error is about 0.01 nats
  /// (MATH.md §6; the error falls 4× per doubling), far below one colour level of the ramp.
  public static let likelihoodSteps = 40

  /// The model's density p_σ by the probability-flow ODE (MATH.md §6) at the tile centres of
  /// `grid` (data units), bottom row first, computed in place; `latestLikelihood` without a
  /// worker.
  public mutating func likelihood(_ snapshot: EngineSnapshot, grid: TileGrid, noiseLevel: Float) -> [Double] {
    let key = Self.likelihoodKey(snapshot, grid: grid, noiseLevel: noiseLevel)
    if key == likelihoodKey { return likelihoodValues }
    likelihoodKey = key
    likelihoodValues = Self.likelihood(
      network: snapshot.network, ladder: snapshot.ladder, standardization: snapshot.data.standardization,
      key: key)
    return likelihoodValues
  }

  /// The model's density grid without waiting: with a worker, the newest one it finished for
  /// this data and grid (an older network's or σ's while the newest is computed), nil before
  /// the first; without, `likelihood(_:grid:noiseLevel:)`.
  public mutating func latestLikelihood(_ snapshot: EngineSnapshot, grid: TileGrid, noiseLevel: Float) -> [Double]? {
    guard let worker else { return likelihood(snapshot, grid: grid, noiseLevel: noiseLevel) }
    return worker.likelihood(
      for: Self.likelihoodKey(snapshot, grid: grid, noiseLevel: noiseLevel), snapshot: snapshot)
  }

  private static func likelihoodKey(_ snapshot: EngineSnapshot, grid: TileGrid, noiseLevel: Float) -> LikelihoodKey {
    LikelihoodKey(
      grid: grid, noiseLevel: noiseLevel, networkGeneration: snapshot.networkGeneration,
      epochBucket: snapshot.epoch / likelihoodEpochs, dataVersion: snapshot.dataVersion)
  }

  /// p_σ(x) of `network` at the tile centres of `key.grid` for σ = `key.noiseLevel`, in data
  /// units: the ODE from σ up to the ladder's σ_max, ending in N(0, (1 + σ_max²)I) (the
  /// standardised data diffused); at σ_max that Gaussian itself.
  static func likelihood(
    network: ScoreNetwork, ladder: NoiseLadder, standardization: Standardization, key: LikelihoodKey
  ) -> [Double] {
    let grid = key.grid
    guard grid.columns > 0, grid.rows > 0, key.noiseLevel > 0 else { return [] }
    let points = standardization.standardize(grid.centres)
    let logDensities: [Double]
    if key.noiseLevel < ladder.maximum {
      let ode = ODELikelihood(
        minimumNoiseLevel: key.noiseLevel, maximumNoiseLevel: ladder.maximum, steps: likelihoodSteps,
        endDensity: .gaussian(mean: .zero, variance: .one))
      logDensities = ode.logDensities(at: points, field: ScoreNetworkEvaluator(network: network), threadCount: 1)
    } else {
      let variance = 1 + Double(ladder.maximum) * Double(ladder.maximum)
      logDensities = points.map { -log(2 * Double.pi * variance) - ($0 * $0).sum() / (2 * variance) }
    }
    return logDensities.map { value in
      let density = exp(standardization.dataLogDensity(fromStandardized: value))
      return density.isFinite ? density : .nan
    }
  }

  /// The exact KDE score and density at h = σ at the tile centres, in standardised units.
  static func truth(of data: TrainingData, key: TruthKey) -> KDEScoreTruth {
    KDEScoreTruth(
      points: data.standardizedPoints, noiseLevel: key.noiseLevel,
      probes: data.standardization.standardize(key.grid.centres))
  }

  /// The learned field, the KDE truth at h = σ and their errors at the tile centres.
  public mutating func arrows(
    _ snapshot: EngineSnapshot, grid: TileGrid, noiseLevel: Float
  ) -> ArrowValues {
    let key = TruthKey(grid: grid, noiseLevel: noiseLevel, dataVersion: snapshot.dataVersion)
    if truth?.key != key {
      truth = (key, Self.truth(of: snapshot.data, key: key))
    }
    return arrows(snapshot, grid: grid, noiseLevel: noiseLevel, truth: truth)
  }

  /// The arrows without waiting: the learned field now, and with a worker the KDE truth it
  /// has finished for these arrows and this data (for an earlier σ while the one asked for
  /// is computed; the field error only once σ matches), else no truth, no errors and a NaN
  /// field error; without a worker, `arrows(_:grid:noiseLevel:)`.
  public mutating func latestArrows(
    _ snapshot: EngineSnapshot, grid: TileGrid, noiseLevel: Float
  ) -> ArrowValues {
    guard let worker else { return arrows(snapshot, grid: grid, noiseLevel: noiseLevel) }
    let key = TruthKey(grid: grid, noiseLevel: noiseLevel, dataVersion: snapshot.dataVersion)
    return arrows(
      snapshot, grid: grid, noiseLevel: noiseLevel, truth: worker.truth(for: key, data: snapshot.data))
  }

  /// The arrows for the learned field at `noiseLevel` and `truth` (computed for its key, whose
  /// grid must be `grid`), cached until the network, the grid or the truth changes.
  private mutating func arrows(
    _ snapshot: EngineSnapshot, grid: TileGrid, noiseLevel: Float,
    truth: (key: TruthKey, values: KDEScoreTruth)?
  ) -> ArrowValues {
    let s = snapshot.data.standardization
    let learnedKey = LearnedKey(
      grid: grid, noiseLevel: noiseLevel, networkGeneration: snapshot.networkGeneration,
      epoch: snapshot.epoch)
    if let arrowsKey, arrowsKey.learned == learnedKey, arrowsKey.truth == truth?.key {
      return arrowValues
    }
    if learnedGrid?.grid != grid || learnedGrid?.standardization != s {
      learnedGrid = (grid, s, s.standardize(grid.centres))
    }
    let standardized = learnedGrid!.centres
    if learnedKey != self.learnedKey {
      self.learnedKey = learnedKey
      learnedValues = learnedField(snapshot, at: standardized, noiseLevel: noiseLevel)
    }
    let learned = learnedValues.map { s.dataScore(fromStandardized: $0) }
    let matching = truth.flatMap { $0.values.scores.count == learnedValues.count ? $0 : nil }
    var shown: [SIMD2<Double>] = []
    if let matching {
      // The truth changes with σ, the grid or the data, not with every epoch's network.
      if truthInDataUnits?.key != matching.key {
        truthInDataUnits = (
          matching.key, matching.values.scores.map { s.dataScore(fromStandardized: $0) }
        )
      }
      shown = truthInDataUnits?.scores ?? []
    }
    var errors: [Double] = []
    errors.reserveCapacity(shown.count)
    for (a, b) in zip(learned, shown) {
      let d = a - b
      errors.append((d * d).sum().squareRoot())
    }
    var relative = Double.nan
    if let matching, !learnedValues.isEmpty, matching.key.noiseLevel == noiseLevel {
      relative = FieldError(learned: learnedValues, truth: matching.values).relative
    }
    arrowsKey = (learnedKey, truth?.key)
    arrowValues = ArrowValues(learned: learned, truth: shown, errors: errors, relativeError: relative)
    return arrowValues
  }

  /// s_θ(z, σ) at the standardised `points`, from the snapshot's network.
  private mutating func learnedField(
    _ snapshot: EngineSnapshot, at points: [SIMD2<Double>], noiseLevel: Float
  ) -> [SIMD2<Double>] {
    guard !points.isEmpty else { return [] }
    return withNetworkField(snapshot) { $0.scores(at: points, noiseLevel: noiseLevel) }
  }
}
