// The trails' ring keeps the newest positions, oldest first, within its bounds.

import ScoreView
import Testing

@Suite struct ParticleTrailsTests {
  /// After r records into a ring of length L, a trail holds the last min(r, L) positions,
  /// oldest first: record k put x = k for particle 0 and x = 100 + k for particle 1.
  @Test(arguments: [0, 1, 5, 24, 25, 61])
  func ringKeepsTheNewestPositionsOldestFirst(records: Int) {
    var trails = ParticleTrails(particleCount: 2, length: 24)
    for k in 0..<records {
      trails.record([SIMD2(Double(k), 0), SIMD2(100 + Double(k), 0)])
    }
    let held = min(records, 24)
    let expected = (records - held..<records).map { SIMD2(Double($0), 0) }
    #expect(trails.recordedCount == held)
    #expect(trails.trail(of: 0) == expected)
    #expect(trails.trail(of: 1) == expected.map { $0 + SIMD2(100, 0) })
    if records > 0 { #expect(trails.position(of: 0, age: 0) == SIMD2(Double(records - 1), 0)) }
    #expect(trails.position(of: 0, age: held) == nil)
    #expect(trails.trail(of: 2).isEmpty && trails.trail(of: -1).isEmpty)
  }

  /// Requests beyond the caps are clamped to 256 × 24; negative sizes give empty trails
  /// that ignore records.
  @Test func sizesAreBounded() {
    let big = ParticleTrails(particleCount: 1_000_000, length: 1_000)
    #expect(big.particleCount == ParticleTrails.maximumParticles && big.particleCount == 256)
    #expect(big.length == ParticleTrails.maximumLength && big.length == 24)
    var negative = ParticleTrails(particleCount: -3, length: -1)
    negative.record([SIMD2(0, 0)])
    #expect(negative.particleCount == 0 && negative.length == 0 && negative.isEmpty)
  }

  /// Only the first particleCount particles are followed; a shorter array leaves the rest
  /// with a non-finite position.
  @Test func followsTheFirstParticles() throws {
    var trails = ParticleTrails(particleCount: 2, length: 3)
    trails.record([SIMD2(1, 1), SIMD2(2, 2), SIMD2(3, 3)])
    trails.record([SIMD2(4, 4)])
    #expect(trails.trail(of: 0) == [SIMD2(1, 1), SIMD2(4, 4)])
    let missing = try #require(trails.position(of: 1, age: 0))
    #expect(missing.x.isNaN && missing.y.isNaN)
    #expect(trails.position(of: 1, age: 1) == SIMD2(2, 2))
  }

  /// Equality compares the trails in age order, not where the ring happens to start.
  @Test func equalityIgnoresTheRingsStart() {
    var shifted = ParticleTrails(particleCount: 1, length: 2)
    for x in [9.0, 1, 2] { shifted.record([SIMD2(x, 0)]) }
    var fresh = ParticleTrails(particleCount: 1, length: 2)
    for x in [1.0, 2] { fresh.record([SIMD2(x, 0)]) }
    #expect(shifted == fresh)
    fresh.record([SIMD2(3, 0)])
    #expect(shifted != fresh)
    fresh.removeAll()
    #expect(fresh.isEmpty && fresh.trail(of: 0).isEmpty)
  }
}
