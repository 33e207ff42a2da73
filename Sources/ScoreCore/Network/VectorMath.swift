// Small SIMD16<Float> helpers the kernels share: unaligned loads and stores, lane sums, square roots.

import CVectorMemory

/// Loads 16 consecutive floats from `pointer` (no alignment needed).
///
/// Through an always-inline C function rather than `loadUnaligned(as:)`, which the optimiser
/// sometimes leaves as a call inside large kernels (see CVectorMemory).
@inline(__always)
func load16(_ pointer: UnsafePointer<Float>) -> SIMD16<Float> {
  scoreviz_load16(pointer)
}

/// Loads 16 consecutive floats from `pointer` (no alignment needed).
@inline(__always)
func load16(_ pointer: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
  scoreviz_load16(pointer)
}

/// Stores 16 floats at `pointer` (no alignment needed).
@inline(__always)
func store16(_ value: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>) {
  scoreviz_store16(value, pointer)
}

/// The sum of the lanes of two vectors at once: (Σ a, Σ b), by halving shuffles.
@inline(__always)
func laneSums(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD2<Float> {
  let eight = SIMD16(lowHalf: a.lowHalf + a.highHalf, highHalf: b.lowHalf + b.highHalf)
  let four = eight.evenHalf + eight.oddHalf
  let two = four.evenHalf + four.oddHalf
  return two.evenHalf + two.oddHalf
}

/// √x for each lane of a non-negative `x`, to within an ulp or two.
///
/// `SIMD16.squareRoot()` runs lane by lane through the C library here, so this is built
/// from the reciprocal square root: a bit-pattern estimate (error below 3.5%), two Newton
/// steps y ← y·(1.5 − ½x·y²) (relative error below 5·10⁻⁶), then s = x·y refined once by
/// s ← s + ½y·(x − s²), which squares the error to below Float's resolution. Lanes with
/// x = 0 give 0.
@inline(__always)
func squareRoot16(_ x: SIMD16<Float>) -> SIMD16<Float> {
  let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self)
  var y = unsafeBitCast(0x5F37_59DF &- (bits &>> 1), to: SIMD16<Float>.self)
  let half = 0.5 * x
  for _ in 0..<2 { y = y * (1.5 - half * y * y) }
  var s = x * y
  s = s.addingProduct(0.5 * y, x.addingProduct(-s, s))
  s.replace(with: 0, where: x .== 0)
  return s
}
