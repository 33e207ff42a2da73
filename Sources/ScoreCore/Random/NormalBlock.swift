// Sixteen Box–Muller pairs at once, in Float with polynomial logarithm, sine and cosine.

/// 32 standard normal values from 16 random words: `cosines[l]` = r·cos θ and
/// `sines[l]` = r·sin θ for word l.
///
/// For a word w with high half k₁ and low half k₂ (32 bits each):
/// - radius: u = (k₁ + ½)·2⁻³² ∈ (0, 1] (the sum rounded to Float), r = √(−2 ln u). ln is
///   computed as ln m + n·ln 2 with m ∈ [√½, √2), ln m = z·q(z) for z = m − 1 and q a degree-8
///   minimax polynomial (absolute error below 5·10⁻⁸, relative below 1.7·10⁻⁷);
/// - angle: the top two bits of k₂ pick the quadrant q, the other 30 give v ∈ [−½, ½), and
///   θ = q·π/2 + πv/2, uniform on a full turn. sin(πv/2) = v·S(v²) and cos(πv/2) = C(v²) with
///   minimax polynomials of degrees 7 and 8 in v (errors below 10⁻⁷ and 6·10⁻⁸); the quadrant
///   turns (cos, sin) by swapping and sign flips on the bits, which are exact.
///
/// Lanes at or past `words` draw nothing and hold the values of an all-zero word (never used).
struct NormalBlock {
  /// r·cos θ for each word.
  let cosines: SIMD16<Float>
  /// r·sin θ for each word.
  let sines: SIMD16<Float>

  /// Draws `words` (1…16) words from `rng`, lane by lane.
  @inline(__always)
  init<Generator: RandomNumberGenerator>(words: Int, from rng: inout Generator) {
    var high = SIMD16<UInt32>()
    var low = SIMD16<UInt32>()
    for lane in 0..<words {
      let word = rng.next()
      high[lane] = UInt32(truncatingIfNeeded: word &>> 32)
      low[lane] = UInt32(truncatingIfNeeded: word)
    }
    let radius = squareRoot16(-2 * Self.logarithmOfUnit(high))
    let quadrant = low &>> 30
    let fraction = SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: low & 0x3FFF_FFFF))
    let position = SIMD16<Float>(repeating: -0.5).addingProduct(
      fraction, SIMD16(repeating: 0x1p-30))
    let square = position * position
    var sine = SIMD16<Float>(repeating: -0.004_624_505)
    sine = SIMD16(repeating: 0.079_688_28).addingProduct(sine, square)
    sine = SIMD16(repeating: -0.645_964_1).addingProduct(sine, square)
    sine = SIMD16(repeating: 1.570_796_4).addingProduct(sine, square)
    sine *= position
    var cosine = SIMD16<Float>(repeating: 0.000_906_896_3)
    cosine = SIMD16(repeating: -0.020_861_56).addingProduct(cosine, square)
    cosine = SIMD16(repeating: 0.253_669_41).addingProduct(cosine, square)
    cosine = SIMD16(repeating: -1.233_700_5).addingProduct(cosine, square)
    cosine = SIMD16(repeating: 1).addingProduct(cosine, square)
    let swapped = SIMD16<UInt32>() &- (quadrant & 1)
    let cosineBits = unsafeBitCast(cosine, to: SIMD16<UInt32>.self)
    let sineBits = unsafeBitCast(sine, to: SIMD16<UInt32>.self)
    let xSign = ((quadrant ^ (quadrant &>> 1)) & 1) &<< 31
    let ySign = (quadrant &>> 1) &<< 31
    let x = (cosineBits & ~swapped | sineBits & swapped) ^ xSign
    let y = (sineBits & ~swapped | cosineBits & swapped) ^ ySign
    cosines = radius * unsafeBitCast(x, to: SIMD16<Float>.self)
    sines = radius * unsafeBitCast(y, to: SIMD16<Float>.self)
  }

  /// ln((k + ½)·2⁻³²) for each lane, always ≤ 0.
  ///
  /// With v = k + ½ rounded to Float, v = m·2ᵉ with m ∈ [√½, √2), found from v's bits after
  /// subtracting those of √½; then ln u = z·q(z) + (e − 32)·ln 2 with z = m − 1. Since
  /// v ≤ 2³², e ≤ 32, and e = 32 only with m ≤ 1, so the result is never positive.
  @inline(__always)
  static func logarithmOfUnit(_ k: SIMD16<UInt32>) -> SIMD16<Float> {
    let v = SIMD16<Float>(k) + 0.5
    let offset = unsafeBitCast(v, to: SIMD16<UInt32>.self) &- 0x3F35_04F3
    let exponent = SIMD16<Float>(unsafeBitCast(offset, to: SIMD16<Int32>.self) &>> 23) - 32
    let mantissa = unsafeBitCast((offset & 0x007F_FFFF) &+ 0x3F35_04F3, to: SIMD16<Float>.self)
    let z = mantissa - 1
    var q = SIMD16<Float>(repeating: 0.086_741_46)
    q = SIMD16(repeating: -0.143_389_25).addingProduct(q, z)
    q = SIMD16(repeating: 0.149_608_24).addingProduct(q, z)
    q = SIMD16(repeating: -0.165_690_26).addingProduct(q, z)
    q = SIMD16(repeating: 0.199_566_75).addingProduct(q, z)
    q = SIMD16(repeating: -0.250_016_33).addingProduct(q, z)
    q = SIMD16(repeating: 0.333_341_66).addingProduct(q, z)
    q = SIMD16(repeating: -0.499_999_94).addingProduct(q, z)
    q = SIMD16(repeating: 1).addingProduct(q, z)
    let logMantissa = z * q
    return logMantissa.addingProduct(exponent, SIMD16(repeating: 0.693_359_375))
      .addingProduct(exponent, SIMD16(repeating: -2.121_944_4e-4))
  }
}
