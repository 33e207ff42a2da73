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

  /// Creates a generator whose whole stream is fixed by `seed`: the state is the first four
  /// outputs of `SplitMix64(seed:)`, as the algorithm's authors suggest.
  public init(seed: UInt64) {
    var splitMix = SplitMix64(seed: seed)
    s0 = splitMix.next()
    s1 = splitMix.next()
    s2 = splitMix.next()
    s3 = splitMix.next()
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

  /// Fills `buffer` with independent N(0, 1) draws: Box–Muller in Float, 32 values from 16
  /// random words.
  ///
  /// Word w gives the radius r = √(−2 ln u) from u = (⌊w/2³²⌋ + ½)·2⁻³² ∈ (0, 1] and the angle
  /// θ from its low 32 bits (`NormalBlock`); a block of 32 values holds r·cos θ of its 16 words,
  /// then r·sin θ. A last partial block of m values draws min(m, 16) words, so a shorter fill
  /// gives the first values of a longer one from the same state. |z| ≤ √(66 ln 2) ≈ 6.77, a
  /// truncation of probability 1.3·10⁻¹¹. `nextNormal()` is a separate Double stream.
  public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>) {
    guard let base = buffer.baseAddress else { return }
    let count = buffer.count
    var start = 0
    while start &+ 32 <= count {
      let block = NormalBlock(words: 16, from: &self)
      UnsafeMutableRawPointer(base + start).storeBytes(of: block.cosines, as: SIMD16<Float>.self)
      UnsafeMutableRawPointer(base + (start &+ 16)).storeBytes(
        of: block.sines, as: SIMD16<Float>.self)
      start &+= 32
    }
    let remaining = count &- start
    guard remaining > 0 else { return }
    let block = NormalBlock(words: min(remaining, 16), from: &self)
    for lane in 0..<remaining {
      base[start &+ lane] = lane < 16 ? block.cosines[lane] : block.sines[lane &- 16]
    }
  }
}
