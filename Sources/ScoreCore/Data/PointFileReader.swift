// The single entry point for reading 2-D points from the files a Python or R user has at hand.

import Foundation

/// Reads points from a CSV, NPY or NPZ file.
///
/// The format is chosen by the first bytes: numpy's magic `\x93NUMPY` means NPY, a zip
/// header (`PK\3\4`) an NPZ archive of NPY arrays, anything else is read as delimited
/// text, except that a file named `*.npy` or `*.npz` without its magic is reported as such
/// a file with a bad magic rather than parsed as text.
///
/// - CSV: a header or none (the first record is a header when none of its fields is a
///   number); comma, semicolon, tab or runs of spaces as separator (detected); LF or CRLF;
///   a UTF-8 byte order mark; `#` comment lines; double-quoted fields with `""` escapes; an R
///   or pandas row-name column (dropped); any number of columns.
/// - NPY: versions 1.0, 2.0, 3.0; dtypes `<f4`, `<f8`, `>f4`, `>f8` (`=`, `|` or no prefix:
///   little endian); C or Fortran order; shape (N, k) with k ≥ 2.
/// - NPZ (`np.savez`, `np.savez_compressed`): a zip archive of NPY members, stored or
///   deflated, one chosen by `arrayKey` (see `readNumpyArchive`).
/// - Limits, checked before anything is allocated for them: `largestFileSize`,
///   `largestPointCount`, 100,000 fields a record, an NPY header of 65,535 bytes nested at
///   most 64 deep. Text quoted in errors is escaped (`EscapedText`).
///
/// ```
/// let contents = try PointFileReader.read(path: "points.csv", columns: [.name("u"), .name("v")])
/// print(contents.points.count, contents.droppedRows)
/// ```
public enum PointFileReader {
  /// Reads the points of the file at `path`.
  ///
  /// Missing values (an empty field, `NA`, `NaN`, `nan`, `null`, `None` and pandas' other
  /// spellings; a NaN in NPY) and infinities (`inf`, `-Infinity`, …, or a number beyond the
  /// double range) in a chosen column are errors unless `dropMissing` is set, which skips the
  /// row and counts it in `droppedRows`.
  /// - Parameters:
  ///   - path: the file, as the user named it; errors quote it this way.
  ///   - arrayKey: for an .npz archive, the array to read (member `arrayKey.npy`); nil reads
  ///     the only array and refuses an archive of several, listing their keys.
  ///   - columns: the x and y columns (exactly two), or nil for the default: the columns
  ///     named `x` and `y` when a CSV header has both, else the only two (a file with more
  ///     columns and no x and y is a usage error that lists them).
  ///   - dropMissing: skip rows with a missing or infinite value instead of failing.
  ///   - minimumCount: the fewest usable points accepted (2 for a dataset, 1 for query points).
  ///   - coordinateLimit: the largest |coordinate| accepted; datasets that are trained on or
  ///     smoothed use `largestCoordinate`.
  /// - Throws: `DatasetError`: `.cannotOpen` (exit 66) when the file cannot be read,
  ///   `.usage` (64) when `columns` does not fit the file, `.data` (65) for malformed
  ///   contents, a coordinate beyond ±`coordinateLimit`, fewer than `minimumCount` usable
  ///   points, more than `largestPointCount` points, or a file larger than
  ///   `largestFileSize`.
  public static func read(
    path: String, arrayKey: String? = nil, columns: [ColumnSelector]? = nil, dropMissing: Bool = false,
    minimumCount: Int = 2, coordinateLimit: Double = .infinity
  ) throws -> PointFileContents {
    let bytes = try readBytes(path: path)
    return try parse(
      bytes, file: path, arrayKey: arrayKey, columns: columns, dropMissing: dropMissing, minimumCount: minimumCount,
      coordinateLimit: coordinateLimit)
  }

  /// The largest data file read, 2 GiB (2³¹ bytes): room for `largestPointCount` points
  /// as CSV (about 40 bytes a point) or NPY (16 bytes a point), while a file or stream
  /// larger than any dataset scoreviz can use is refused instead of filling memory.
  public static let largestFileSize = 1 << 31

  /// The most points a data file may hold, 50 million: 800 MB as `SIMD2<Double>`, and more
  /// than the KDE or training can use interactively (the benchmarks use 100,000).
  public static let largestPointCount = 50_000_000

  /// The message for a file with more than `limit` points.
  static func tooManyPointsMessage(limit: Int) -> String {
    "more than \(limit) points, the most a data file may have"
  }

  /// The largest coordinate magnitude a dataset may have, 1e150: squared distances and
  /// variances of such values stay finite in Double (1e300 < 1.8e308), so nothing
  /// downstream overflows.
  public static let largestCoordinate = 1e150

  /// The message for a coordinate beyond `largestCoordinate`.
  static func tooLargeMessage(_ text: String, limit: Double) -> String {
    "value \(EscapedText.quoted(text)) is too large: coordinates must lie within ±\(limit)"
  }

  /// Reads points from bytes already in memory, as `read(path:columns:dropMissing:)` does;
  /// `file` is the name errors report.
  public static func parse(
    _ bytes: [UInt8], file: String, arrayKey: String? = nil, columns: [ColumnSelector]? = nil,
    dropMissing: Bool = false, minimumCount: Int = 2, coordinateLimit: Double = .infinity
  ) throws -> PointFileContents {
    try parse(
      bytes, file: file, arrayKey: arrayKey, columns: columns, dropMissing: dropMissing, minimumCount: minimumCount,
      coordinateLimit: coordinateLimit, pointLimit: largestPointCount)
  }

  /// `parse(_:file:columns:dropMissing:minimumCount:coordinateLimit:)` with the most points
  /// accepted given.
  static func parse(
    _ bytes: [UInt8], file: String, arrayKey: String?, columns: [ColumnSelector]?, dropMissing: Bool,
    minimumCount: Int, coordinateLimit: Double, pointLimit: Int
  ) throws -> PointFileContents {
    if let columns, columns.count != 2 {
      let list = columns.map { "'\($0)'" }.joined(separator: ", ")
      throw DatasetError(.usage, file: file, message: "expected two columns, found \(columns.count): \(list)")
    }
    let contents = try bytes.withUnsafeBufferPointer { buffer in
      if hasZipMagic(buffer) || file.lowercased().hasSuffix(".npz") {
        return try readNumpyArchive(
          buffer, file: file, key: arrayKey, columns: columns, dropMissing: dropMissing,
          coordinateLimit: coordinateLimit, pointLimit: pointLimit)
      }
      if NumpyHeader.hasMagic(buffer) || PointFileFormat(path: file) == .npy {
        return try readNumpyArray(
          buffer, file: file, columns: columns, dropMissing: dropMissing,
          coordinateLimit: coordinateLimit, pointLimit: pointLimit)
      }
      return try readDelimitedText(
        buffer, file: file, columns: columns, dropMissing: dropMissing, coordinateLimit: coordinateLimit,
        pointLimit: pointLimit)
    }
    guard contents.points.count >= minimumCount else {
      let dropped = contents.droppedRows > 0 ? " (skipped rows with missing values: \(contents.droppedRows))" : ""
      throw DatasetError(
        .data, file: file,
        message:
          "expected at least \(minimumCount) point\(minimumCount == 1 ? "" : "s"), found \(contents.points.count)\(dropped)"
      )
    }
    return contents
  }

  /// The whole file as bytes, at most `largestFileSize`.
  ///
  /// A pipe or device is read until its end, the size bound, or a NUL byte in a source that
  /// does not start like an NPY or NPZ file: text never holds one, so `/dev/zero` or
  /// `/dev/urandom` stop after the first chunk and the text reader reports the NUL.
  ///
  /// - Throws: `DatasetError` `.cannotOpen` with the system's reason (`ENOENT`, `EACCES`,
  ///   `EISDIR`, …); `.data` when the file is larger than `largestFileSize`.
  static func readBytes(path: String) throws -> [UInt8] {
    do {
      return try FileBytes.read(path: path, limit: largestFileSize) { bytes, added in
        let head = bytes.prefix(NumpyHeader.magic.count)
        let mayBeNumpy = head.elementsEqual(NumpyHeader.magic.prefix(head.count))
        let zipHead = bytes.prefix(zipLocalHeaderMagic.count)
        let mayBeZip = zipHead.elementsEqual(zipLocalHeaderMagic.prefix(zipHead.count))
        return !mayBeNumpy && !mayBeZip && bytes[added].contains(0)
      }
    } catch {
      switch error {
      case .cannotOpen(let reason):
        throw DatasetError(.cannotOpen, file: path, message: "cannot open: " + reason)
      case .tooLarge(let limit):
        throw DatasetError(
          .data, file: path, message: "file is larger than \(limit) bytes, the most a data file may have")
      }
    }
  }
}
