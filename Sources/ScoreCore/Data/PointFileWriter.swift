// Writes tables of numbers as CSV text or NPY arrays that pandas, numpy and this reader read back exactly.

/// Renders a `DataTable` as CSV or NPY and writes it atomically.
///
/// Both formats round-trip exactly: CSV values are the shortest decimal that reads back as
/// the same double (Python's `repr` spelling: `0.1`, `1e-07`, `nan`, `inf`), NPY stores the
/// IEEE bits.
public enum PointFileWriter {
  /// The table as CSV: a header line of the column names, then one line per row, values
  /// separated by commas, lines ended by `\n`.
  ///
  /// A name holding a comma, a quote, a line break, a `#` at its start or spaces at either
  /// end is written in double quotes with quotes doubled.
  public static func csvText(_ table: DataTable) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(16 * (table.rowCount + 1) * max(table.columns.count, 1))
    for (j, name) in table.columnNames.enumerated() {
      if j > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes.append(contentsOf: quotedIfNeeded(name).utf8)
    }
    bytes.append(UInt8(ascii: "\n"))
    for i in 0..<table.rowCount {
      for j in table.columns.indices {
        if j > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: table.columns[j][i].description.utf8)
      }
      bytes.append(UInt8(ascii: "\n"))
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The table as an NPY file: version 1.0, dtype `<f8`, C order, shape (rows, columns).
  ///
  /// The header is padded with spaces so that the data start at a multiple of 64 bytes, as
  /// numpy writes it.
  public static func npyBytes(_ table: DataTable) -> [UInt8] {
    let rows = table.rowCount
    let width = table.columns.count
    var dictionary = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(rows), \(width)), }"
    let prefixLength = NumpyHeader.magic.count + 4
    let unpadded = prefixLength + dictionary.utf8.count + 1
    dictionary += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
    let headerLength = dictionary.utf8.count
    var bytes = NumpyHeader.magic + [1, 0, UInt8(headerLength & 0xFF), UInt8(headerLength >> 8)]
    bytes.append(contentsOf: dictionary.utf8)
    bytes.reserveCapacity(bytes.count + 8 * rows * width)
    for i in 0..<rows {
      for j in 0..<width {
        withUnsafeBytes(of: table.columns[j][i].bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
      }
    }
    return bytes
  }

  /// Writes `table` to `path` through `AtomicFile.write`: a regular file through a temporary
  /// file and a rename, a device or FIFO in place, a symbolic link's target.
  ///
  /// - Parameters:
  ///   - format: CSV or NPY; nil chooses by the file name (`.npy` is NPY, else CSV).
  /// - Throws: `FileWriteError` when the file cannot be written; nothing is left at `path`.
  public static func write(
    _ table: DataTable, to path: String, format: PointFileFormat? = nil
  ) throws(FileWriteError) {
    switch format ?? PointFileFormat(path: path) {
    case .csv: try AtomicFile.write(csvText(table), to: path)
    case .npy: try AtomicFile.write(npyBytes(table), to: path)
    }
  }

  /// Writes `points` as the two-column table `x,y`; see `write(_:to:format:)`.
  public static func write(
    _ points: [SIMD2<Double>], to path: String, format: PointFileFormat? = nil
  ) throws(FileWriteError) {
    try write(DataTable(points: points), to: path, format: format)
  }

  /// `name`, in double quotes with inner quotes doubled when CSV needs it.
  private static func quotedIfNeeded(_ name: String) -> String {
    let needsQuotes =
      name.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" || $0 == "\t" }
      || name.hasPrefix("#") || name.hasPrefix(" ") || name.hasSuffix(" ") || name.isEmpty
    guard needsQuotes else { return name }
    return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
