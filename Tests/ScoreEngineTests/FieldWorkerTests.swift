// FieldCache with a worker: frames never wait, results arrive, and stale data is never shown.

import Foundation
import ScoreCore
import ScoreEngine
import Testing

@Suite struct FieldWorkerTests {
  /// Calls `body` until it gives a value, for at most 20 s.
  static func eventually<T>(_ body: () -> T?) -> T? {
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      if let value = body() { return value }
      Thread.sleep(forTimeInterval: 0.002)
    }
    return nil
  }

  @Test func densityArrivesAndIsTheKDE() throws {
    let engine = FieldCacheTests.trainedEngine()
    let snapshot = engine.snapshot
    let grid = FieldCacheTests.grid(snapshot, columns: 12, rows: 8)
    var layers = FieldCache(worker: FieldWorker())
    let values = try #require(
      Self.eventually { layers.latestDensity(snapshot, grid: grid, bandwidth: .dataUnits(0.2)) })
    // The documented bound of the density grid, 5e-4 where p ≥ 1e-3·max, against the formula.
    let points = snapshot.data.dataset.points
    let exact = grid.centres.map { exp(FieldCacheTests.logDensity(points, bandwidth: 0.2, at: $0)) }
    try #require(values.count == exact.count)
    let largest = exact.max()!
    for k in exact.indices where exact[k] >= 1e-3 * largest {
      #expect(abs(values[k] - exact[k]) <= 5e-4 * exact[k], "tile \(k)")
    }
  }

  @Test func newBandwidthShowsTheLastDensityUntilItsOwnIsReady() throws {
    let snapshot = FieldCacheTests.trainedEngine().snapshot
    let grid = FieldCacheTests.grid(snapshot, columns: 12, rows: 8)
    var layers = FieldCache(worker: FieldWorker())
    let narrow = try #require(
      Self.eventually { layers.latestDensity(snapshot, grid: grid, bandwidth: .dataUnits(0.2)) })
    var reference = FieldCache()
    let wide = reference.density(snapshot, grid: grid, bandwidth: .dataUnits(0.5))
    #expect(wide != narrow)
    // At once: the old grid or (if the worker was quick) the new one, never nothing.
    let first = layers.latestDensity(snapshot, grid: grid, bandwidth: .dataUnits(0.5))
    #expect(first == narrow || first == wide)
    let arrived = Self.eventually {
      layers.latestDensity(snapshot, grid: grid, bandwidth: .dataUnits(0.5)).flatMap { $0 == wide ? $0 : nil }
    }
    #expect(arrived == wide)
  }

  @Test func densityOfReplacedDataIsNeverShown() throws {
    let engine = FieldCacheTests.trainedEngine()
    let before = engine.snapshot
    let grid = FieldCacheTests.grid(before, columns: 12, rows: 8)
    var layers = FieldCache(worker: FieldWorker())
    let old = try #require(
      Self.eventually { layers.latestDensity(before, grid: grid, bandwidth: .dataUnits(0.2)) })
    engine.send(.addPoint(SIMD2(0.5, 0.25)))
    engine.trainSynchronously(steps: 0)
    let after = engine.snapshot
    var reference = FieldCache()
    let new = reference.density(after, grid: grid, bandwidth: .dataUnits(0.2))
    #expect(new != old)
    let first = layers.latestDensity(after, grid: grid, bandwidth: .dataUnits(0.2))
    #expect(first == nil || first == new)
    #expect(Self.eventually { layers.latestDensity(after, grid: grid, bandwidth: .dataUnits(0.2)) } == new)
  }

  @Test func arrowsGetTheirTruthAndFieldError() throws {
    let snapshot = FieldCacheTests.trainedEngine().snapshot
    let grid = FieldCacheTests.grid(snapshot, columns: 8, rows: 5)
    var layers = FieldCache(worker: FieldWorker())
    var reference = FieldCache()
    let expected = reference.arrows(snapshot, grid: grid, noiseLevel: 0.3)
    // Before the truth is ready the learned arrows are there already, without errors.
    let first = layers.latestArrows(snapshot, grid: grid, noiseLevel: 0.3)
    #expect(first.learned == expected.learned)
    #expect(first.truth.isEmpty ? first.relativeError.isNaN : first.truth == expected.truth)
    let arrived = try #require(
      Self.eventually {
        let arrows = layers.latestArrows(snapshot, grid: grid, noiseLevel: 0.3)
        return arrows.truth.isEmpty ? nil : arrows
      })
    #expect(arrived.truth == expected.truth)
    #expect(arrived.errors == expected.errors)
    #expect(arrived.relativeError == expected.relativeError)
  }
}
