// Why a model file could not be read: the file is missing or its contents are malformed.

/// A model file that could not be opened or whose contents break the safetensors format.
///
/// The description reads `model.safetensors: header: data_offsets of tensor 'w' run past
/// the end of the data (24 > 16)`: the file as given, then what is wrong, the offending
/// token in single quotes, escaped and shortened by `EscapedText.quoted`. `exitCode`
/// follows sysexits(3): 65 (`EX_DATAERR`) for malformed contents, 66 (`EX_NOINPUT`) for a
/// file that cannot be opened or read.
public struct ModelFileError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What kind of failure this is.
  public enum Kind: Sendable, Equatable {
    /// The file's contents are not a valid safetensors file (`EX_DATAERR`).
    case malformed
    /// The file could not be opened or read (`EX_NOINPUT`).
    case cannotOpen
  }

  /// The file as the caller named it.
  public var fileName: String
  /// What is wrong, e.g. `header: not valid JSON`.
  public var message: String
  /// Malformed contents or an unreadable file.
  public var kind: Kind

  /// Creates an error.
  public init(fileName: String, message: String, kind: Kind) {
    self.fileName = fileName
    self.message = message
    self.kind = kind
  }

  /// A malformed header: the message is prefixed with `header: `.
  static func header(_ fileName: String, _ problem: String) -> ModelFileError {
    ModelFileError(fileName: fileName, message: "header: " + problem, kind: .malformed)
  }

  /// 65 for malformed contents, 66 for a file that cannot be opened.
  public var exitCode: Int32 {
    switch kind {
    case .malformed: 65
    case .cannotOpen: 66
    }
  }

  /// `file: message`, on one line: anything in it that does not print is escaped
  /// (`EscapedText.singleLine`).
  public var description: String { EscapedText.singleLine("\(fileName): \(message)") }
}
