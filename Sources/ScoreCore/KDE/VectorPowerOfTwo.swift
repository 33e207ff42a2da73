// 2^t for eight Doubles at once, the inner cost of every exact KDE sum.

/// 2^t lane by lane for t ≤ 0, to about 1e-14 relative; lanes below −1022 give 2⁻¹⁰²².
///
/// t = n + f with n = round(t) (by adding and subtracting 1.5·2⁵²) and |f| ≤ ½, 2^f = e^(f·ln 2)
/// from its Taylor polynomial of degree 11 in f (remainder ≤ (ln 2 / 2)¹² / 12! ≈ 6e-15
/// relative), and 2ⁿ built from its bit pattern. Lanes below −1022 are clamped there so that 2ⁿ
/// stays a normal number: such a term is below 2⁻¹⁰²² of a sum that holds a term 1, so the
/// clamp changes no sum. Working in base 2 saves the two-step ln 2 reduction of e^z: the caller
/// folds log₂ e into its scale factor, and an error of u in t is a relative error of u·ln 2 in
/// the term, harmless for the small terms whose large |t| carries the larger rounding error.
/// Positive t is not handled.
@inline(__always)
func negativePowerOfTwo(_ t: SIMD8<Double>) -> SIMD8<Double> {
  var clamped = t
  clamped.replace(with: -1022, where: t .< -1022)
  let shifter = SIMD8<Double>(repeating: 6_755_399_441_055_744)
  let shifted = clamped + shifter
  let fraction = clamped - (shifted - shifter)
  // Horner over (ln 2)^k / k! for k = 11 … 0.
  var p = SIMD8<Double>(repeating: 4.44553827187081e-10)
  p = SIMD8(repeating: 7.054911620801121e-09).addingProduct(p, fraction)
  p = SIMD8(repeating: 1.0178086009239696e-07).addingProduct(p, fraction)
  p = SIMD8(repeating: 1.3215486790144305e-06).addingProduct(p, fraction)
  p = SIMD8(repeating: 1.5252733804059838e-05).addingProduct(p, fraction)
  p = SIMD8(repeating: 0.00015403530393381606).addingProduct(p, fraction)
  p = SIMD8(repeating: 0.0013333558146428441).addingProduct(p, fraction)
  p = SIMD8(repeating: 0.009618129107628477).addingProduct(p, fraction)
  p = SIMD8(repeating: 0.055504108664821576).addingProduct(p, fraction)
  p = SIMD8(repeating: 0.2402265069591007).addingProduct(p, fraction)
  p = SIMD8(repeating: 0.6931471805599453).addingProduct(p, fraction)
  p = SIMD8(repeating: 1.0).addingProduct(p, fraction)
  let exponentBits =
    (unsafeBitCast(shifted, to: SIMD8<Int64>.self)
      &+ SIMD8(repeating: 1023 &- Int64(bitPattern: (6_755_399_441_055_744.0).bitPattern))) &<< 52
  return p * unsafeBitCast(exponentBits, to: SIMD8<Double>.self)
}
