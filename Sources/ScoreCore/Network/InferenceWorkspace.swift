// Scratch memory and the forward-only pass behind ScoreNetworkEvaluator.

import Foundation

/// Everything one evaluator needs to turn points into scores, `capacity` points at a time.
///
/// The pass for a chunk of points, rows padded to a multiple of 8 with zero points, at the
/// padded width W (`NetworkShape.padded`) over L hidden layers:
/// - layer 0 (3 → W): h = b₀ + W₀[:, 0]·x₁ + W₀[:, 1]·x₂ + W₀[:, 2]·log σ, where the last
///   two terms are folded once per call into `inputBias`; a = φ(h);
/// - the hidden layers (W → W): `MatrixKernels.multiply` with bias and φ fused, between two
///   alternating activation buffers;
/// - the output layer (W → 2) fused into the last hidden one (`OutputPartialEpilogue`), or,
///   with one hidden layer, summed from layer 0's activations the same way: per row 32 lane
///   sums, reduced eight rows at a time; s = (f + b_out)/σ is written straight to the caller.
///
/// φ is `FastSiLU`. The panels are built once, in `init`; a call allocates nothing.
final class InferenceWorkspace {
  /// The shape run, a padded one: `parameters` handed to `evaluate` are in its layout.
  let shape: NetworkShape
  /// The padded hidden width.
  let width: Int
  /// Rows per chunk, a multiple of 8.
  let capacity: Int
  /// Transposed weights of every layer but the output layer.
  let panels: WeightPanels
  /// b₀ + W₀[:, 2]·log σ for the current call.
  let inputBias: AlignedFloatBuffer
  /// Activations of the hidden layers, alternating, `capacity` rows of W each.
  let activations: [AlignedFloatBuffer]
  /// The output layer's lane sums, 32 per row.
  let partials: AlignedFloatBuffer

  /// A workspace for a network of `shape` (a padded one) and chunks of up to `capacity` points
  /// (rounded up to a multiple of 8).
  init(shape: NetworkShape, parameters: UnsafePointer<Float>, capacity: Int) {
    precondition(capacity > 0)
    precondition(shape.padded == shape, "the workspace runs a padded shape")
    self.shape = shape
    width = shape.hiddenWidth
    self.capacity = (capacity + 7) / 8 * 8
    panels = WeightPanels(shape: shape)
    inputBias = AlignedFloatBuffer(count: width)
    activations = (0..<min(shape.hiddenLayers, 2)).map { [capacity = self.capacity, width] _ in
      AlignedFloatBuffer(count: capacity * width)
    }
    partials = AlignedFloatBuffer(count: self.capacity * 32)
    panels.update(from: parameters)
  }

  /// Writes s_θ(xᵢ, σ) = f_θ(xᵢ, log σ)/σ for `count` interleaved points into `scores`.
  ///
  /// - Parameter parameters: the flat parameters the panels were built from.
  func evaluate(
    points: UnsafePointer<Float>, count: Int, noiseLevel: Float,
    parameters: UnsafePointer<Float>, into scores: UnsafeMutablePointer<Float>
  ) {
    foldNoiseLevel(log: Float(log(Double(noiseLevel))), parameters: parameters)
    let inverseNoise = 1 / noiseLevel
    var start = 0
    while start < count {
      let chunk = min(capacity, count - start)
      forward(
        points: points + 2 * start, count: chunk, inverseNoise: inverseNoise,
        parameters: parameters, into: scores + 2 * start)
      start += chunk
    }
  }

  /// inputBias = b₀ + W₀[:, 2]·log σ.
  private func foldNoiseLevel(log logNoise: Float, parameters: UnsafePointer<Float>) {
    let weights = UnsafePointer(panels.input.pointer) + 2 * width
    let bias = parameters + shape.biasOffset(layer: 0)
    let scale = SIMD16<Float>(repeating: logNoise)
    var column = 0
    while column < width {
      store16(
        load16(bias + column).addingProduct(load16(weights + column), scale),
        inputBias.pointer + column)
      column &+= 16
    }
  }

  /// One chunk of at most `capacity` points through the whole network.
  private func forward(
    points: UnsafePointer<Float>, count: Int, inverseNoise: Float,
    parameters: UnsafePointer<Float>, into scores: UnsafeMutablePointer<Float>
  ) {
    let rows = (count + 7) / 8 * 8
    let layers = shape.hiddenLayers
    let outputWeights = parameters + shape.weightOffset(layer: layers)
    forwardInputLayer(points: points, count: count, rows: rows)
    if layers == 1 {
      sumOutputPartials(rows: rows, outputWeights: outputWeights)
    } else {
      for layer in 1..<(layers - 1) {
        MatrixKernels.multiply(
          rows: rows, width: width, depth: width, a: activations[(layer - 1) % 2].pointer, rowStride: width,
          depthStride: 1, b: panels.hidden[layer - 1].pointer,
          epilogue: FastActivationEpilogue(
            bias: parameters + shape.biasOffset(layer: layer), activation: activations[layer % 2].pointer))
      }
      MatrixKernels.multiply(
        rows: rows, width: width, depth: width, a: activations[(layers - 2) % 2].pointer, rowStride: width,
        depthStride: 1, b: panels.hidden[layers - 2].pointer,
        epilogue: OutputPartialEpilogue(
          bias: parameters + shape.biasOffset(layer: layers - 1), outputWeights: outputWeights, width: width,
          partials: partials.pointer))
    }
    writeScores(
      count: count, rows: rows, inverseNoise: inverseNoise, parameters: parameters, into: scores)
  }

  /// Layer 0 for `rows` rows; rows at or past `count` see the point (0, 0).
  private func forwardInputLayer(points: UnsafePointer<Float>, count: Int, rows: Int) {
    let width = self.width
    let weights = UnsafePointer(panels.input.pointer)
    let bias = UnsafePointer(inputBias.pointer)
    let activation = activations[0].pointer
    for row in 0..<rows {
      let inside = row < count
      let x1 = SIMD16<Float>(repeating: inside ? points[2 &* row] : 0)
      let x2 = SIMD16<Float>(repeating: inside ? points[2 &* row &+ 1] : 0)
      var column = 0
      while column < width {
        let h = load16(bias + column)
          .addingProduct(load16(weights + column), x1)
          .addingProduct(load16(weights + (width &+ column)), x2)
        store16(FastSiLU.value(h), activation + (row &* width &+ column))
        column &+= 16
      }
    }
  }

  /// The output layer's lane sums (as `OutputPartialEpilogue` leaves them) from layer 0's
  /// activations: the one-hidden-layer network, which has no hidden product to fuse them into.
  private func sumOutputPartials(rows: Int, outputWeights: UnsafePointer<Float>) {
    let width = self.width
    let a = UnsafePointer(activations[0].pointer)
    for row in 0..<rows {
      var first = SIMD16<Float>()
      var second = SIMD16<Float>()
      var column = 0
      while column < width {
        let value = load16(a + (row &* width &+ column))
        first = first.addingProduct(value, load16(outputWeights + column))
        second = second.addingProduct(value, load16(outputWeights + (width &+ column)))
        column &+= 16
      }
      store16(first, partials.pointer + row &* 32)
      store16(second, partials.pointer + (row &* 32 &+ 16))
    }
  }

  /// s = (Σ partials + b_out)/σ for the first `count` of `rows` rows, eight rows at a time.
  private func writeScores(
    count: Int, rows: Int, inverseNoise: Float, parameters: UnsafePointer<Float>,
    into scores: UnsafeMutablePointer<Float>
  ) {
    let biasOffset = shape.biasOffset(layer: shape.hiddenLayers)
    let biasPair = SIMD2(parameters[biasOffset], parameters[biasOffset + 1])
    let bias = SIMD16<Float>(
      lowHalf: SIMD8(
        lowHalf: SIMD4(lowHalf: biasPair, highHalf: biasPair),
        highHalf: SIMD4(lowHalf: biasPair, highHalf: biasPair)),
      highHalf: SIMD8(
        lowHalf: SIMD4(lowHalf: biasPair, highHalf: biasPair),
        highHalf: SIMD4(lowHalf: biasPair, highHalf: biasPair)))
    let scale = SIMD16<Float>(repeating: inverseNoise)
    let sums = UnsafePointer(partials.pointer)
    var row = 0
    while row < rows {
      let values = (Self.reduceEightRows(sums + row &* 32) + bias) * scale
      let filled = min(count &- row, 8)
      if filled == 8 {
        store16(values, scores + 2 &* row)
      } else {
        for lane in 0..<(2 &* filled) { scores[2 &* row &+ lane] = values[lane] }
      }
      row &+= 8
    }
  }

  /// The lane sums of the 16 vectors at `p` (8 rows × 2 outputs): lane 2r + j is output j of
  /// row r, the interleaved layout of the scores.
  ///
  /// A tree of halvings: each level adds the two halves of every group while packing two
  /// vectors into one, so 16 vectors become one in 15 shuffle-and-add steps.
  @inline(__always)
  private static func reduceEightRows(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
    let v0 = halves(load16(p), load16(p + 16))
    let v1 = halves(load16(p + 32), load16(p + 48))
    let v2 = halves(load16(p + 64), load16(p + 80))
    let v3 = halves(load16(p + 96), load16(p + 112))
    let v4 = halves(load16(p + 128), load16(p + 144))
    let v5 = halves(load16(p + 160), load16(p + 176))
    let v6 = halves(load16(p + 192), load16(p + 208))
    let v7 = halves(load16(p + 224), load16(p + 240))
    let w0 = quarters(v0, v1)
    let w1 = quarters(v2, v3)
    let w2 = quarters(v4, v5)
    let w3 = quarters(v6, v7)
    return singles(eighths(w0, w1), eighths(w2, w3))
  }

  /// 2 × 16 lanes → 2 × 8 lane sums: [a₀..₇ + a₈..₁₅, b₀..₇ + b₈..₁₅].
  @inline(__always)
  private static func halves(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(lowHalf: a.lowHalf, highHalf: b.lowHalf)
      + SIMD16(lowHalf: a.highHalf, highHalf: b.highHalf)
  }

  /// Groups of 8 → groups of 4: each group's two halves added, a's groups first.
  @inline(__always)
  private static func quarters(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    let low = SIMD16(
      lowHalf: SIMD8(lowHalf: a.lowHalf.lowHalf, highHalf: a.highHalf.lowHalf),
      highHalf: SIMD8(lowHalf: b.lowHalf.lowHalf, highHalf: b.highHalf.lowHalf))
    let high = SIMD16(
      lowHalf: SIMD8(lowHalf: a.lowHalf.highHalf, highHalf: a.highHalf.highHalf),
      highHalf: SIMD8(lowHalf: b.lowHalf.highHalf, highHalf: b.highHalf.highHalf))
    return low + high
  }

  /// Groups of 4 → groups of 2, by viewing each pair of lanes as one 64-bit lane.
  @inline(__always)
  private static func eighths(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    let a64 = unsafeBitCast(a, to: SIMD8<UInt64>.self)
    let b64 = unsafeBitCast(b, to: SIMD8<UInt64>.self)
    let low = SIMD8(lowHalf: a64.evenHalf, highHalf: b64.evenHalf)
    let high = SIMD8(lowHalf: a64.oddHalf, highHalf: b64.oddHalf)
    return unsafeBitCast(low, to: SIMD16<Float>.self) + unsafeBitCast(high, to: SIMD16<Float>.self)
  }

  /// Groups of 2 → single lanes.
  @inline(__always)
  private static func singles(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(lowHalf: a.evenHalf, highHalf: b.evenHalf)
      + SIMD16(lowHalf: a.oddHalf, highHalf: b.oddHalf)
  }
}
