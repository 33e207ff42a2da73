// The particles' recent positions, a ring per particle, for the fading trails behind them.

/// The last `length` positions of the first `particleCount` particles, in data units.
///
/// Each call of `record(_:)` appends one position per particle; once `length` positions are
/// held the oldest is overwritten (a ring). Ages count from the newest: age 0 is the latest
/// recorded position, age `recordedCount − 1` the oldest still held; `trail(of:)` lists a
/// particle's positions oldest first, newest last. Non-finite positions are kept as given
/// and skipped when drawn.
///
/// Bounded so that a frame's compose stays within budget: at most `maximumParticles` (256)
/// particles × `maximumLength` (24) positions, 6144 dots; larger requests are clamped.
///
/// ```
/// var trails = ParticleTrails(particleCount: 256, length: 24)
/// trails.record(particles)  // each frame, after the particles moved
/// state.trails = trails
/// ```
public struct ParticleTrails: Sendable {
  /// The most particles a trail is kept for.
  public static let maximumParticles = 256
  /// The most positions a trail holds.
  public static let maximumLength = 24

  /// Particles followed: the first `particleCount` of each recorded array.
  public let particleCount: Int
  /// Positions each trail holds at most.
  public let length: Int
  /// Positions recorded so far, at most `length`.
  public private(set) var recordedCount = 0
  /// `length` slots per particle, particle-major; slot `(newestSlot − age) mod length` is
  /// the position of that age.
  private var positions: [SIMD2<Double>]
  private var newestSlot = -1

  /// Empty trails for the first `particleCount` particles, `length` positions each, both
  /// clamped to 0…`maximumParticles` and 0…`maximumLength`.
  public init(particleCount: Int, length: Int) {
    self.particleCount = min(Self.maximumParticles, max(0, particleCount))
    self.length = min(Self.maximumLength, max(0, length))
    positions = Array(repeating: SIMD2(.nan, .nan), count: self.particleCount * self.length)
  }

  /// No trails.
  public static let empty = ParticleTrails(particleCount: 0, length: 0)

  /// Whether there is no position to draw.
  public var isEmpty: Bool { recordedCount == 0 || particleCount == 0 }

  /// Appends the current positions of the first `particleCount` of `particles` as the
  /// newest; particles missing from a shorter array get a non-finite position (no dot).
  public mutating func record(_ particles: [SIMD2<Double>]) {
    guard length > 0, particleCount > 0 else { return }
    newestSlot = (newestSlot + 1) % length
    recordedCount = min(length, recordedCount + 1)
    let known = min(particleCount, particles.count)
    positions.withUnsafeMutableBufferPointer { slots in
      for particle in 0..<particleCount {
        slots[particle &* length &+ newestSlot] =
          particle < known ? particles[particle] : SIMD2(.nan, .nan)
      }
    }
  }

  /// Forgets every position (after a restart, so no trail jumps across the plot).
  public mutating func removeAll() {
    recordedCount = 0
    newestSlot = -1
    for index in positions.indices { positions[index] = SIMD2(.nan, .nan) }
  }

  /// The position of `particle` recorded `age` records ago (0 = newest); nil when not held.
  public func position(of particle: Int, age: Int) -> SIMD2<Double>? {
    guard particle >= 0, particle < particleCount, age >= 0, age < recordedCount else {
      return nil
    }
    return positions[particle * length + (newestSlot - age + length) % length]
  }

  /// The held positions of `particle`, oldest first, newest last; empty when out of range.
  public func trail(of particle: Int) -> [SIMD2<Double>] {
    guard particle >= 0, particle < particleCount else { return [] }
    return (0..<recordedCount).reversed().compactMap { position(of: particle, age: $0) }
  }
}

extension ParticleTrails: Equatable {
  /// Equal when they follow as many particles, hold as many positions and every trail has
  /// the same positions in the same order (bitwise, so NaN equals NaN), wherever the rings
  /// start.
  public static func == (lhs: ParticleTrails, rhs: ParticleTrails) -> Bool {
    guard lhs.particleCount == rhs.particleCount, lhs.length == rhs.length,
      lhs.recordedCount == rhs.recordedCount
    else { return false }
    for particle in 0..<lhs.particleCount {
      for age in 0..<lhs.recordedCount {
        let a = lhs.position(of: particle, age: age)!
        let b = rhs.position(of: particle, age: age)!
        if a.x.bitPattern != b.x.bitPattern || a.y.bitPattern != b.y.bitPattern { return false }
      }
    }
    return true
  }
}
