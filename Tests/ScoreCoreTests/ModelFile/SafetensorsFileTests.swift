// Safetensors files against the format written out byte by byte, and every malformed case.

import Foundation
import ScoreCore
import Testing

/// A file assembled per the format: u64 little-endian header length, the header, the data.
func assembleFile(header: String, data: [UInt8], declaredLength: UInt64? = nil) -> [UInt8] {
  let headerBytes = Array(header.utf8)
  let length = declaredLength ?? UInt64(headerBytes.count)
  let lengthBytes = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
  return lengthBytes + headerBytes + data
}

/// A file whose header is `header` and whose data are `zeros` zero bytes.
func headerFile(_ header: String, _ zeros: Int = 0) -> [UInt8] {
  assembleFile(header: header, data: [UInt8](repeating: 0, count: zeros))
}

/// A fresh empty folder under the system's temporary folder.
func makeTemporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "/safetensors-test-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
  return path
}

@Suite struct SafetensorsFileTests {
  /// Encoding then decoding gives the same tensors (order, names, shapes, values bit for
  /// bit) and metadata, including names and values that need JSON escaping.
  @Test func roundTrip() throws {
    let file = SafetensorsFile(
      tensors: [
        NamedTensor(name: "net.0.weight", shape: [2, 3], values: [1, -2, 3.5, .pi, -0.0, 1e-30]),
        NamedTensor(name: "empty", shape: [0, 4], values: []),
        NamedTensor(
          name: "net.0.bias", shape: [3], values: [.greatestFiniteMagnitude, .infinity, 7]),
        NamedTensor(name: "scale \"σ\"\\", shape: [], values: [0.25]),
      ],
      metadata: ["sigmas": "1.0,0.01", "quote\"back\\slash": "line\nbreak\ttab\u{01}end", "σ": "ü"])
    let decoded = try SafetensorsFile(decoding: file.encode(), fileName: "model.safetensors")
    #expect(decoded == file)
  }

  /// The same through `write(to:)` and `read(path:)`, with a NaN value kept bit for bit.
  @Test func roundTripThroughTheFileSystem() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let nan = Float(bitPattern: 0x7FC0_1234)
    let file = SafetensorsFile(tensors: [NamedTensor(name: "w", shape: [2], values: [nan, 2])])
    let path = folder + "/model.safetensors"
    try file.write(to: path)
    let again = try SafetensorsFile.read(path: path)
    #expect(again.tensors[0].values[0].bitPattern == 0x7FC0_1234)
    #expect(again.tensors[0].values[1] == 2)
    #expect(again.tensors[0].shape == [2])
  }

  /// A file written out byte by byte (F32 little-endian: 1.0 = 00 00 80 3F, −2.5 = 00 00 20 C0,
  /// 0.5 = 00 00 00 3F, 3.0 = 00 00 40 40), header keys in no particular order: the tensors
  /// come back in data order with their metadata.
  @Test func decodesAHandAssembledFile() throws {
    let header =
      #"{"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},"#
      + #""__metadata__":{"format":"pt"},"a":{"data_offsets":[0,8],"shape":[1,2],"dtype":"F32"}}"#
    let data: [UInt8] = [0, 0, 0x80, 0x3F, 0, 0, 0x20, 0xC0, 0, 0, 0, 0x3F, 0, 0, 0x40, 0x40]
    let file = try SafetensorsFile(
      decoding: assembleFile(header: header, data: data), fileName: "m")
    #expect(file.metadata == ["format": "pt"])
    #expect(file.tensors.map(\.name) == ["a", "b"])
    #expect(file.tensor(named: "a") == NamedTensor(name: "a", shape: [1, 2], values: [1, -2.5]))
    #expect(file.tensor(named: "b") == NamedTensor(name: "b", shape: [2], values: [0.5, 3]))
    #expect(file.tensor(named: "c") == nil)
  }

  /// The encoder's bytes for a small file, spelled out: fixed field order, sorted metadata,
  /// no metadata object when there is none, space padding to 8, F32 little-endian data.
  @Test func encodesTheExactBytes() {
    let file = SafetensorsFile(
      tensors: [NamedTensor(name: "w", shape: [2], values: [1, -2.5])],
      metadata: ["b": "2", "a": "1"])
    let header =
      #"{"__metadata__":{"a":"1","b":"2"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
    let padded = header + String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)
    let data: [UInt8] = [0, 0, 0x80, 0x3F, 0, 0, 0x20, 0xC0]
    #expect(file.encode() == assembleFile(header: padded, data: data))
    let bare = SafetensorsFile(tensors: [])
    #expect(bare.encode() == assembleFile(header: "{}      ", data: []))
  }

  /// For names of every length 1…16 the header length is a multiple of 8, the header starts
  /// with '{' and the data follow right after it.
  @Test func headerIsEightByteAligned() {
    for length in 1...16 {
      let name = String(repeating: "n", count: length)
      let bytes = SafetensorsFile(tensors: [NamedTensor(name: name, shape: [1], values: [1])])
        .encode()
      let headerLength = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
      #expect(headerLength.isMultiple(of: 8), "name length \(length)")
      #expect(bytes[8] == UInt8(ascii: "{"))
      #expect(bytes.count == 8 + headerLength + 4)
      #expect(Array(bytes[(8 + headerLength)...]) == [0, 0, 0x80, 0x3F])
    }
  }

  /// F64, F16 and BF16 data convert to the right Float values (bytes little-endian):
  /// F64 1.0 = 3FF0…, −2.5 = C004…, 0.1 rounds to Float(0.1), 1e300 overflows to +∞;
  /// F16 3C00 = 1, C100 = −2.5, 7BFF = 65504, 0001 = 2⁻²⁴, 0400 = 2⁻¹⁴, 7C00 = +∞, 8000 = −0;
  /// BF16 3F80 = 1, C020 = −2.5, 7F7F = 0x1.FEp127, FF80 = −∞.
  @Test func convertsWiderAndNarrowerFloats() throws {
    let f64: [UInt64] = [
      0x3FF0_0000_0000_0000, 0xC004_0000_0000_0000, 0.1.bitPattern, 1e300.bitPattern,
    ]
    let f16: [UInt16] = [0x3C00, 0xC100, 0x7BFF, 0x0001, 0x0400, 0x7C00, 0x8000]
    let bf16: [UInt16] = [0x3F80, 0xC020, 0x7F7F, 0xFF80]
    var data: [UInt8] = []
    for word in f64 { data += (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) } }
    for word in f16 + bf16 { data += [UInt8(word & 0xFF), UInt8(word >> 8)] }
    let header =
      #"{"d":{"dtype":"F64","shape":[4],"data_offsets":[0,32]},"#
      + #""h":{"dtype":"F16","shape":[7],"data_offsets":[32,46]},"#
      + #""b":{"dtype":"BF16","shape":[2,2],"data_offsets":[46,54]}}"#
    let file = try SafetensorsFile(
      decoding: assembleFile(header: header, data: data), fileName: "m")
    #expect(file.tensor(named: "d")?.values == [1, -2.5, Float(0.1), .infinity])
    let half = try #require(file.tensor(named: "h")?.values)
    #expect(Array(half[0..<6]) == [1, -2.5, 65504, 0x1p-24, 0x1p-14, .infinity])
    #expect(half[6] == 0 && half[6].sign == .minus)
    #expect(file.tensor(named: "b")?.values == [1, -2.5, 0x1.FEp127, -.infinity])
    #expect(file.tensor(named: "b")?.shape == [2, 2])
  }

  /// Every malformed file gives its own message, prefixed `model.safetensors: header: `,
  /// and exit code 65.
  @Test(
    arguments: [
      (
        Array(assembleFile(header: "", data: []).prefix(5)),
        "file is 5 bytes, too short for the 8-byte header length"
      ),
      (
        assembleFile(header: "{}", data: [], declaredLength: 100),
        "length 100 runs past the end of the file (2 bytes follow it)"
      ),
      (
        assembleFile(header: "{}", data: [], declaredLength: UInt64.max),
        "length 18446744073709551615 runs past the end of the file (2 bytes follow it)"
      ),
      (headerFile("{}", 2), "bytes 0..<2 of the data belong to no tensor"),
      (
        [8, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0xFF, 0xFE, 0x7D, 0x20, 0x20, 0x20, 0x20], "not valid UTF-8"
      ),
      (headerFile("[1, 2]"), "expected a JSON object at the top level, found an array"),
      (headerFile(#"{"w":[1]}"#), "tensor 'w' must be an object, found an array"),
      (headerFile(#"{"w":{"shape":[1],"data_offsets":[0,4]}}"#, 4), "tensor 'w' has no 'dtype'"),
      (headerFile(#"{"w":{"dtype":"F32","data_offsets":[0,4]}}"#, 4), "tensor 'w' has no 'shape'"),
      (headerFile(#"{"w":{"dtype":"F32","shape":[1]}}"#, 4), "tensor 'w' has no 'data_offsets'"),
      (
        headerFile(#"{"w":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#, 8),
        "tensor 'w' has unsupported dtype 'I64' (expected F32, F64, F16 or BF16)"
      ),
      (
        headerFile(#"{"w":{"dtype":32,"shape":[1],"data_offsets":[0,4]}}"#, 4),
        "tensor 'w' has unsupported dtype '32' (expected F32, F64, F16 or BF16)"
      ),
      (
        headerFile(#"{"w":{"dtype":"F32","shape":"1","data_offsets":[0,4]}}"#, 4),
        "shape of tensor 'w' must be an array, found '1'"
      ),
      (
        headerFile(#"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, 4),
        "shape of tensor 'w' has '-1', not a non-negative integer"
      ),
      (
        headerFile(#"{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#, 4),
        "shape of tensor 'w' has '1.5', not a non-negative integer"
      ),
      (
        headerFile(
          #"{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#, 4),
        "shape of tensor 'w' is too large"
      ),
      (
        headerFile(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, 4),
        "data_offsets of tensor 'w' must be two non-negative integers [begin, end]"
      ),
      (
        headerFile(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, 4),
        "data_offsets of tensor 'w' are reversed (4 > 0)"
      ),
      (
        headerFile(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, 4),
        "data_offsets of tensor 'w' run past the end of the data (8 > 4)"
      ),
      (
        headerFile(#"{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,8]}}"#, 8),
        "tensor 'w' of shape [2, 2] and dtype F32 needs 16 bytes but data_offsets span 8"
      ),
      (
        headerFile(
          #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
          12),
        "tensors 'a' and 'b' overlap (bytes 0..<8 and 4..<12)"
      ),
      (
        headerFile(
          #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#,
          12),
        "bytes 4..<8 of the data belong to no tensor"
      ),
      (
        headerFile(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, 6),
        "bytes 4..<6 of the data belong to no tensor"
      ),
      (
        headerFile(#"{"__metadata__":{"epoch":3}}"#),
        "metadata value for 'epoch' is '3', not a string"
      ),
      (
        headerFile(#"{"__metadata__":["x"]}"#),
        "'__metadata__' must be an object of strings, found an array"
      ),
    ] as [([UInt8], String)])
  func malformedFilesSayWhatIsWrong(bytes: [UInt8], problem: String) {
    #expect {
      try SafetensorsFile(decoding: bytes, fileName: "model.safetensors")
    } throws: { error in
      guard let error = error as? ModelFileError else { return false }
      return error.description == "model.safetensors: header: " + problem
        && error.exitCode == 65 && error.kind == .malformed
    }
  }

  /// The JSON failure gives the parser's reason after the fixed prefix, without a final period.
  @Test(arguments: ["{abc", "", #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}"#])
  func invalidJSONCarriesTheParserReason(header: String) throws {
    let bytes = assembleFile(header: header, data: [])
    do {
      _ = try SafetensorsFile(decoding: bytes, fileName: "model.safetensors")
      Issue.record("decoding '\(header)' succeeded")
    } catch {
      #expect(error.description.hasPrefix("model.safetensors: header: not valid JSON: "))
      #expect(error.description.count > "model.safetensors: header: not valid JSON: ".count)
      #expect(!error.description.hasSuffix("."))
    }
  }

  /// A missing file and a folder cannot be opened: exit code 66, the path and the reason.
  @Test func unreadablePathsGiveExitCode66() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let missing = folder + "/absent.safetensors"
    #expect(
      throws: ModelFileError(
        fileName: missing, message: "cannot open: No such file or directory", kind: .cannotOpen)
    ) { try SafetensorsFile.read(path: missing) }
    #expect(
      throws: ModelFileError(
        fileName: folder, message: "cannot open: Is a directory", kind: .cannotOpen)
    ) {
      try SafetensorsFile.read(path: folder)
    }
    #expect(ModelFileError(fileName: "f", message: "m", kind: .cannotOpen).exitCode == 66)
  }

  /// Writing into a folder that does not exist throws and leaves nothing anywhere.
  @Test func writeIntoMissingFolderLeavesNoFile() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = SafetensorsFile(tensors: [NamedTensor(name: "w", shape: [1], values: [1])])
    #expect(throws: FileWriteError.self) {
      try file.write(to: folder + "/missing/model.safetensors")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: folder + "/missing"))
  }
}
