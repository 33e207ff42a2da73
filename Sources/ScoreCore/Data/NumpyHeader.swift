// The header of an NPY file: magic, version, and the dictionary saying how the array is laid out.

/// The parsed header of a `.npy` file (format versions 1.0, 2.0 and 3.0).
///
/// Layout: the magic `\x93NUMPY`, major and minor version bytes, the header length (a
/// little-endian UInt16 in version 1, UInt32 in versions 2 and 3), then that many bytes of a
/// Python dict literal `{'descr': '<f8', 'fortran_order': False, 'shape': (N, 2), }` (ASCII,
/// or UTF-8 in version 3), padded with spaces and a newline. The data follow directly.
struct NumpyHeader: Equatable {
  /// The element types scoreviz reads: IEEE float32 or float64 in either byte order.
  enum ElementType: Equatable {
    case float32
    case float64

    /// Bytes per element.
    var size: Int { self == .float32 ? 4 : 8 }
  }

  static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

  /// The longest header dictionary read, 65,535 bytes: the most format version 1.0 can
  /// hold, six times numpy's own limit for reading (10,000 bytes unless pickles are
  /// allowed); a header scoreviz can use is under 128 bytes. Versions 2.0 and 3.0 could say
  /// 4 GiB, which is refused before anything is read.
  static let largestHeaderLength = 65_535

  /// The most dimensions a shape may list, 64 (numpy's `NPY_MAXDIMS` in numpy 2).
  static let largestDimensionCount = 64

  var majorVersion: UInt8
  var elementType: ElementType
  var isBigEndian: Bool
  var isFortranOrder: Bool
  /// The array's shape, e.g. [N, 2].
  var shape: [Int]
  /// The offset of the first data byte.
  var dataOffset: Int

  /// Whether `bytes` starts with numpy's magic string.
  static func hasMagic(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.count >= magic.count && zip(bytes, magic).allSatisfy { $0 == $1 }
  }

  /// Parses and checks the header at the start of `bytes`.
  ///
  /// - Throws: `DatasetError` (data) whose message starts with `header:` and says what is
  ///   wrong: bad magic, unsupported version, a file ending inside the header, a dictionary that is not a
  ///   Python literal (or one nested deeper than `PythonLiteral.nestingLimit`), a header longer
  ///   than `largestHeaderLength`, a missing or unexpected key, an unsupported dtype, a
  ///   `fortran_order` that is not a boolean, or a shape that is not a tuple of at most
  ///   `largestDimensionCount` non-negative integers.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> NumpyHeader {
    func failure(_ message: String) -> DatasetError {
      DatasetError(.data, file: file, message: "header: " + message)
    }
    guard hasMagic(bytes) else {
      let found = bytes.prefix(6).map { byte in
        (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16, uppercase: false)
      }.joined()
      throw failure("bad magic '\(found)', expected '\\x93NUMPY'")
    }
    guard bytes.count >= 8 else {
      throw failure("truncated: expected at least 10 bytes of header, found \(bytes.count)")
    }
    let major = bytes[6]
    let minor = bytes[7]
    guard (1...3).contains(major), minor == 0 else {
      throw failure("unsupported format version \(major).\(minor), expected 1.0, 2.0 or 3.0")
    }
    let lengthSize = major == 1 ? 2 : 4
    let prefixLength = 8 + lengthSize
    guard bytes.count >= prefixLength else {
      throw failure("truncated: expected at least \(prefixLength) bytes of header, found \(bytes.count)")
    }
    var headerLength = 0
    for i in 0..<lengthSize { headerLength |= Int(bytes[8 + i]) << (8 * i) }
    guard headerLength <= largestHeaderLength else {
      throw failure("length \(headerLength) is more than the \(largestHeaderLength) bytes a header may have")
    }
    let dataOffset = prefixLength + headerLength
    guard bytes.count >= dataOffset else {
      throw failure("truncated: expected \(dataOffset) bytes of header, found \(bytes.count)")
    }
    let headerBytes = UnsafeBufferPointer(rebasing: bytes[prefixLength..<dataOffset])
    let text: String
    if major == 3 {
      guard let decoded = String(validating: headerBytes, as: UTF8.self) else {
        throw failure("header text is not UTF-8")
      }
      text = decoded
    } else {
      text = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
    }

    let literal: PythonLiteral
    do {
      literal = try PythonLiteral.parse(text)
    } catch {
      throw failure("\(error.message) at character \(error.offset + 1) of the dictionary")
    }
    guard case .dictionary(let pairs) = literal else {
      throw failure("expected a dictionary, found \(literal.shownRepresentation)")
    }
    var descr: PythonLiteral?
    var fortranOrder: PythonLiteral?
    var shapeLiteral: PythonLiteral?
    for (key, value) in pairs {
      switch key {
      case .string("descr"): descr = value
      case .string("fortran_order"): fortranOrder = value
      case .string("shape"): shapeLiteral = value
      default: throw failure("unexpected key \(key.shownRepresentation)")
      }
    }
    guard let descr else { throw failure("missing key 'descr'") }
    guard let fortranOrder else { throw failure("missing key 'fortran_order'") }
    guard let shapeLiteral else { throw failure("missing key 'shape'") }

    let supported = "expected float32 or float64: '<f4', '<f8', '>f4' or '>f8'"
    guard case .string(let typeCode) = descr, let (elementType, isBigEndian) = elementType(typeCode) else {
      throw failure("unsupported dtype \(descr.shownRepresentation), \(supported)")
    }
    guard case .boolean(let isFortranOrder) = fortranOrder else {
      throw failure("fortran_order must be True or False, found \(fortranOrder.shownRepresentation)")
    }
    guard case .tuple(let dimensions) = shapeLiteral else {
      throw failure("shape must be a tuple, found \(shapeLiteral.shownRepresentation)")
    }
    guard dimensions.count <= largestDimensionCount else {
      throw failure("shape has \(dimensions.count) dimensions, more than \(largestDimensionCount)")
    }
    var shape: [Int] = []
    for dimension in dimensions {
      guard case .integer(let size) = dimension, size >= 0 else {
        throw failure("shape \(shapeLiteral.shownRepresentation) must hold non-negative integers")
      }
      shape.append(size)
    }
    return NumpyHeader(
      majorVersion: major, elementType: elementType, isBigEndian: isBigEndian,
      isFortranOrder: isFortranOrder, shape: shape, dataOffset: dataOffset)
  }

  /// The element type and byte order a dtype string names, or nil when unsupported.
  ///
  /// `<` is little endian, `>` big endian; `=` (native) and `|` (not applicable) mean little
  /// endian, the byte order of every machine scoreviz runs on; no prefix means native too.
  private static func elementType(_ code: String) -> (ElementType, Bool)? {
    var body = Substring(code)
    var isBigEndian = false
    if let first = body.first, "<>=|".contains(first) {
      isBigEndian = first == ">"
      body = body.dropFirst()
    }
    switch body {
    case "f4": return (.float32, isBigEndian)
    case "f8": return (.float64, isBigEndian)
    default: return nil
    }
  }
}
