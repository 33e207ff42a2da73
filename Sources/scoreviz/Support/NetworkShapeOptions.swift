// The flags that choose the width and depth of a network to be trained.

import ArgumentParser
import ScoreCore

/// `--hidden W --layers L`: the network trained by `train`, the live view and `render`.
struct NetworkShapeOptions: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: """
      Units in each hidden layer of the network trained (\(NetworkShape.widthRange.lowerBound) to \
      \(NetworkShape.widthRange.upperBound)).
      """)
  var hidden: Int = NetworkShape.standard.hiddenWidth

  @Option(
    parsing: .unconditional,
    help: """
      Hidden layers, each a Linear and a SiLU (\(NetworkShape.layerRange.lowerBound) to \
      \(NetworkShape.layerRange.upperBound)).
      """)
  var layers: Int = NetworkShape.standard.hiddenLayers

  func validate() throws {
    try FlagBounds.check(hidden, "--hidden", in: NetworkShape.widthRange)
    try FlagBounds.check(layers, "--layers", in: NetworkShape.layerRange)
  }

  /// The shape the flags name (checked by `validate`).
  var shape: NetworkShape { try! NetworkShape(hiddenWidth: hidden, hiddenLayers: layers) }

  /// Checks that `batch` points a step fit this shape's workspace: `FlagBounds.batch` points
  /// of the standard network, fewer of a wider or deeper one (the workspace grows with
  /// width × layers), so that no flag asks for more than the standard bound's memory.
  func checkBatch(_ batch: Int) throws {
    let standard = NetworkShape.standard
    let limit =
      FlagBounds.batch * standard.hiddenWidth * standard.hiddenLayers / max(hidden * layers, standard.hiddenWidth)
    let bound = min(FlagBounds.batch, limit)
    guard batch <= bound else {
      throw ValidationError(
        "--batch must be at most \(bound) with --hidden \(hidden) --layers \(layers), got \(batch)")
    }
  }
}
