// The SiLU activation and its first two derivatives, sixteen lanes at a time.

/// φ(h) = h·sigmoid(h) and the derivatives the network's backward passes need.
///
/// With s = 1/(1 + e^(−h)): φ = h·s, φ′ = s·(1 + h·(1 − s)),
/// φ″ = s·(1 − s)·(2 + h·(1 − 2s)). The exponential is a vectorised polynomial with relative
/// error below 2·10⁻⁷ on its clamped range [−87, 88], where e^x is a normal Float.
enum SiLU {
  /// e^x for each lane; inputs are clamped to [−87, 88].
  ///
  /// x = n·ln 2 + r with n = round(x/ln 2) and |r| ≤ ln 2/2, e^r by its degree-7 Taylor
  /// polynomial (truncation 5·10⁻⁹), 2ⁿ built in the exponent bits.
  @inline(__always)
  static func exponential(_ input: SIMD16<Float>) -> SIMD16<Float> {
    var x = input
    x.replace(with: 88, where: x .> 88)
    x.replace(with: -87, where: x .< -87)
    let shifter = SIMD16<Float>(repeating: 0x1.8p23)
    let shifted = shifter.addingProduct(x, SIMD16(repeating: 1.442_695_04))
    let n = shifted - shifter
    var r = x.addingProduct(n, SIMD16(repeating: -0.693_359_375))
    r = r.addingProduct(n, SIMD16(repeating: 2.121_944_4e-4))
    var p = SIMD16<Float>(repeating: 1.0 / 5040)
    p = SIMD16(repeating: 1.0 / 720).addingProduct(p, r)
    p = SIMD16(repeating: 1.0 / 120).addingProduct(p, r)
    p = SIMD16(repeating: 1.0 / 24).addingProduct(p, r)
    p = SIMD16(repeating: 1.0 / 6).addingProduct(p, r)
    p = SIMD16(repeating: 0.5).addingProduct(p, r)
    p = SIMD16(repeating: 1).addingProduct(p, r)
    p = SIMD16(repeating: 1).addingProduct(p, r)
    let shiftedBits = unsafeBitCast(shifted, to: SIMD16<UInt32>.self)
    let exponentBits = (shiftedBits &- 0x4B40_0000 &+ 127) &<< 23
    return p * unsafeBitCast(exponentBits, to: SIMD16<Float>.self)
  }

  /// sigmoid(h) = 1/(1 + e^(−h)).
  @inline(__always)
  static func sigmoid(_ h: SIMD16<Float>) -> SIMD16<Float> {
    1 / (1 + exponential(-h))
  }

  /// φ′(h) given s = sigmoid(h).
  @inline(__always)
  static func slope(_ h: SIMD16<Float>, sigmoid s: SIMD16<Float>) -> SIMD16<Float> {
    s * SIMD16<Float>(repeating: 1).addingProduct(h, 1 - s)
  }

  /// φ″(h) given s = sigmoid(h).
  @inline(__always)
  static func curvature(_ h: SIMD16<Float>, sigmoid s: SIMD16<Float>) -> SIMD16<Float> {
    let bend = SIMD16<Float>(repeating: 2).addingProduct(h, 1 - 2 * s)
    return s * (1 - s) * bend
  }
}
