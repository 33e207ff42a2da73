// FieldCache: heat-map densities in data units, arrows against the KDE truth, and the caches.

import Foundation
import ScoreCore
import ScoreEngine
import ScoreTestSupport
import Testing

@Suite struct FieldCacheTests {
  /// An engine after two epochs on 100 moons points, so the learned field is not the initial one.
  static func trainedEngine() -> TrainingEngine {
    let engine = TrainingEngine(data: EngineTestData.moons(), settings: EngineTestData.settings)
    engine.trainSynchronously(steps: 16)
    return engine
  }

  /// A tiling of the data's bounding box grown by `padding` data units.
  static func grid(_ snapshot: EngineSnapshot, columns: Int, rows: Int, padding: Double = 0.6) -> TileGrid {
    TileGrid(
      box: PlotBox.bounding(snapshot.data.dataset.points, padding: padding),
      size: GridSize(columns: columns, rows: rows))
  }

  /// log p(z) of the standardised points at bandwidth h, by log-sum-exp in Double.
  static func logDensity(_ points: [SIMD2<Double>], bandwidth h: Double, at z: SIMD2<Double>) -> Double {
    let exponents = points.map { p in -((p - z) * (p - z)).sum() / (2 * h * h) }
    let largest = exponents.max()!
    let sum = exponents.reduce(0.0) { $0 + exp($1 - largest) }
    return largest + log(sum) - log(Double(points.count) * 2 * Double.pi * h * h)
  }

  /// z = (x − mean)/scale, written out rather than taken from `Standardization`.
  static func standardize(_ x: SIMD2<Double>, _ s: Standardization) -> SIMD2<Double> {
    SIMD2((x.x - s.mean.x) / s.scale.x, (x.y - s.mean.y) / s.scale.y)
  }

  @Test func dataUnitDensityIsTheKDEGrid() {
    let snapshot = Self.trainedEngine().snapshot
    let points = snapshot.data.dataset.points
    let h = 0.2
    let grid = Self.grid(snapshot, columns: 12, rows: 8)
    var layers = FieldCache()
    let values = layers.density(snapshot, grid: grid, bandwidth: .dataUnits(h))
    let kde = GaussianKDE(points: points, bandwidth: h)
    #expect(values == kde.densityGrid(over: grid.box, columns: 12, rows: 8).values)
    // And against the formula: the grid's documented bound is 5e-4 relative where p ≥ 1e-3·max.
    let exact = grid.centres.map { exp(Self.logDensity(points, bandwidth: h, at: $0)) }
    let largest = exact.max()!
    for k in exact.indices where exact[k] >= 1e-3 * largest {
      #expect(abs(values[k] - exact[k]) <= 5e-4 * exact[k], "tile \(k)")
    }
  }

  @Test func lockedDensityIsTheStandardisedKDEOverTheScales() throws {
    let snapshot = Self.trainedEngine().snapshot
    let s = snapshot.data.standardization
    let standardized = snapshot.data.dataset.points.map { Self.standardize($0, s) }
    let sigma: Float = 0.3
    let grid = Self.grid(snapshot, columns: 12, rows: 8)
    var layers = FieldCache()
    let values = layers.density(snapshot, grid: grid, bandwidth: .lockedToNoiseLevel(sigma))
    try #require(values.count == 96)
    // p_X(x) = p_Z(z)/(scale_x·scale_y), brute force in Double.
    let exact = grid.centres.map { x in
      exp(Self.logDensity(standardized, bandwidth: Double(sigma), at: Self.standardize(x, s))) / (s.scale.x * s.scale.y)
    }
    let largest = exact.max()!
    var checked = 0
    for k in exact.indices where exact[k] >= 1e-3 * largest {
      checked += 1
      // The grid's bound: 5e-4 relative where p ≥ 1e-3·max.
      #expect(abs(values[k] - exact[k]) <= 5e-4 * exact[k], "tile \(k)")
    }
    #expect(checked > 20)
  }

  @Test func arrowsCompareTheNetworkWithTheKDEScoreAtSigma() throws {
    let snapshot = Self.trainedEngine().snapshot
    let s = snapshot.data.standardization
    let standardized = snapshot.data.dataset.points.map { Self.standardize($0, s) }
    let sigma: Float = 0.3
    let grid = Self.grid(snapshot, columns: 10, rows: 6)
    var layers = FieldCache()
    let arrows = layers.arrows(snapshot, grid: grid, noiseLevel: sigma)
    let centres = grid.centres
    try #require(arrows.truth.count == 60 && arrows.learned.count == 60 && arrows.errors.count == 60)

    // The network evaluated directly at the standardised centres.
    let inputs = centres.flatMap { x -> [Float] in
      let z = Self.standardize(x, s)
      return [Float(z.x), Float(z.y)]
    }
    var outputs = [Float](repeating: 0, count: inputs.count)
    var evaluator = ScoreNetworkEvaluator(network: snapshot.network)
    inputs.withUnsafeBufferPointer { input in
      outputs.withUnsafeMutableBufferPointer { output in
        evaluator.evaluateScores(at: input.baseAddress!, count: 60, noiseLevel: sigma, into: output.baseAddress!)
      }
    }

    var weightedSquaredError = 0.0
    var weightedSquaredTruth = 0.0
    for (k, x) in centres.enumerated() {
      // Truth: ∇ₓ log p_X(x) with log p_X(x) = log p_Z(z(x)) − log(scale_x·scale_y), by
      // central differences in data units (step 1e-5 of a unit-sized field: 1e-6 relative).
      let logDensityInData: ([Double]) -> Double = { v in
        Self.logDensity(standardized, bandwidth: Double(sigma), at: Self.standardize(SIMD2(v[0], v[1]), s))
          - log(s.scale.x * s.scale.y)
      }
      let difference = SIMD2(
        centralDifference(of: logDensityInData, at: [x.x, x.y], index: 0),
        centralDifference(of: logDensityInData, at: [x.x, x.y], index: 1))
      let truthSize = (difference * difference).sum().squareRoot()
      let truthError = arrows.truth[k] - difference
      #expect((truthError * truthError).sum().squareRoot() <= 1e-6 * max(truthSize, 1), "tile \(k)")

      // Learned: the network's standardised score divided by the scales (Float network: 1e-5).
      let learned = SIMD2(Double(outputs[2 * k]) / s.scale.x, Double(outputs[2 * k + 1]) / s.scale.y)
      let learnedError = arrows.learned[k] - learned
      let learnedSize = (learned * learned).sum().squareRoot()
      #expect((learnedError * learnedError).sum().squareRoot() <= 1e-5 * max(learnedSize, 1), "tile \(k)")

      // Error: the length of the difference, from the returned arrays (rounding only).
      let gap = arrows.learned[k] - arrows.truth[k]
      #expect(isClose(arrows.errors[k], (gap * gap).sum().squareRoot(), relative: 1e-12), "tile \(k)")

      // The relative error weighs by p_σ in standardised units, scores also standardised.
      let z = Self.standardize(x, s)
      let weight = exp(Self.logDensity(standardized, bandwidth: Double(sigma), at: z))
      let standardizedGap = gap * s.scale
      let standardizedTruth = arrows.truth[k] * s.scale
      weightedSquaredError += weight * (standardizedGap * standardizedGap).sum()
      weightedSquaredTruth += weight * (standardizedTruth * standardizedTruth).sum()
    }
    // √(Σw‖s − t‖²/Σw‖t‖²); the layer rounds scores to Float first: 1e-5 relative.
    #expect(isClose(arrows.relativeError, (weightedSquaredError / weightedSquaredTruth).squareRoot(), relative: 1e-5))
  }

  @Test func cachedLayersAgreeWithFreshOnesAcrossChanges() {
    let engine = Self.trainedEngine()
    var cached = FieldCache()
    let first = engine.snapshot
    let grid = Self.grid(first, columns: 8, rows: 5)

    let density = cached.density(first, grid: grid, bandwidth: .dataUnits(0.2))
    let arrows = cached.arrows(first, grid: grid, noiseLevel: 0.3)
    #expect(cached.density(first, grid: grid, bandwidth: .dataUnits(0.2)) == density)
    #expect(cached.arrows(first, grid: grid, noiseLevel: 0.3).learned == arrows.learned)

    // Another σ: a different truth and a different learned field.
    let otherSigma = cached.arrows(first, grid: grid, noiseLevel: 0.6)
    #expect(otherSigma.truth != arrows.truth)
    #expect(otherSigma.learned != arrows.learned)
    var fresh = FieldCache()
    #expect(otherSigma.truth == fresh.arrows(first, grid: grid, noiseLevel: 0.6).truth)

    // More training: the learned field moves, the data's density and truth do not.
    engine.trainSynchronously(steps: 8)
    let second = engine.snapshot
    let trainedArrows = cached.arrows(second, grid: grid, noiseLevel: 0.3)
    #expect(trainedArrows.truth == arrows.truth)
    #expect(trainedArrows.learned != arrows.learned)
    fresh = FieldCache()
    #expect(trainedArrows.learned == fresh.arrows(second, grid: grid, noiseLevel: 0.3).learned)
    #expect(cached.density(second, grid: grid, bandwidth: .dataUnits(0.2)) == density)

    // A new point: density and truth follow the data.
    engine.send(.addPoint(SIMD2(0.5, 0.25)))
    engine.trainSynchronously(steps: 0)
    let third = engine.snapshot
    fresh = FieldCache()
    let newDensity = cached.density(third, grid: grid, bandwidth: .dataUnits(0.2))
    #expect(newDensity != density)
    #expect(newDensity == fresh.density(third, grid: grid, bandwidth: .dataUnits(0.2)))
    let cachedTruth = cached.arrows(third, grid: grid, noiseLevel: 0.3).truth
    #expect(cachedTruth == fresh.arrows(third, grid: grid, noiseLevel: 0.3).truth)

    // A locked bandwidth and another grid are new keys too.
    fresh = FieldCache()
    let locked = HeatMapBandwidth.lockedToNoiseLevel(0.3)
    #expect(cached.density(third, grid: grid, bandwidth: locked) == fresh.density(third, grid: grid, bandwidth: locked))
    let wider = Self.grid(third, columns: 9, rows: 5)
    #expect(cached.density(third, grid: wider, bandwidth: locked).count == 45)
  }

  /// The ODE density is the end Gaussian pushed through the flow with the exact trace: at σ_max
  /// it is N(0, (1 + σ_max²)I) in standardised units itself, and below it still integrates to
  /// one whatever the network (a change of variables), up to Heun's error and the box's edge.
  @Test func modelDensityIsTheEndGaussianAtTheTopAndIntegratesToOne() throws {
    let snapshot = Self.trainedEngine().snapshot
    let s = snapshot.data.standardization
    let ladder = snapshot.ladder
    // ±6 standardised units around the mean: the end law N(0, 2I) leaves 2e-5 outside.
    let box = PlotBox(
      xMin: s.mean.x - 6 * s.scale.x, xMax: s.mean.x + 6 * s.scale.x,
      yMin: s.mean.y - 6 * s.scale.y, yMax: s.mean.y + 6 * s.scale.y)
    let grid = TileGrid(box: box, size: GridSize(columns: 60, rows: 60))
    var cache = FieldCache()
    let top = cache.likelihood(snapshot, grid: grid, noiseLevel: ladder.maximum)
    let variance = 1 + Double(ladder.maximum) * Double(ladder.maximum)
    for (value, centre) in zip(top, grid.centres) {
      let z = Self.standardize(centre, s)
      let expected = exp(-(z * z).sum() / (2 * variance)) / (2 * Double.pi * variance * s.scale.x * s.scale.y)
      #expect(isClose(value, expected, relative: 1e-9), "at \(centre)")
    }
    let cellArea = box.width / 60 * box.height / 60
    for level in [2, 5, 9] {
      let values = cache.likelihood(snapshot, grid: grid, noiseLevel: ladder.levels[level])
      #expect(values.allSatisfy { $0.isFinite && $0 >= 0 })
      let mass = values.reduce(0, +) * cellArea
      // Midpoint sums on 60 × 60 cells; at σ_min the density is sharp, so allow 10%.
      #expect(abs(mass - 1) < 0.1, "σ = \(ladder.levels[level]): mass \(mass)")
    }
  }

  @Test func emptyGridGivesEmptyLayers() {
    let snapshot = Self.trainedEngine().snapshot
    var layers = FieldCache()
    let grid = Self.grid(snapshot, columns: 0, rows: 0)
    #expect(layers.density(snapshot, grid: grid, bandwidth: .dataUnits(0.2)).isEmpty)
    let arrows = layers.arrows(snapshot, grid: grid, noiseLevel: 0.3)
    #expect(arrows.learned.isEmpty && arrows.truth.isEmpty && arrows.errors.isEmpty)
    #expect(arrows.relativeError.isNaN)
  }
}
