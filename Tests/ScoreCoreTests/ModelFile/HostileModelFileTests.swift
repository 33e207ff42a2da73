// Model files made to hurt the reader: duplicate names, deep nesting, sizes taken on trust, escape bytes.

import Foundation
import ScoreCore
import Testing

@Suite struct HostileModelFileTests {
  /// The description of the error decoding `bytes`, or nil when they decode.
  func decodeError(_ bytes: [UInt8]) -> String? {
    do {
      _ = try SafetensorsFile(decoding: bytes, fileName: "m.safetensors")
      return nil
    } catch {
      #expect(error.exitCode == 65)
      return error.description
    }
  }

  static let tensor = #"{"dtype":"F32","shape":[1],"data_offsets":[0,4]}"#

  /// A key may appear once per object, as the safetensors library requires: a tensor name
  /// given twice is refused (JSON decoders keep one of them silently), and so is any other
  /// repeated key, with its place.
  @Test(arguments: [
    (#"{"a":\#(tensor),"a":\#(tensor)}"#, "m.safetensors: header: line 1, column 55: duplicate tensor name 'a'"),
    (
      #"{"__metadata__":{"k":"1","k":"2"}}"#,
      "m.safetensors: header: line 1, column 26: duplicate key 'k' in '__metadata__'"
    ),
    (
      #"{"w":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
      "m.safetensors: header: line 1, column 21: duplicate key 'dtype' in 'w'"
    ),
    (
      #"{"__metadata__":{},"__metadata__":{}}"#,
      "m.safetensors: header: line 1, column 20: '__metadata__' appears twice"
    ),
    (
      "{\"a\":\(tensor),\n \"\\u0061\":\(tensor)}", "m.safetensors: header: line 2, column 2: duplicate tensor name 'a'"
    ),
  ])
  func repeatedKeysAreRefused(header: String, message: String) {
    #expect(decodeError(headerFile(header, 4)) == message)
  }

  /// Arrays and objects nest at most 64 deep: 100,000 brackets are an error at the 65th,
  /// not a stack overflow; 64 are fine as JSON (and then not a tensor entry).
  @Test func nestingIsBounded() {
    #expect(
      decodeError(headerFile(String(repeating: "[", count: 100_000)))
        == "m.safetensors: header: line 1, column 65: arrays and objects nested deeper than 64 levels")
    let objects = String(repeating: #"{"a":"#, count: 70_000)
    #expect(
      decodeError(headerFile(objects))
        == "m.safetensors: header: line 1, column 321: arrays and objects nested deeper than 64 levels")
    let deepest = "{\"w\":" + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "}"
    #expect(decodeError(headerFile(deepest)) == "m.safetensors: header: tensor 'w' must be an object, found an array")
  }

  /// A header longer than 1 MiB is refused before it is parsed.
  @Test func headerLengthIsBounded() {
    let long = "{}" + String(repeating: " ", count: (1 << 20) + 6)
    #expect(
      decodeError(headerFile(long))
        == "m.safetensors: header: length 1048584 is more than the 1048576 bytes a header may have")
    let longest = "{}" + String(repeating: " ", count: (1 << 20) - 2)
    #expect(decodeError(headerFile(longest)) == nil)
  }

  /// A file larger than 64 MiB is refused from its size, before a byte is read; an endless
  /// device stops at the bound.
  @Test func fileSizeIsBounded() throws {
    let path = try makeTemporaryFolder() + "/huge.safetensors"
    defer { try? FileManager.default.removeItem(atPath: path) }
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    #expect(truncate(path, off_t(SafetensorsFile.largestFileSize + 1)) == 0)
    let message = "file is larger than 67108864 bytes, the most a model file may have"
    #expect(throws: ModelFileError(fileName: path, message: message, kind: .malformed)) {
      try SafetensorsFile.read(path: path)
    }
    #expect(throws: ModelFileError(fileName: "/dev/zero", message: message, kind: .malformed)) {
      try SafetensorsFile.read(path: "/dev/zero")
    }
  }

  /// Malformed JSON names its place and what it found, escaped.
  @Test(arguments: [
    (
      "{\"\u{07}\":1}",
      "not valid JSON: line 1, column 3: expected control characters in a string to be escaped, found '\\x07'"
    ),
    (#"{"\ud800":1}"#, "not valid JSON: line 1, column 3: unpaired surrogate in a \\u escape"),
    (#"{"a":01}"#, "not valid JSON: line 1, column 7: expected no leading zero in a number, found '1'"),
    ("{\"a\":1,\n\u{1B}}", "not valid JSON: line 2, column 1: expected a key in double quotes, found '\\x1b'"),
    (#"{"a":1} x"#, "not valid JSON: line 1, column 9: expected the end of the header, found 'x'"),
    (#"{"a":tru}"#, "not valid JSON: line 1, column 6: expected a value, found 't'"),
  ])
  func syntaxErrorsNameTheirPlace(header: String, problem: String) {
    #expect(decodeError(headerFile(header)) == "m.safetensors: header: " + problem)
  }

  /// Tensor names and metadata from the file are escaped wherever a message echoes them.
  @Test func namesAreEscaped() {
    #expect(
      decodeError(headerFile(#"{"\u001b[2J":{"shape":[1],"data_offsets":[0,4]}}"#, 4))
        == "m.safetensors: header: tensor '\\x1b[2J' has no 'dtype'")
    #expect(
      decodeError(headerFile(#"{"w":{"dtype":"\u0007","shape":[1],"data_offsets":[0,4]}}"#, 4))
        == "m.safetensors: header: tensor 'w' has unsupported dtype '\\x07' (expected F32, F64, F16 or BF16)")
    #expect(
      decodeError(headerFile(#"{"__metadata__":{"\r\n":1}}"#))
        == "m.safetensors: header: metadata value for '\\r\\n' is '1', not a string")
  }

  /// A ladder length from the metadata is bounded before the ladder is built; its text is
  /// escaped in the message.
  @Test(arguments: [
    (
      "1:0.01:1000000000",
      "metadata: sigmas '1:0.01:1000000000': Expected a whole number of levels between 1 and 1000, found '1000000000'"
    ),
    (
      "1:0.01:2147483647",
      "metadata: sigmas '1:0.01:2147483647': Expected a whole number of levels between 1 and 1000, found '2147483647'"
    ),
    (
      "1:\u{1B}[31m:3",
      "metadata: sigmas '1:\\x1b[31m:3': Expected a noise level between 1e-06 and 1e+06, found '\\x1b[31m'"
    ),
  ])
  func ladderMetadataIsBounded(sigmas: String, message: String) throws {
    var rng = SeededGenerator(seed: 1)
    var file = ScoreModelFile(
      network: ScoreNetwork(using: &rng), ladder: .standard, standardization: .identity
    ).safetensors
    file.metadata["sigmas"] = sigmas
    #expect(throws: ModelFileError(fileName: "m.safetensors", message: message, kind: .malformed)) {
      try ScoreModelFile(file, fileName: "m.safetensors")
    }
  }
}
