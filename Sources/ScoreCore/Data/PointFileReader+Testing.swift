// A hook that lets tests check the point bound without writing 50 million points.

extension PointFileReader {
  /// `parse(_:file:)` with `pointLimit` in place of `largestPointCount`.
  package static func parse(_ bytes: [UInt8], file: String, pointLimit: Int) throws -> PointFileContents {
    try parse(
      bytes, file: file, arrayKey: nil, columns: nil, dropMissing: false, minimumCount: 2, coordinateLimit: .infinity,
      pointLimit: pointLimit)
  }
}
