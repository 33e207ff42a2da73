// A model file in the safetensors format: named float tensors plus string metadata.

/// The contents of a safetensors file, the format PyTorch (`safetensors.torch`) and
/// scoreviz both read and write.
///
/// Layout: an 8-byte little-endian u64 N, then N bytes of UTF-8 JSON header, then the raw
/// data. The header maps each tensor name to
/// `{"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}` (byte offsets into the
/// data section) and may hold `"__metadata__": {string: string}`. The data of all tensors
/// cover the data section exactly, without gaps or overlaps.
///
/// Writing: F32 little-endian, tensors in the order of `tensors`, a header with fields in a
/// fixed order, metadata keys sorted, padded with spaces so the data start 8-byte aligned;
/// the same contents always give the same bytes. Reading accepts F32, F64, F16 and BF16 and
/// converts to `Float`; the tensors come back in the order of their data.
///
/// ```
/// let file = SafetensorsFile(
///   tensors: [NamedTensor(name: "net.0.bias", shape: [128], values: bias)],
///   metadata: ["sigmas": "1.0,0.01"])
/// try file.write(to: "model.safetensors")
/// let again = try SafetensorsFile.read(path: "model.safetensors")
/// ```
public struct SafetensorsFile: Sendable, Equatable {
  /// The header key that holds the metadata rather than a tensor.
  public static let metadataKey = "__metadata__"

  /// The largest file `read(path:)` reads, 64 MiB: a scoreviz model is about 136 kB (F32)
  /// or 272 kB (F64), so this leaves room for any model it can load while a huge or endless
  /// file (`/dev/zero`) is refused before it costs memory.
  public static let largestFileSize = 64 << 20

  /// The largest header accepted, 1 MiB: a scoreviz header is about 1 kB; the bound keeps a
  /// hostile header from costing more than a few MiB to parse. (The safetensors library
  /// itself stops at 100 MB.)
  public static let largestHeaderLength = 1 << 20

  /// The tensors, in file order; names are unique.
  public var tensors: [NamedTensor]
  /// Free-form string pairs stored under `__metadata__`.
  public var metadata: [String: String]

  /// Creates file contents.
  ///
  /// - Parameters:
  ///   - tensors: tensors with unique names (checked when encoding).
  ///   - metadata: string pairs; omitted from the header when empty.
  public init(tensors: [NamedTensor], metadata: [String: String] = [:]) {
    self.tensors = tensors
    self.metadata = metadata
  }

  /// The tensor called `name`, if any.
  public func tensor(named name: String) -> NamedTensor? {
    tensors.first { $0.name == name }
  }

  /// Reads and decodes the file at `path`.
  ///
  /// - Throws: `ModelFileError` with kind `.cannotOpen` (exit 66) when the file cannot be
  ///   opened or read, `.malformed` (exit 65) when its contents are not valid or it is larger
  ///   than `largestFileSize`; messages start with `path`.
  public static func read(path: String) throws(ModelFileError) -> SafetensorsFile {
    let bytes = try readBytes(path: path)
    return try SafetensorsFile(decoding: bytes, fileName: path)
  }

  /// Encodes the contents and writes them to `path` atomically (`AtomicFile.write`).
  ///
  /// - Throws: `FileWriteError` when the folder is missing or not writable; nothing is left
  ///   at `path` then.
  public func write(to path: String) throws {
    try AtomicFile.write(encode(), to: path)
  }

  /// The file's bytes: length, header, F32 data.
  ///
  /// Header: `{"__metadata__":{…},"name":{"dtype":"F32","shape":[…],"data_offsets":[b,e]},…}`
  /// with tensors in the order of `tensors`, metadata keys sorted, strings JSON-escaped,
  /// padded with spaces to a multiple of 8 bytes. Traps if two tensors share a name.
  public func encode() -> [UInt8] {
    precondition(
      Set(tensors.map(\.name)).count == tensors.count, "tensor names in a file must be unique")
    var header = JSONObject()
    if !metadata.isEmpty {
      let pairs = metadata.keys.sorted().map { ($0, JSONValue.string(metadata[$0]!)) }
      header.append(Self.metadataKey, .object(JSONObject(pairs)))
    }
    var offset = 0
    for tensor in tensors {
      let end = offset + 4 * tensor.values.count
      let entry = JSONObject([
        ("dtype", .string("F32")), ("shape", .array(tensor.shape.map { .integer($0) })),
        ("data_offsets", .array([.integer(offset), .integer(end)])),
      ])
      header.append(tensor.name, .object(entry))
      offset = end
    }
    var headerBytes = Array(header.encoded.utf8)
    while !headerBytes.count.isMultiple(of: 8) { headerBytes.append(0x20) }
    let total = 8 + headerBytes.count + offset
    return [UInt8](unsafeUninitializedCapacity: total) { out, initialized in
      let raw = UnsafeMutableRawBufferPointer(out)
      raw.storeBytes(of: UInt64(headerBytes.count).littleEndian, toByteOffset: 0, as: UInt64.self)
      headerBytes.withUnsafeBytes {
        raw.baseAddress!.advanced(by: 8).copyMemory(from: $0.baseAddress!, byteCount: $0.count)
      }
      var position = 8 + headerBytes.count
      for tensor in tensors {
        for value in tensor.values {
          raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: position, as: UInt32.self)
          position &+= 4
        }
      }
      initialized = total
    }
  }

  /// The whole file at `path`, at most `largestFileSize` bytes.
  static func readBytes(path: String) throws(ModelFileError) -> [UInt8] {
    do {
      return try FileBytes.read(path: path, limit: largestFileSize)
    } catch {
      switch error {
      case .cannotOpen(let reason):
        throw ModelFileError(fileName: path, message: "cannot open: " + reason, kind: .cannotOpen)
      case .tooLarge(let limit):
        throw ModelFileError(
          fileName: path, message: "file is larger than \(limit) bytes, the most a model file may have",
          kind: .malformed)
      }
    }
  }
}
