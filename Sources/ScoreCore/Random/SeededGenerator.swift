// The seeded random number generator every random path in scoreviz takes as an argument.

import Foundation

/// xoshiro256** (Blackman & Vigna 2018), seeded through SplitMix64.
///
/// A run with the same seed draws the same numbers on every machine: nothing in
/// scoreviz uses the system generator. Period 2²⁵⁶ − 1; passes BigCrush.
///
/// ```
/// var rng = SeededGenerator(seed: 42)
/// let u = rng.nextUniform()      // in [0, 1)
/// let z = rng.nextNormal()       // N(0, 1)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  @usableFromInline var s0, s1, s2, s3: UInt64

  /// Creates a generator whose whole stream is fixed by `seed`.
  public init(seed: UInt64) {
    var splitMix = seed
    func nextSplitMix() -> UInt64 {
      splitMix &+= 0x9E37_79B9_7F4A_7C15
      var z = splitMix
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = nextSplitMix()
    s1 = nextSplitMix()
    s2 = nextSplitMix()
    s3 = nextSplitMix()
  }

  /// The next 64 random bits.
  @inlinable
  public mutating func next() -> UInt64 {
    let result = rotateLeft(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotateLeft(s3, 45)
    return result
  }

  @usableFromInline
  func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// A new generator for a parallel stream (e.g. one per thread), derived from this one.
  public mutating func split() -> SeededGenerator { SeededGenerator(seed: next()) }
}

extension RandomNumberGenerator {
  /// A uniform draw in [0, 1) with 53 random bits.
  @inlinable
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal draw N(0, 1) by the Box–Muller transform.
  ///
  /// Uses 1 − u so that the logarithm never sees 0.
  @inlinable
  public mutating func nextNormal() -> Double {
    let u1 = 1 - nextUniform()
    let u2 = nextUniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// Fills `buffer` with independent N(0, 1) draws, two per Box–Muller pair.
  @inlinable
  public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>) {
    var i = 0
    let n = buffer.count
    while i < n {
      let u1 = 1 - nextUniform()
      let u2 = nextUniform()
      let r = (-2 * log(u1)).squareRoot()
      let angle = 2 * Double.pi * u2
      buffer[i] = Float(r * cos(angle))
      if i + 1 < n { buffer[i + 1] = Float(r * sin(angle)) }
      i += 2
    }
  }
}
