// Reading safetensors bytes, with a precise message for every way a file can be malformed.

extension SafetensorsFile {
  /// Decodes the bytes of a safetensors file.
  ///
  /// Checks, in order: at least 8 bytes; the header length N fits in the file and is at most
  /// `largestHeaderLength`; the header is UTF-8 JSON (read by `HeaderJSONParser`: nested at
  /// most 64 deep, no key twice in an object, so no tensor name twice) whose top level is an
  /// object; `__metadata__`, if present, maps strings to
  /// strings; every other entry has a supported `dtype` (F32, F64, F16, BF16), a `shape` of
  /// non-negative integers and `data_offsets` [begin, end] with begin ≤ end ≤ the data size
  /// and end − begin = (product of shape)·(element size); the tensors' ranges, sorted by
  /// begin, cover the data section exactly (no overlap, no gap, nothing after the last).
  /// Tensors are returned in that order (ties between empty tensors by name).
  ///
  /// - Parameters:
  ///   - bytes: the whole file.
  ///   - fileName: the name that starts every error message.
  /// - Throws: `ModelFileError` (kind `.malformed`) whose message starts with `header: `, or,
  ///   for a file that starts like `torch.save`'s output, says it is a PyTorch pickle.
  public init(decoding bytes: [UInt8], fileName: String) throws(ModelFileError) {
    // A file that fails the length checks and starts like `torch.save`'s output gets a
    // message that says what it is; a valid safetensors file never reaches that test.
    func fail(_ problem: String) -> ModelFileError {
      guard Self.isPyTorchPickle(bytes) else { return .header(fileName, problem) }
      return ModelFileError(
        fileName: fileName,
        message:
          "this is a PyTorch pickle (torch.save), not safetensors; save the weights with "
          + "safetensors.torch.save_file(model.state_dict(), 'model.safetensors')",
        kind: .malformed)
    }

    guard bytes.count >= 8 else {
      throw fail("file is \(bytes.count) bytes, too short for the 8-byte header length")
    }
    let declared = bytes.withUnsafeBytes {
      UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
    }
    let available = bytes.count - 8
    guard declared <= UInt64(available) else {
      throw fail("length \(declared) runs past the end of the file (\(available) bytes follow it)")
    }
    guard declared <= UInt64(Self.largestHeaderLength) else {
      throw fail(
        "length \(declared) is more than the \(Self.largestHeaderLength) bytes a header may have")
    }
    let headerLength = Int(declared)
    let headerBytes = bytes[8..<(8 + headerLength)]
    guard String(validating: headerBytes, as: UTF8.self) != nil else {
      throw fail("not valid UTF-8")
    }
    let root: JSONValue
    do {
      root = try headerBytes.withUnsafeBufferPointer { buffer throws(HeaderJSONParser.Failure) in
        try HeaderJSONParser.parse(buffer)
      }
    } catch {
      let (line, column) = headerBytes.withUnsafeBufferPointer {
        HeaderJSONParser.place(of: error.offset, in: $0)
      }
      let place = "line \(line), column \(column)"
      switch error.reason {
      case .syntax(let problem):
        throw fail("not valid JSON: \(place): \(problem)")
      case .tooDeep:
        throw fail("\(place): arrays and objects nested deeper than \(HeaderJSONParser.nestingLimit) levels")
      case .duplicateKey(let key, enclosingKey: nil):
        throw fail(
          key == Self.metadataKey
            ? "\(place): '\(Self.metadataKey)' appears twice"
            : "\(place): duplicate tensor name \(EscapedText.quoted(key))")
      case .duplicateKey(let key, enclosingKey: let enclosing?):
        throw fail(
          "\(place): duplicate key \(EscapedText.quoted(key)) in \(EscapedText.quoted(enclosing))")
      }
    }
    guard case .object(let entries) = root else {
      throw fail("expected a JSON object at the top level, found \(root.summary)")
    }

    var metadata: [String: String] = [:]
    if let value = entries[Self.metadataKey] {
      guard case .object(let pairs) = value else {
        throw fail("'__metadata__' must be an object of strings, found \(value.summary)")
      }
      for key in pairs.keys.sorted() {
        guard case .string(let text) = pairs[key]! else {
          throw fail(
            "metadata value for \(EscapedText.quoted(key)) is \(pairs[key]!.summary), not a string")
        }
        metadata[key] = text
      }
    }

    let dataSize = available - headerLength
    var layouts: [TensorLayout] = []
    for name in entries.keys.sorted() where name != Self.metadataKey {
      layouts.append(
        try TensorLayout(name: name, entry: entries[name]!, dataSize: dataSize, fileName: fileName))
    }
    layouts.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
    var covered = 0
    var previous: TensorLayout?
    for layout in layouts {
      if layout.begin < covered, let previous {
        throw fail(
          "tensors \(EscapedText.quoted(previous.name)) and \(EscapedText.quoted(layout.name)) overlap (bytes "
            + "\(previous.begin)..<\(previous.end) and \(layout.begin)..<\(layout.end))")
      }
      if layout.begin > covered {
        throw fail("bytes \(covered)..<\(layout.begin) of the data belong to no tensor")
      }
      covered = layout.end
      previous = layout
    }
    if covered < dataSize {
      throw fail("bytes \(covered)..<\(dataSize) of the data belong to no tensor")
    }

    let dataStart = 8 + headerLength
    let tensors = bytes.withUnsafeBytes { raw in
      layouts.map { layout in
        NamedTensor(
          name: layout.name, shape: layout.shape,
          values: layout.elementType.readValues(
            from: raw, offset: dataStart + layout.begin, count: layout.elementCount))
      }
    }
    self.init(tensors: tensors, metadata: metadata)
  }

  /// Whether `bytes` start like what `torch.save` writes: a zip archive (`PK\u{3}\u{4}`, the
  /// format since PyTorch 1.6) or a bare pickle (protocol 2 to 5: 0x80 then the protocol).
  static func isPyTorchPickle(_ bytes: [UInt8]) -> Bool {
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return true }
    return bytes.count >= 2 && bytes[0] == 0x80 && (2...5).contains(bytes[1])
  }
}
