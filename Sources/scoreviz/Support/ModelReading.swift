// Reading a model file for a command: what its metadata lacks, flags supply or stderr names.

import ArgumentParser
import ScoreCore

/// `--sigmas MAX:MIN:L` for the commands that read a model: the noise levels of a model file
/// that does not record them (one saved from PyTorch, say).
struct ModelSigmasOption: ParsableArguments {
  @Option(
    help: """
      The noise ladder MAX:MIN:L (standardised units) a --model file without scoreviz metadata \
      was trained on; a file that records its ladder refuses it.
      """)
  var sigmas: String?

  func validate() throws {
    if let sigmas { try FlagBounds.checkLadder(sigmas, "--sigmas") }
  }

  /// The ladder of `--sigmas` when it was given (checked by `validate()`).
  var ladder: NoiseLadder? { sigmas.flatMap { try? NoiseLadder(parsing: $0) } }
}

/// What a command's flags supply for a model file without scoreviz's metadata.
struct ModelMetadataSupply {
  /// `--sigmas`: the ladder the network was trained on.
  var sigmas: NoiseLadder?
  /// The data of `--data`/`--dataset`, whose mean and scale standardise as `train` does.
  var data: Dataset?
  /// Whether the command takes `--data` with a model only to standardise (sample, likelihood):
  /// then a file that records its standardisation refuses it.
  var dataOnlyStandardizes = false
}

/// The model at `path`, with its missing metadata taken from `supply`: a ladder from
/// `--sigmas`, a standardisation fitted to `--data` as `train` fits it. What is still missing
/// is assumed (the standard ladder, no standardisation) and named in a warning on stderr that
/// says which flag supplies it. A flag that would contradict the file's own metadata is a
/// usage error (64), so a file's recorded units are never silently replaced.
func readModel(path: String, supplying supply: ModelMetadataSupply = ModelMetadataSupply()) throws
  -> ScoreModelFile
{
  var file = try ScoreModelFile.read(path: path)
  var assumptions: [String] = []
  if file.assumedMetadata.contains("sigmas") {
    if let ladder = supply.sigmas {
      file.ladder = ladder
      printNote("\(path) has no scoreviz metadata for sigmas; using --sigmas \(ladder.description)")
    } else {
      assumptions.append(
        "the noise levels \(NoiseLadder.standard.description) (--sigmas MAX:MIN:L gives the ones it was trained on)")
    }
  } else if supply.sigmas != nil {
    throw Failure(
      exitCode: SysExit.usage,
      message:
        "--sigmas: \(path) records its noise levels (\(file.ladder.description)); --sigmas is for a model file without them"
    )
  }
  if file.assumedMetadata.contains("data_mean and data_scale") {
    if let data = supply.data {
      file.standardization = Standardization(fitting: data.points)
      printNote(
        "\(path) has no scoreviz metadata for data_mean and data_scale; standardising by the mean and scale of "
          + "\(data.name), as train does")
    } else {
      assumptions.append(
        "data already standardised (--data FILE, the data it was trained on, standardises as train does)")
    }
  } else if supply.data != nil && supply.dataOnlyStandardizes {
    throw Failure(
      exitCode: SysExit.usage,
      message:
        "--data: \(path) records its standardisation (data_mean, data_scale); with --source model, --data and "
        + "--dataset are for a model file without it")
  }
  if !assumptions.isEmpty {
    printNote("warning: \(path) has no scoreviz metadata; assuming " + assumptions.joined(separator: " and "))
  }
  return file
}
