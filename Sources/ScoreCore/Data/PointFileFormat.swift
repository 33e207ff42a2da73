// The two file formats scoreviz reads and writes points in.

/// A data file format.
public enum PointFileFormat: String, Sendable, CaseIterable {
  /// Delimited text: comma, semicolon, tab or spaces, with or without a header.
  case csv
  /// numpy's `.npy` binary array format, versions 1.0 – 3.0.
  case npy

  /// The format a file is written in, chosen by its name: `.npy` (any case) is NPY, anything
  /// else CSV. Reading does not use this: it looks at the file's first bytes.
  public init(path: String) {
    self = path.lowercased().hasSuffix(".npy") ? .npy : .csv
  }
}
