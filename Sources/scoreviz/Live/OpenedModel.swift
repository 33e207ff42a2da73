// A model file the live view was opened on, and whether it trains on from it.

/// The model of `scoreviz --model M [--train]`.
struct OpenedModel {
  /// The file as given on the command line.
  var path: String
  /// Whether the engine trains on from the file's weights (`--train`); without it the view
  /// shows the file's network as it is and the keys that need training say so.
  var trains: Bool
  /// The training steps the file records, counted in a network saved from it.
  var earlierSteps: Int

  /// The file's name without its folder, as the status line shows it.
  var fileName: String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}
