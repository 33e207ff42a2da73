// A trained score model on disk: the network's tensors plus what it needs to be used again.

import Foundation

/// A trained NCSN network with its noise ladder and data normalisation, as one safetensors file.
///
/// The tensors are named as PyTorch's `nn.Sequential` names them (`0.weight` … `(2L).bias`
/// for L hidden layers, `6.bias` for the standard network), so
/// `torch.nn.Sequential(Linear(3,128), SiLU(), Linear(128,128), SiLU(), Linear(128,128),
/// SiLU(), Linear(128,2)).load_state_dict(safetensors.torch.load_file(path))` opens a
/// standard one. The network's width and depth are read from the tensors' shapes
/// (`networkShape(in:prefix:fileName:)`), so any member of the family opens, and one written
/// by PyTorch as such a `Sequential` opens here.
/// `__metadata__` holds strings:
///
/// | key | value |
/// | --- | --- |
/// | `format` | `scoreviz-ncsn-mlp/1` |
/// | `architecture` | the layer list; the output is divided by σ (informational) |
/// | `sigmas` | the ladder as `MAX:MIN:L` in standardised units |
/// | `noise` | how σ was drawn in training: `ladder` or `continuous` (`NoiseDistribution`) |
/// | `data_mean`, `data_scale` | `x,y`: the per-axis z-score that maps data to the network's units |
/// | `objective`, `steps`, `dataset` | how it was trained (informational) |
///
/// A file without metadata (e.g. saved from PyTorch) loads with the standard ladder and no
/// normalisation; a file without `noise` (written before it existed) was trained on the
/// ladder. A file whose metadata is present but malformed is an error.
public struct ScoreModelFile: Sendable, Equatable {
  /// The metadata `format` value this version writes.
  public static let formatName = "scoreviz-ncsn-mlp/1"
  /// The metadata `architecture` value for a network of `shape`.
  public static func architectureDescription(_ shape: NetworkShape) -> String {
    shape.architecture + "; input (x1, x2, log sigma); output divided by sigma"
  }

  /// The trained network.
  public var network: ScoreNetwork
  /// The noise levels it was trained on, in standardised units.
  public var ladder: NoiseLadder
  /// How σ was drawn from `ladder` in training.
  public var noiseDistribution: NoiseDistribution
  /// The map from data units to the network's standardised units.
  public var standardization: Standardization
  /// Informational strings: objective, steps, dataset.
  public var trainingNotes: [String: String]
  /// The metadata a read file lacked and whose default was assumed: `sigmas` (the standard
  /// ladder) and `data_mean and data_scale` (no standardisation); empty for a model made here.
  public private(set) var assumedMetadata: [String] = []

  /// A model file value; nothing is written until `write(to:)`.
  public init(
    network: ScoreNetwork, ladder: NoiseLadder, noiseDistribution: NoiseDistribution = .ladder,
    standardization: Standardization, trainingNotes: [String: String] = [:]
  ) {
    self.network = network
    self.ladder = ladder
    self.noiseDistribution = noiseDistribution
    self.standardization = standardization
    self.trainingNotes = trainingNotes
  }

  /// The informational notes of a model trained here (`scoreviz train --save`, the live
  /// view's save key): `objective`, `steps`, `dataset`, and `ema` (the decay) when the saved
  /// weights are a moving average of the trained ones.
  public static func trainingNotes(
    objective: Objective, steps: Int, dataset: String, averageDecay: Double?
  ) -> [String: String] {
    var notes = ["objective": objective.rawValue, "steps": String(steps), "dataset": dataset]
    if let averageDecay { notes["ema"] = String(averageDecay) }
    return notes
  }

  /// The safetensors contents: 2L + 2 F32 tensors and the metadata above.
  public var safetensors: SafetensorsFile {
    let tensors = network.tensors.map { tensor in
      NamedTensor(
        name: tensor.name, shape: tensor.shape,
        values: Array(network.parameters[tensor.offset..<(tensor.offset + tensor.count)]))
    }
    var metadata = trainingNotes
    metadata["format"] = Self.formatName
    metadata["architecture"] = Self.architectureDescription(network.shape)
    metadata["sigmas"] = ladder.description
    metadata["noise"] = noiseDistribution.rawValue
    metadata["data_mean"] = Self.pair(standardization.mean)
    metadata["data_scale"] = Self.pair(standardization.scale)
    return SafetensorsFile(tensors: tensors, metadata: metadata)
  }

  /// Writes the file through a temporary name and a rename.
  ///
  /// - Throws: `FileWriteError` when the folder is missing or not writable.
  public func write(to path: String) throws {
    try safetensors.write(to: path)
  }

  /// Reads and checks a model file.
  ///
  /// - Throws: `ModelFileError` naming the file: unreadable (exit 66), not safetensors, a
  ///   missing or misshapen tensor, or malformed metadata (exit 65).
  public static func read(path: String) throws(ModelFileError) -> ScoreModelFile {
    let file = try SafetensorsFile.read(path: path)
    return try ScoreModelFile(file, fileName: path)
  }

  /// The model in `file`, checked as `read(path:)` describes.
  public init(_ file: SafetensorsFile, fileName: String) throws(ModelFileError) {
    func fail(_ message: String) -> ModelFileError {
      ModelFileError(fileName: fileName, message: message, kind: .malformed)
    }
    let prefix = Self.namePrefix(in: file)
    let shape = try Self.networkShape(in: file, prefix: prefix, fileName: fileName)
    var parameters = [Float](repeating: 0, count: shape.parameterCount)
    for tensor in shape.tensors {
      guard let stored = file.tensor(named: prefix + tensor.name) else {
        throw fail(
          "missing tensor '\(prefix + tensor.name)' of shape \(tensor.shape); the file's tensors are "
            + Self.listedNames(file))
      }
      guard stored.shape == tensor.shape else {
        throw fail(
          "tensor '\(tensor.name)' has shape \(EscapedText.escaped("\(stored.shape)", limit: 40)), "
            + "expected \(tensor.shape)")
      }
      guard stored.values.allSatisfy(\.isFinite) else {
        throw fail("tensor '\(tensor.name)' holds a value that is not finite")
      }
      parameters.replaceSubrange(tensor.offset..<(tensor.offset + tensor.count), with: stored.values)
    }
    let expected = Set(shape.tensors.map { prefix + $0.name })
    if let extra = file.tensors.first(where: { !expected.contains($0.name) }) {
      throw fail("unexpected tensor \(EscapedText.quoted(extra.name)): this is not the NCSN network scoreviz trains")
    }
    let metadata = file.metadata
    if let format = metadata["format"], format != Self.formatName {
      throw fail("metadata: format \(EscapedText.quoted(format)) is not '\(Self.formatName)'")
    }
    var assumed: [String] = []
    var ladder = NoiseLadder.standard
    if metadata["sigmas"] == nil { assumed.append("sigmas") }
    if metadata["data_mean"] == nil && metadata["data_scale"] == nil { assumed.append("data_mean and data_scale") }
    assumedMetadata = assumed
    if let sigmas = metadata["sigmas"] {
      do {
        ladder = try NoiseLadder(parsing: sigmas)
      } catch {
        throw fail("metadata: sigmas \(EscapedText.quoted(sigmas)): \(error.message)")
      }
    }
    var noiseDistribution = NoiseDistribution.ladder
    if let noise = metadata["noise"] {
      guard let value = NoiseDistribution(rawValue: noise) else {
        throw fail(
          "metadata: noise \(EscapedText.quoted(noise)) is not "
            + NoiseDistribution.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or "))
      }
      noiseDistribution = value
    }
    var standardization = Standardization.identity
    if metadata["data_mean"] != nil || metadata["data_scale"] != nil {
      guard let mean = Self.parsePair(metadata["data_mean"]),
        let scale = Self.parsePair(metadata["data_scale"]), scale.x > 0, scale.y > 0
      else {
        throw fail(
          "metadata: data_mean \(EscapedText.quoted(metadata["data_mean"] ?? "")) and data_scale "
            + "\(EscapedText.quoted(metadata["data_scale"] ?? "")) must be 'x,y' numbers, the scale positive")
      }
      standardization = Standardization(mean: mean, scale: scale)
    }
    // The parameters were all checked above, so the count is right.
    network = try! ScoreNetwork(shape: shape, parameters: parameters)
    self.ladder = ladder
    self.noiseDistribution = noiseDistribution
    self.standardization = standardization
    let structural: Set<String> = ["format", "architecture", "sigmas", "noise", "data_mean", "data_scale"]
    trainingNotes = metadata.filter { !structural.contains($0.key) }
  }

  /// What comes before `0.weight` in the file's names: empty for `nn.Sequential` saved on its
  /// own, `net.` or `model.` for one kept as an attribute of a module. The prefix of the one
  /// name ending in `0.weight` whose whole network (of the shape its tensors describe) is
  /// there; empty when there is none.
  static func namePrefix(in file: SafetensorsFile) -> String {
    let names = Set(file.tensors.map(\.name))
    if names.contains("0.weight") { return "" }
    let candidates = file.tensors.map(\.name).filter { $0.hasSuffix(".0.weight") }.map { String($0.dropLast(8)) }
    let complete = candidates.filter { prefix in
      guard let shape = try? networkShape(in: file, prefix: prefix, fileName: "") else { return false }
      return shape.tensors.allSatisfy { names.contains(prefix + $0.name) }
    }
    return complete.count == 1 ? complete[0] : ""
  }

  /// The file's tensor names as an error lists them: quoted, at most the first 12.
  static func listedNames(_ file: SafetensorsFile) -> String {
    let names = file.tensors.map(\.name)
    guard !names.isEmpty else { return "none" }
    let shown = names.prefix(12).map { EscapedText.quoted($0) }.joined(separator: ", ")
    return names.count > 12 ? shown + " and \(names.count - 12) more" : shown
  }

  private static func pair(_ value: SIMD2<Double>) -> String { "\(value.x),\(value.y)" }

  private static func parsePair(_ text: String?) -> SIMD2<Double>? {
    guard let parts = text?.split(separator: ","), parts.count == 2,
      let x = Double(parts[0].trimmingCharacters(in: .whitespaces)),
      let y = Double(parts[1].trimmingCharacters(in: .whitespaces)), x.isFinite, y.isFinite
    else { return nil }
    return SIMD2(x, y)
  }
}
