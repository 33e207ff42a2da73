// Scratch memory and the forward, tangent and backward passes of the score network.

/// Everything one thread needs to run the network on a batch: activations, SiLU
/// derivatives, forward tangents, backward buffers and a parameter gradient.
///
/// Rows are points, `width` floats each (the padded hidden width, see `NetworkShape.padded`),
/// row-major. A batch of `count` points occupies
/// `rows = count` rounded up to a multiple of 8; the padding rows hold zero inputs and zero
/// output gradients, so they never change a gradient. With tangents the rows form `blocks`
/// consecutive blocks of `rows`: block 0 is the points themselves, block t ≥ 1 carries the
/// forward tangent along the t-th input direction (MATH.md §2: two tangents give the exact
/// 2-D trace). Per hidden layer l with pre-activation h and tangent ḣ:
///
/// - forward: a = φ(h), ȧ = φ′(h)·ḣ, kept with φ′(h) and, with tangents, φ″(h)·ḣ;
/// - backward, from ā (primal) and ǡ (tangent) adjoints:
///   h̄ = ā·φ′(h) + Σₜ ǡₜ·φ″(h)·ḣₜ and ḣ̄ₜ = ǡₜ·φ′(h),
///   dW = Σ over all rows of (adjoint)ᵀ·(input row), db = Σ over primal rows only.
///
/// Nothing is allocated after `init`.
final class NetworkWorkspace {
  /// The shape the passes run, a padded one: parameters and gradient are in its layout.
  let shape: NetworkShape
  /// Floats per row of every hidden layer's buffers.
  let width: Int
  /// The number of hidden layers.
  let layers: Int

  /// Rows per block this workspace holds (a multiple of 8).
  let blockCapacity: Int
  /// The most blocks (1 + tangent directions) it holds.
  let maximumBlocks: Int
  /// Inputs: (x₁, x₂, log σ) for primal rows, (v₁, v₂, 0) for tangent rows.
  let input: AlignedFloatBuffer
  /// SiLU outputs of the hidden layers, all blocks.
  let activations: [AlignedFloatBuffer]
  /// φ′(h) of the hidden layers, primal rows.
  let slopes: [AlignedFloatBuffer]
  /// φ″(h) of the hidden layers, primal rows (only with tangents).
  let curvatures: [AlignedFloatBuffer]
  /// φ″(h)·ḣₜ of the hidden layers, tangent blocks (only with tangents).
  let curvatureProducts: [AlignedFloatBuffer]
  /// The two alternating adjoint buffers of the backward pass.
  let adjoints: [AlignedFloatBuffer]
  /// Network outputs f (primal rows) and tangent outputs J_f·v (tangent rows), 2 per row.
  let outputs: AlignedFloatBuffer
  /// ∂loss/∂outputs, laid out as `outputs`.
  let outputGradients: AlignedFloatBuffer
  /// ∂loss/∂parameters from the last `backward`, in `shape.tensors` layout.
  let gradient: AlignedFloatBuffer

  /// A workspace for a network of `shape` (a padded one) and up to `capacity` points with up
  /// to `maximumBlocks − 1` tangents.
  init(shape: NetworkShape, capacity: Int, maximumBlocks: Int) {
    precondition(capacity > 0 && maximumBlocks >= 1)
    precondition(shape.padded == shape, "the workspace runs a padded shape")
    self.shape = shape
    width = shape.hiddenWidth
    layers = shape.hiddenLayers
    let width = self.width
    blockCapacity = (capacity + 7) / 8 * 8
    self.maximumBlocks = maximumBlocks
    let allRows = blockCapacity * maximumBlocks
    let layer = blockCapacity * width
    let tangentRows = maximumBlocks > 1 ? layer : 0
    input = AlignedFloatBuffer(count: allRows * NetworkShape.inputWidth)
    activations = (0..<layers).map { _ in AlignedFloatBuffer(count: allRows * width) }
    slopes = (0..<layers).map { _ in AlignedFloatBuffer(count: layer) }
    curvatures = (0..<layers).map { _ in AlignedFloatBuffer(count: tangentRows) }
    curvatureProducts = (0..<layers).map { _ in
      AlignedFloatBuffer(count: tangentRows * (maximumBlocks - 1))
    }
    adjoints = (0..<2).map { _ in
      AlignedFloatBuffer(count: allRows * width)
    }
    outputs = AlignedFloatBuffer(count: allRows * NetworkShape.outputWidth)
    outputGradients = AlignedFloatBuffer(count: allRows * NetworkShape.outputWidth)
    gradient = AlignedFloatBuffer(count: shape.parameterCount)
  }

  /// The padded row count of one block for `count` points.
  @inline(__always)
  static func paddedRows(_ count: Int) -> Int { (count + 7) / 8 * 8 }

  // MARK: Forward

  /// Runs all `blocks` blocks of `rows` input rows forward into `outputs`, keeping φ′ (and
  /// φ″ with tangents) for `backward`.
  ///
  /// - Parameters:
  ///   - parameters: the flat parameters; `panels` must hold their transposed weights.
  ///   - forBackward: false for a forward pass whose outputs and tangent outputs are all that
  ///     is wanted (the divergence of the score): φ″ and φ″·ḣ are then not computed.
  func forward(
    rows: Int, blocks: Int, parameters: UnsafePointer<Float>, panels: WeightPanels,
    forBackward: Bool = true
  ) {
    precondition(rows % 8 == 0 && rows <= blockCapacity && blocks <= maximumBlocks)
    precondition(panels.shape == shape, "the panels belong to another shape")
    let width = self.width
    let tangents = blocks > 1 && forBackward
    forwardInputLayer(
      rows: rows, blocks: blocks, parameters: parameters, panels: panels, keepCurvature: tangents)
    for layer in 1..<layers {
      let below = activations[layer - 1].pointer
      let above = activations[layer].pointer
      let panel = UnsafePointer(panels.hidden[layer - 1].pointer)
      let biasOffset = shape.biasOffset(layer: layer)
      MatrixKernels.multiply(
        rows: rows, width: width, depth: width, a: below, rowStride: width, depthStride: 1,
        b: panel,
        epilogue: ActivationEpilogue(
          bias: parameters + biasOffset, activation: above,
          slope: slopes[layer].pointer,
          curvature: tangents ? curvatures[layer].pointer : nil))
      for block in 1..<max(blocks, 1) {
        let offset = block * rows * width
        if tangents {
          MatrixKernels.multiply(
            rows: rows, width: width, depth: width, a: below + offset, rowStride: width,
            depthStride: 1, b: panel,
            epilogue: TangentEpilogue(
              slope: slopes[layer].pointer, curvature: curvatures[layer].pointer,
              activation: above + offset,
              curvatureProduct: curvatureProducts[layer].pointer + (block - 1) * rows * width))
        } else {
          MatrixKernels.multiply(
            rows: rows, width: width, depth: width, a: below + offset, rowStride: width,
            depthStride: 1, b: panel,
            epilogue: ScaleEpilogue(output: above + offset, slope: slopes[layer].pointer))
        }
      }
    }
    forwardOutputLayer(rows: rows, blocks: blocks, parameters: parameters)
  }

  /// Layer 0 (3 → W) for primal rows, then its tangents (the log σ input has none); φ″
  /// and φ″·ḣ only with `keepCurvature`.
  private func forwardInputLayer(
    rows: Int, blocks: Int, parameters: UnsafePointer<Float>, panels: WeightPanels,
    keepCurvature: Bool
  ) {
    let width = self.width
    let weights = UnsafePointer(panels.input.pointer)
    let x = input.pointer
    let activation = activations[0].pointer
    let primal = ActivationEpilogue(
      bias: parameters + shape.biasOffset(layer: 0), activation: activation,
      slope: slopes[0].pointer,
      curvature: keepCurvature ? curvatures[0].pointer : nil)
    for row in 0..<rows {
      let x1 = SIMD16<Float>(repeating: x[row &* 3])
      let x2 = SIMD16<Float>(repeating: x[row &* 3 &+ 1])
      let logNoise = SIMD16<Float>(repeating: x[row &* 3 &+ 2])
      var column = 0
      while column < width {
        var h = load16(weights + column) * x1
        h = h.addingProduct(load16(weights + (width &+ column)), x2)
        h = h.addingProduct(load16(weights + (2 &* width &+ column)), logNoise)
        primal.apply(h, index: row &* width &+ column, row: row, column: column)
        column &+= 16
      }
    }
    for block in 1..<max(blocks, 1) {
      let directions = UnsafePointer(x + block * rows * 3)
      let output = activation + block * rows * width
      if keepCurvature {
        forwardInputTangent(
          directions: directions, rows: rows, weights: weights,
          epilogue: TangentEpilogue(
            slope: slopes[0].pointer, curvature: curvatures[0].pointer, activation: output,
            curvatureProduct: curvatureProducts[0].pointer + (block - 1) * rows * width))
      } else {
        forwardInputTangent(
          directions: directions, rows: rows, weights: weights,
          epilogue: ScaleEpilogue(output: output, slope: slopes[0].pointer))
      }
    }
  }

  /// ḣ = W₀[:, 0]·v₁ + W₀[:, 1]·v₂ for `rows` direction rows, handed to `epilogue`.
  @inline(__always)
  private func forwardInputTangent<Epilogue: TileEpilogue>(
    directions: UnsafePointer<Float>, rows: Int, weights: UnsafePointer<Float>, epilogue: Epilogue
  ) {
    let width = self.width
    for row in 0..<rows {
      let v1 = SIMD16<Float>(repeating: directions[row &* 3])
      let v2 = SIMD16<Float>(repeating: directions[row &* 3 &+ 1])
      var column = 0
      while column < width {
        let h = (load16(weights + column) * v1).addingProduct(load16(weights + (width &+ column)), v2)
        epilogue.apply(h, index: row &* width &+ column, row: row, column: column)
        column &+= 16
      }
    }
  }

  /// The output layer (W → 2): f = W·a + b for primal rows, J_f·v = W·ȧ for tangent rows.
  ///
  /// Each row of a costs W/16 loads of activations, W/8 of weights and W/8 FMAs, against the
  /// W²/16 FMAs of a hidden layer's row.
  private func forwardOutputLayer(rows: Int, blocks: Int, parameters: UnsafePointer<Float>) {
    let width = self.width
    let w0 = parameters + shape.weightOffset(layer: layers)
    let w1 = w0 + width
    let biasOffset = shape.biasOffset(layer: layers)
    let bias = SIMD2(parameters[biasOffset], parameters[biasOffset + 1])
    let a = UnsafePointer(activations[layers - 1].pointer)
    let out = outputs.pointer
    for row in 0..<(rows * blocks) {
      let ar = a + row &* width
      var value = load16(ar)
      var sum0 = value * load16(w0)
      var sum1 = value * load16(w1)
      var column = 16
      while column < width {
        value = load16(ar + column)
        sum0 = sum0.addingProduct(value, load16(w0 + column))
        sum1 = sum1.addingProduct(value, load16(w1 + column))
        column &+= 16
      }
      let sums = laneSums(sum0, sum1) + (row < rows ? bias : SIMD2())
      UnsafeMutableRawPointer(out + row &* 2).storeBytes(of: sums, as: SIMD2<Float>.self)
    }
  }

  // MARK: Backward

  /// ∂loss/∂parameters into `gradient`, from `outputGradients` of the last `forward`.
  ///
  /// `outputGradients` must be zero on padding rows.
  func backward(rows: Int, blocks: Int, parameters: UnsafePointer<Float>) {
    let gradient = self.gradient.pointer
    let width = self.width
    let allRows = rows * blocks
    var current = adjoints[0].pointer
    var next = adjoints[1].pointer
    backwardOutputLayer(
      rows: rows, blocks: blocks, parameters: parameters, into: current)
    for below in stride(from: layers - 2, through: 0, by: -1) {
      let weightOffset = shape.weightOffset(layer: below + 1)
      let biasOffset = shape.biasOffset(layer: below + 1)
      MatrixKernels.multiply(
        rows: width, width: width, depth: allRows, a: current, rowStride: 1, depthStride: width,
        b: activations[below].pointer, epilogue: StoreEpilogue(output: gradient + weightOffset))
      sumPrimalRows(current, rows: rows, into: gradient + biasOffset)
      if blocks == 1 {
        MatrixKernels.multiply(
          rows: allRows, width: width, depth: width, a: current, rowStride: width, depthStride: 1,
          b: parameters + weightOffset,
          epilogue: ScaleEpilogue(output: next, slope: slopes[below].pointer))
      } else {
        MatrixKernels.multiply(
          rows: allRows, width: width, depth: width, a: current, rowStride: width, depthStride: 1,
          b: parameters + weightOffset, epilogue: StoreEpilogue(output: next))
        combineAdjoints(next, layer: below, rows: rows, blocks: blocks)
      }
      swap(&current, &next)
    }
    backwardInputLayer(current, rows: rows, blocks: blocks)
  }

  /// Output-layer gradients and the adjoint of the pre-activation of the last hidden layer (and
  /// its tangents).
  private func backwardOutputLayer(
    rows: Int, blocks: Int, parameters: UnsafePointer<Float>,
    into adjoint: UnsafeMutablePointer<Float>
  ) {
    let allRows = rows * blocks
    let width = self.width
    let last = layers - 1
    let weightOffset = shape.weightOffset(layer: layers)
    let biasOffset = shape.biasOffset(layer: layers)
    let gradient = self.gradient.pointer
    let g = UnsafePointer(outputGradients.pointer)
    let a = UnsafePointer(activations[last].pointer)
    var column = 0
    while column < width {
      var sum0 = SIMD16<Float>()
      var sum1 = SIMD16<Float>()
      for row in 0..<allRows {
        let value = load16(a + (row &* width &+ column))
        sum0 = sum0.addingProduct(value, SIMD16(repeating: g[row &* 2]))
        sum1 = sum1.addingProduct(value, SIMD16(repeating: g[row &* 2 &+ 1]))
      }
      store16(sum0, gradient + weightOffset + column)
      store16(sum1, gradient + weightOffset + width + column)
      column &+= 16
    }
    var bias0: Float = 0
    var bias1: Float = 0
    for row in 0..<rows {
      bias0 += g[row &* 2]
      bias1 += g[row &* 2 &+ 1]
    }
    gradient[biasOffset] = bias0
    gradient[biasOffset + 1] = bias1
    let w0 = parameters + weightOffset
    let w1 = w0 + width
    let slope = UnsafePointer(slopes[last].pointer)
    for row in 0..<allRows {
      let g0 = SIMD16<Float>(repeating: g[row &* 2])
      let g1 = SIMD16<Float>(repeating: g[row &* 2 &+ 1])
      var column = 0
      while column < width {
        let index = row &* width &+ column
        var value = (load16(w0 + column) * g0).addingProduct(load16(w1 + column), g1)
        if blocks == 1 { value *= load16(slope + index) }
        store16(value, adjoint + index)
        column &+= 16
      }
    }
    if blocks > 1 { combineAdjoints(adjoint, layer: last, rows: rows, blocks: blocks) }
  }

  /// Turns activation adjoints (ā, ǡₜ) of hidden `layer` into pre-activation adjoints in place:
  /// h̄ = ā·φ′ + Σₜ ǡₜ·φ″·ḣₜ, ḣ̄ₜ = ǡₜ·φ′.
  private func combineAdjoints(
    _ adjoint: UnsafeMutablePointer<Float>, layer: Int, rows: Int, blocks: Int
  ) {
    let slope = UnsafePointer(slopes[layer].pointer)
    let products = UnsafePointer(curvatureProducts[layer].pointer)
    let blockSize = rows * width
    var index = 0
    while index < blockSize {
      let s = load16(slope + index)
      var primal = load16(adjoint + index) * s
      for block in 1..<blocks {
        let tangentIndex = block &* blockSize &+ index
        let tangent = load16(adjoint + tangentIndex)
        primal = primal.addingProduct(tangent, load16(products + ((block &- 1) &* blockSize &+ index)))
        store16(tangent * s, adjoint + tangentIndex)
      }
      store16(primal, adjoint + index)
      index &+= 16
    }
  }

  /// Layer-0 weight and bias gradients from the adjoint h̄₀ (all blocks) and the inputs.
  private func backwardInputLayer(_ adjoint: UnsafeMutablePointer<Float>, rows: Int, blocks: Int) {
    let gradient = self.gradient.pointer
    let x = UnsafePointer(input.pointer)
    let width = self.width
    let allRows = rows * blocks
    var column = 0
    while column < width {
      var sum0 = SIMD16<Float>()
      var sum1 = SIMD16<Float>()
      var sum2 = SIMD16<Float>()
      for row in 0..<allRows {
        let value = load16(adjoint + (row &* width &+ column))
        sum0 = sum0.addingProduct(value, SIMD16(repeating: x[row &* 3]))
        sum1 = sum1.addingProduct(value, SIMD16(repeating: x[row &* 3 &+ 1]))
        sum2 = sum2.addingProduct(value, SIMD16(repeating: x[row &* 3 &+ 2]))
      }
      for lane in 0..<16 {
        let weight = (column &+ lane) &* 3
        gradient[weight] = sum0[lane]
        gradient[weight &+ 1] = sum1[lane]
        gradient[weight &+ 2] = sum2[lane]
      }
      column &+= 16
    }
    sumPrimalRows(adjoint, rows: rows, into: gradient + shape.biasOffset(layer: 0))
  }

  /// bias gradient = Σ over the first `rows` rows of `adjoint`.
  private func sumPrimalRows(
    _ adjoint: UnsafeMutablePointer<Float>, rows: Int, into bias: UnsafeMutablePointer<Float>
  ) {
    let width = self.width
    var column = 0
    while column < width {
      var sum = SIMD16<Float>()
      for row in 0..<rows { sum += load16(adjoint + (row &* width &+ column)) }
      store16(sum, bias + column)
      column &+= 16
    }
  }
}
