// The network shape a model file's tensors describe, read before anything is allocated for it.

extension ScoreModelFile {
  /// The `NetworkShape` of the tensors named `prefix` + `0.weight`, `2.weight`, … in `file`.
  ///
  /// The width is the first dimension of `0.weight` ([W, 3]); the depth L is the number of
  /// weights `2.weight`, `4.weight`, … present in a row, the last of them the output layer
  /// ([2, W]), the others hidden ([W, W]). A width or depth outside the family, an input or
  /// output layer of another size, or hidden layers of unequal widths are refused with the
  /// tensor and its shape; a missing tensor is left to the caller, which lists them all.
  static func networkShape(
    in file: SafetensorsFile, prefix: String, fileName: String
  ) throws(ModelFileError) -> NetworkShape {
    func fail(_ message: String) -> ModelFileError {
      ModelFileError(fileName: fileName, message: message, kind: .malformed)
    }
    func shapeText(_ shape: [Int]) -> String { EscapedText.escaped("\(shape)", limit: 40) }
    let widths = NetworkShape.widthRange
    let layerLimit = NetworkShape.layerRange.upperBound
    guard let input = file.tensor(named: prefix + "0.weight") else {
      throw fail("missing tensor '\(prefix)0.weight' of shape [W, 3]; the file's tensors are " + listedNames(file))
    }
    guard input.shape.count == 2, input.shape[1] == NetworkShape.inputWidth, widths.contains(input.shape[0])
    else {
      throw fail(
        "tensor '0.weight' has shape \(shapeText(input.shape)), expected [W, 3] for a hidden width W "
          + "from \(widths.lowerBound) to \(widths.upperBound): the input is (x1, x2, log sigma)")
    }
    let width = input.shape[0]
    var layers = 0
    while layers <= layerLimit, file.tensor(named: prefix + "\(2 * (layers + 1)).weight") != nil { layers += 1 }
    guard layers >= 1 else {
      throw fail("missing tensor '\(prefix)2.weight' of shape [2, \(width)] or [\(width), \(width)]")
    }
    guard layers <= layerLimit else {
      throw fail(
        "tensor '\(2 * (layerLimit + 1)).weight' makes more than \(layerLimit) hidden layers, "
          + "the most a scoreviz network has")
    }
    for layer in 1...layers {
      let name = "\(2 * layer).weight"
      let shape = file.tensor(named: prefix + name)!.shape
      let expected = layer == layers ? [NetworkShape.outputWidth, width] : [width, width]
      guard shape != expected else { continue }
      if layer == layers, shape == [width, width] {
        throw fail(
          "missing tensor '\(prefix)\(2 * (layers + 1)).weight' of shape [2, \(width)], the output layer after "
            + "'\(name)'")
      }
      if layer < layers, shape.count == 2, widths.contains(shape[0]) {
        throw fail(
          "tensor '\(name)' has shape \(shapeText(shape)), expected \(expected): every hidden layer must be "
            + "as wide as '0.weight' (\(width)); scoreviz's networks have equal hidden widths")
      }
      throw fail("tensor '\(name)' has shape \(shapeText(shape)), expected \(expected)")
    }
    return try! NetworkShape(hiddenWidth: width, hiddenLayers: layers)
  }
}
