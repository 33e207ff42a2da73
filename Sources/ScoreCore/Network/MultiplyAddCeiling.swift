// The instruction set the kernels were built for, and that set's float32 multiply-add ceiling.

import Dispatch

/// What the matrix kernels of this build use, and how fast this core can multiply and add.
///
/// The ceiling is measured as `../shared/docs/SPEED-NOTES.md` does: twelve independent chains
/// of fused multiply-adds on the build's widest vectors, no loads or stores, so that only the
/// floating-point ports limit the rate. Twelve chains cover the latency (4 cycles) times the
/// ports (2) with room to spare and need only 12 registers: 12 of AVX-512's 32 zmm, 12 of
/// AVX2's 16 ymm, 24 of NEON's 32 q registers.
///
/// ```
/// let flop = MultiplyAddCeiling.run(iterations: 10_000_000)  // time this call
/// print(MultiplyAddCeiling.kernelDescription, flop)
/// ```
public enum MultiplyAddCeiling {
  #if SCOREVIZ_AVX512 && !arch(arm64)
    /// The vector type of one chain: 16 floats, one zmm register.
    typealias Vector = SIMD16<Float>
    /// The instruction set the kernels target.
    public static let instructionSet = "AVX-512"
  #else
    /// The vector type of one chain: 8 floats, one ymm register (two q registers on NEON).
    typealias Vector = SIMD8<Float>
    #if arch(arm64)
      /// The instruction set the kernels target.
      public static let instructionSet = "NEON"
    #else
      /// The instruction set the kernels target.
      public static let instructionSet = "AVX2 + FMA"
    #endif
  #endif

  /// The kernels' tile and vector width, e.g. `AVX-512: 6 × 64 tile, 16-float vectors`.
  public static var kernelDescription: String {
    "\(instructionSet): 6 × \(TargetTileRow.columns) tile, \(Vector.scalarCount)-float vectors"
  }

  /// Floating-point operations per iteration of `run`: 12 chains, 2 per multiply-add lane.
  public static var flopPerIteration: Int { 12 * 2 * Vector.scalarCount }

  /// Runs `iterations` rounds of 12 independent vector multiply-adds and returns the
  /// floating-point operations done (`iterations × flopPerIteration`).
  ///
  /// The chains decay towards a fixed point (c ← 0.999·c + 0.001), so no value overflows
  /// however long it runs, and their sum is checked so the compiler cannot drop the loop.
  @inline(never)
  public static func run(iterations: Int) -> Double {
    let factor = Vector(repeating: 0.999)
    let offset = Vector(repeating: 0.001)
    var c0 = Vector(repeating: 1)
    var c1 = Vector(repeating: 2)
    var c2 = Vector(repeating: 3)
    var c3 = Vector(repeating: 4)
    var c4 = Vector(repeating: 5)
    var c5 = Vector(repeating: 6)
    var c6 = Vector(repeating: 7)
    var c7 = Vector(repeating: 8)
    var c8 = Vector(repeating: 9)
    var c9 = Vector(repeating: 10)
    var c10 = Vector(repeating: 11)
    var c11 = Vector(repeating: 12)
    for _ in 0..<iterations {
      c0 = offset.addingProduct(c0, factor)
      c1 = offset.addingProduct(c1, factor)
      c2 = offset.addingProduct(c2, factor)
      c3 = offset.addingProduct(c3, factor)
      c4 = offset.addingProduct(c4, factor)
      c5 = offset.addingProduct(c5, factor)
      c6 = offset.addingProduct(c6, factor)
      c7 = offset.addingProduct(c7, factor)
      c8 = offset.addingProduct(c8, factor)
      c9 = offset.addingProduct(c9, factor)
      c10 = offset.addingProduct(c10, factor)
      c11 = offset.addingProduct(c11, factor)
    }
    let total = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11))
    precondition(total.sum().isFinite, "the chains stay finite")
    return Double(iterations) * Double(flopPerIteration)
  }

  /// Runs `run(iterations:)` on `threads` threads at once and returns the total operations.
  public static func run(iterations: Int, threads: Int) -> Double {
    precondition(threads >= 1, "at least one thread")
    DispatchQueue.concurrentPerform(iterations: threads) { _ in _ = run(iterations: iterations) }
    return Double(threads) * Double(iterations) * Double(flopPerIteration)
  }
}
