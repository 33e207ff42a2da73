// The SiLU activation for forward-only evaluation: one exponential and one division per lane.

/// φ(h) = h·sigmoid(h) = h/(1 + e^(−h)), sixteen lanes at a time, for the evaluator's forward
/// pass (training keeps `SiLU`, which also gives the derivatives).
///
/// e^(−h) = 2^t with t = −h·log₂e clamped to [−125, 126]: t = n + f with n = round(t) and
/// |f| ≤ ½, 2^f by a degree-5 minimax polynomial (relative error below 2.1·10⁻⁷ in Float),
/// 2ⁿ added to the exponent bits. Rounding t costs a further relative error of |h|·6·10⁻⁸ in
/// e^(−h), and that reaches φ only through the factor e^(−h)/(1 + e^(−h)) < 1, so
/// |φ̂ − φ| ≤ (4·10⁻⁷ + 10⁻⁷·|h|)·|φ| + 10⁻³⁷·|h| for every finite h: the clamp changes only
/// the exponential of h < −87.3 (where both φ̂ and φ are below 1.2·10⁻³⁸·|h|) and of h > 86.6
/// (where 1 + e^(−h) rounds to 1 anyway).
enum FastSiLU {
  /// 2^t for t in [−125, 126] (inputs outside are clamped), a normal Float.
  @inline(__always)
  static func exp2(_ input: SIMD16<Float>) -> SIMD16<Float> {
    var t = input
    t.replace(with: 126, where: t .> 126)
    t.replace(with: -125, where: t .< -125)
    let shifter = SIMD16<Float>(repeating: 0x1.8p23)
    let shifted = t + shifter
    let f = t - (shifted - shifter)
    var p = SIMD16<Float>(repeating: 0x1.5b2cdcp-10)
    p = SIMD16(repeating: 0x1.3d0f1ap-7).addingProduct(p, f)
    p = SIMD16(repeating: 0x1.c6b8b4p-5).addingProduct(p, f)
    p = SIMD16(repeating: 0x1.ebf922p-3).addingProduct(p, f)
    p = SIMD16(repeating: 0x1.62e428p-1).addingProduct(p, f)
    p = SIMD16(repeating: 1).addingProduct(p, f)
    let exponent = unsafeBitCast(shifted, to: SIMD16<UInt32>.self) &<< 23
    let scaled = unsafeBitCast(p, to: SIMD16<UInt32>.self) &+ exponent
    return unsafeBitCast(scaled, to: SIMD16<Float>.self)
  }

  /// φ(h) = h/(1 + e^(−h)); see the type's error bound.
  @inline(__always)
  static func value(_ h: SIMD16<Float>) -> SIMD16<Float> {
    h / (1 + exp2(h * -1.442_695_04))
  }
}
