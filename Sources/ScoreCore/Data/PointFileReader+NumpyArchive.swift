// Reading points from numpy's .npz archives: one NPY array chosen by its key, stored or deflated.

extension PointFileReader {
  /// A zip local file header's signature, `PK\3\4`, the first bytes of every non-empty .npz.
  static let zipLocalHeaderMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

  /// The first bytes of a zip archive: a local file header (`PK\3\4`) or, for an archive
  /// with no members, the end record (`PK\5\6`).
  static func hasZipMagic(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B
      && ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6))
  }

  /// Reads points from the array `key` of an .npz archive (numpy's `np.savez` and
  /// `np.savez_compressed`): the member `key.npy`, read as `readNumpyArray` reads a file.
  ///
  /// Without `key`, an archive of one array uses it and one of several is a usage error
  /// listing the keys. The member's declared size is bounded by `largestFileSize` and by
  /// what deflate can expand its compressed bytes to before anything is allocated, and its
  /// CRC-32 is checked. Errors about the array name it: `f.npz: array 'b': …`.
  static func readNumpyArchive(
    _ bytes: UnsafeBufferPointer<UInt8>, file: String, key: String?, columns: [ColumnSelector]?,
    dropMissing: Bool, coordinateLimit: Double, pointLimit: Int
  ) throws -> PointFileContents {
    let archive: ZipArchive
    do {
      archive = try ZipArchive(bytes: bytes)
    } catch {
      throw DatasetError(.data, file: file, message: error.message)
    }
    let arrays = archive.members.filter { $0.name.hasSuffix(".npy") }
    let keys = arrays.map { String($0.name.dropLast(4)) }
    let listed = keys.map { EscapedText.quoted($0) }.joined(separator: ", ")
    let index: Int
    if let key {
      guard let found = keys.firstIndex(of: key) else {
        let available = keys.isEmpty ? "it holds no arrays" : "its arrays are \(listed)"
        throw DatasetError(.usage, file: file, message: "no array \(EscapedText.quoted(key)): \(available)")
      }
      index = found
    } else {
      guard arrays.count == 1 else {
        if arrays.isEmpty { throw DatasetError(.data, file: file, message: "the archive holds no .npy arrays") }
        throw DatasetError(
          .usage, file: file, message: "holds \(arrays.count) arrays, choose one with --key: \(listed)")
      }
      index = 0
    }
    let member: [UInt8]
    do {
      member = try archive.extract(arrays[index], from: bytes, limit: largestFileSize)
    } catch {
      throw DatasetError(.data, file: file, message: error.message)
    }
    do {
      return try member.withUnsafeBufferPointer { buffer in
        try readNumpyArray(
          buffer, file: file, columns: columns, dropMissing: dropMissing, coordinateLimit: coordinateLimit,
          pointLimit: pointLimit)
      }
    } catch var error as DatasetError {
      error.message = "array \(EscapedText.quoted(keys[index])): " + error.message
      throw error
    }
  }
}
