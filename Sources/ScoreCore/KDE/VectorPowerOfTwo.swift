// 2^t for eight Doubles at once, the inner cost of every exact KDE sum.

/// 2^t lane by lane for t ≤ 0, to 3·10⁻¹⁴ relative; lanes below −1022 give 2⁻¹⁰²².
///
/// t = n + f with n = round(t) (by adding and subtracting 1.5·2⁵²) and |f| ≤ ½, 2^f from the
/// degree-9 polynomial interpolating it at the Chebyshev nodes of [−½, ½] (remainder ≤
/// (ln 2)¹⁰·√2/(10!·2⁹·2¹⁰) ≈ 1.9·10⁻¹⁴, ≤ 2.7·10⁻¹⁴ relative to 2^f ≥ 1/√2; measured
/// 1.8·10⁻¹⁴ in 40-digit arithmetic with the coefficients rounded to Double), and 2ⁿ built
/// from its bit pattern. Lanes below −1022 are clamped there so that 2ⁿ stays a normal
/// number: such a term is below 2⁻¹⁰²² of a sum that holds a term 1, so the clamp changes no
/// sum. Working in base 2 saves the two-step ln 2 reduction of e^z: the caller folds log₂ e
/// into its scale factor, and an error of u in t is a relative error of u·ln 2 in the term,
/// harmless for the small terms whose large |t| carries the larger rounding error. t up to
/// 1023 works too (a caller whose shift is a rounding short of the minimum), larger t does not.
@inline(__always)
func negativePowerOfTwo(_ t: SIMD8<Double>) -> SIMD8<Double> {
  var clamped = t
  clamped.replace(with: -1022, where: t .< -1022)
  let shifter = SIMD8<Double>(repeating: 6_755_399_441_055_744)
  let shifted = clamped + shifter
  let fraction = clamped - (shifted - shifter)
  // Horner over the interpolant's coefficients, degree 9 down to 0.
  var p = SIMD8<Double>(repeating: 1.0205905413765595e-07)
  p = SIMD8(repeating: 1.325964524488711e-06).addingProduct(p, fraction)
  p = SIMD8(repeating: 1.5252672924850737e-05).addingProduct(p, fraction)
  p = SIMD8(repeating: 0.0001540343375125101).addingProduct(p, fraction)
  p = SIMD8(repeating: 0.0013333558200794592).addingProduct(p, fraction)
  p = SIMD8(repeating: 0.009618129193934313).addingProduct(p, fraction)
  p = SIMD8(repeating: 0.05550410866465167).addingProduct(p, fraction)
  p = SIMD8(repeating: 0.2402265069564034).addingProduct(p, fraction)
  p = SIMD8(repeating: 0.6931471805599462).addingProduct(p, fraction)
  p = SIMD8(repeating: 1.0000000000000135).addingProduct(p, fraction)
  let exponentBits =
    (unsafeBitCast(shifted, to: SIMD8<Int64>.self)
      &+ SIMD8(repeating: 1023 &- Int64(bitPattern: (6_755_399_441_055_744.0).bitPattern))) &<< 52
  return p * unsafeBitCast(exponentBits, to: SIMD8<Double>.self)
}
