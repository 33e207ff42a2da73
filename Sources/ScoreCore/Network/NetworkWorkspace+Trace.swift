// The two input directions whose forward tangents give the exact trace of the 2-D Jacobian.

extension NetworkWorkspace {
  /// The blocks of a forward pass that carries the trace: the points and two tangents.
  static let traceBlocks = 3

  /// Sets tangent blocks 1 and 2 of `input` to the directions e₁ = (1, 0, 0) and
  /// e₂ = (0, 1, 0) on the first `count` of `rows` rows (the rest, and log σ, stay 0).
  ///
  /// After `forward` with `traceBlocks` blocks, tangent output t of a point is J_f·eₜ, the t-th
  /// column of ∂f/∂x (MATH.md §2: two tangents give the exact 2-D trace).
  func setTraceDirections(count: Int, rows: Int) {
    let x = input.pointer
    x.advanced(by: 3 * rows).update(repeating: 0, count: 2 * rows * 3)
    for point in 0..<count {
      x[3 &* (rows &+ point)] = 1
      x[3 &* (2 &* rows &+ point) &+ 1] = 1
    }
  }

  /// Where ∂f¹/∂x¹ and ∂f²/∂x² of `point` lie in `outputs` after a trace-carrying forward
  /// pass of blocks of `rows` rows: their sum is tr ∂f/∂x.
  @inline(__always)
  static func traceOutputIndices(point: Int, rows: Int) -> (first: Int, second: Int) {
    (2 &* (rows &+ point), 2 &* (2 &* rows &+ point) &+ 1)
  }
}
