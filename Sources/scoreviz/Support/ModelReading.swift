// Reading a model file for a command, saying on stderr what its metadata did not say.

import ScoreCore

/// The model at `path`; when the file lacks scoreviz's metadata (a network saved from
/// PyTorch, say), a warning on stderr names what was assumed instead.
func readModel(path: String) throws -> ScoreModelFile {
  let file = try ScoreModelFile.read(path: path)
  var assumptions: [String] = []
  if file.assumedMetadata.contains("sigmas") {
    assumptions.append("the noise levels \(NoiseLadder.standard.description)")
  }
  if file.assumedMetadata.contains("data_mean and data_scale") {
    assumptions.append("data already standardised (no data_mean, data_scale)")
  }
  if !assumptions.isEmpty {
    printNote(
      "warning: \(path) has no scoreviz metadata for \(file.assumedMetadata.joined(separator: " or ")); assuming "
        + assumptions.joined(separator: " and "))
  }
  return file
}
