// SplitMix64, the generator that expands a 64-bit seed into xoshiro256**'s state.

/// SplitMix64 (Steele, Lea & Flood 2014, as in Vigna's `splitmix64.c`): a Weyl sequence
/// with increment 0x9E3779B97F4A7C15 passed through a 64-bit mixing function.
///
/// Its outputs are well mixed even for neighbouring seeds 0, 1, 2, …, which is why
/// xoshiro256**'s authors suggest it to fill their generator's state from one word.
package struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator whose first output mixes `seed` + 0x9E3779B97F4A7C15.
  package init(seed: UInt64) { state = seed }

  /// The next 64 bits.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
