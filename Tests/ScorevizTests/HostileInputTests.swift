// The real binary against a corpus of hostile files: one clean line on stderr, the right code, quickly.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

/// Each hostile file is given to the command that reads it (`kde --data`, `field --model`,
/// `render --theme`); the run must end within 10 s (a debug build included) with the
/// expected sysexits code and exactly one stderr line, `scoreviz: ` plus the expected
/// message, holding no ESC, BEL, CR or other control byte.
@Suite struct HostileInputTests {
  /// A hostile input: the file to write (relative to the folder) or an absolute path to use
  /// as is, the command arguments after the path, the exit code and the message after the
  /// path.
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var contents: [UInt8]?
    var command: [String]
    var status: Int32
    var message: String

    var description: String { command[0] + " " + name }
  }

  static let kde = ["kde", "--rule", "scott", "--grid", "20x20", "--data"]
  static let field = ["field", "--sigma", "0.1", "--grid", "4x4", "--model"]

  static func npy(major: UInt8 = 1, _ dictionary: String) -> [UInt8] {
    let body = Array(dictionary.utf8) + [0x0A]
    let lengthBytes = major == 1 ? 2 : 4
    return [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, major, 0]
      + (0..<lengthBytes).map { UInt8((body.count >> (8 * $0)) & 0xFF) } + body
  }

  static func safetensors(_ header: String, declaredLength: UInt64? = nil) -> [UInt8] {
    let bytes = Array(header.utf8)
    let length = declaredLength ?? UInt64(bytes.count)
    return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + bytes
  }

  /// A model scoreviz would load, but with `metadata` changed.
  static func model(metadata: [String: String]) -> [UInt8] {
    var random = SeededGenerator(seed: 2)
    var file = ScoreModelFile(network: ScoreNetwork(using: &random), ladder: .standard, standardization: .identity)
      .safetensors
    file.metadata.merge(metadata) { $1 }
    return file.encode()
  }

  static let tensor = #"{"dtype":"F32","shape":[1],"data_offsets":[0,4]}"#

  static let cases: [Case] = [
    Case(
      name: "deep.npy",
      contents: npy(major: 2, "{'descr': " + String(repeating: "(", count: 30_000)),
      command: kde, status: 65, message: "header: nested deeper than 64 levels at character 74 of the dictionary"),
    Case(
      name: "header.npy",
      contents: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 2, 0, 0x80, 0x9F, 0xCD, 0x2F] + Array("{}".utf8),
      command: kde, status: 65, message: "header: length 802004864 is more than the 65535 bytes a header may have"),
    Case(
      name: "shape.npy",
      contents: npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 2), }"),
      command: kde, status: 65,
      message: "shape (4611686018427387904, 2): more than 50000000 points, the most a data file may have"),
    Case(
      name: "escape.csv", contents: Array("x,y\n1,2\n3,\u{1B}[31mred\u{07}\r\n".utf8),
      command: kde, status: 65, message: "3:3: expected a number, found '\\x1b[31mred\\x07'"),
    Case(
      name: "binary.csv", contents: Array("x,y\n1,2\n".utf8) + [0xFF, 0x00, 0x1B],
      command: kde, status: 65, message: "3:2: expected CSV text or an NPY file, found a NUL byte"),
    Case(
      name: "/dev/zero", command: kde, status: 65, message: "1:1: expected CSV text or an NPY file, found a NUL byte"),
    Case(name: "missing.csv", command: kde, status: 66, message: "cannot open: No such file or directory"),
    Case(
      name: "duplicate.safetensors",
      contents: safetensors(#"{"0.weight":\#(tensor),"0.weight":\#(tensor)}"#) + [0, 0, 0, 0],
      command: field, status: 65, message: "header: line 1, column 62: duplicate tensor name '0.weight'"),
    Case(
      name: "deep.safetensors", contents: safetensors(String(repeating: "[", count: 100_000)),
      command: field, status: 65, message: "header: line 1, column 65: arrays and objects nested deeper than 64 levels"),
    Case(
      name: "length.safetensors", contents: safetensors("{}", declaredLength: UInt64.max),
      command: field, status: 65,
      message: "header: length 18446744073709551615 runs past the end of the file (2 bytes follow it)"),
    Case(
      name: "ladder.safetensors", contents: model(metadata: ["sigmas": "1:0.01:1000000000"]),
      command: field, status: 65,
      message:
        "metadata: sigmas '1:0.01:1000000000': Expected a whole number of levels between 1 and 1000, found '1000000000'"
    ),
    Case(
      name: "escape.safetensors", contents: model(metadata: ["format": "\u{1B}]0;owned\u{07}\r\n"]),
      command: field, status: 65, message: "metadata: format '\\x1b]0;owned\\x07\\r\\n' is not 'scoreviz-ncsn-mlp/1'"),
    Case(
      name: "/dev/zero", command: field, status: 65,
      message: "file is larger than 67108864 bytes, the most a model file may have"),
  ]

  /// Runs `arguments`, timing it, and checks the code and the one stderr line.
  static func expectOneCleanLine(
    _ arguments: [String], status: Int32, line expected: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let start = Date()
    let result = try runScoreviz(arguments)
    let seconds = Date().timeIntervalSince(start)
    #expect(seconds < 10, "took \(seconds) s", sourceLocation: sourceLocation)
    #expect(result.status == status, "\(result.standardError)", sourceLocation: sourceLocation)
    let controls = result.standardError.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }
    #expect(
      controls.isEmpty, "control bytes on stderr: \(result.standardError.debugDescription)",
      sourceLocation: sourceLocation)
    #expect(result.standardError == "scoreviz: " + expected + "\n", sourceLocation: sourceLocation)
  }

  @Test(arguments: cases)
  func hostileFileGivesOneCleanLine(_ hostile: Case) throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = hostile.name.hasPrefix("/") ? hostile.name : folder + "/" + hostile.name
    if let contents = hostile.contents {
      #expect(FileManager.default.createFile(atPath: path, contents: Data(contents)))
    }
    let separator = hostile.message.first?.isNumber == true ? ":" : ": "
    try Self.expectOneCleanLine(
      hostile.command + [path], status: hostile.status, line: path + separator + hostile.message)
  }

  /// Theme files by name from --themes-dir: nesting, escape bytes, an endless file, a
  /// folder in a theme's place.
  @Test(
    arguments: [
      (
        "deep", "[colors]\ntext = " + String(repeating: "[", count: 100_000), Int32(65),
        ":2:72: arrays nested deeper than 64 levels"
      ),
      (
        "escape", "[colors]\ntext = \"\u{1B}[2J\u{07}\"\r\n", 65,
        ":2:8: expected a colour '#RRGGBB', '#GG' or 'default', found '\\x1b[2J\\x07'"
      ),
      ("zero", nil, 65, ": file is larger than 1048576 bytes, the most a theme file may have"),
      ("folder", nil, 66, ": cannot open: Is a directory"),
    ] as [(String, String?, Int32, String)])
  func hostileThemeGivesOneCleanLine(name: String, text: String?, status: Int32, message: String) throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/" + name + ".toml"
    switch name {
    case "zero": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
    case "folder": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    default: try (text ?? "").write(toFile: path, atomically: false, encoding: .utf8)
    }
    try Self.expectOneCleanLine(
      ["render", "--steps", "0", "--width", "80", "--height", "24", "--themes-dir", folder, "--theme", name],
      status: status, line: path + message)
  }

  /// A theme with unknown keys and a root `colors = 5` still renders, and says what it
  /// skipped on stderr, escaped.
  @Test func themeWarningsReachStandardError() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = try writeTextFile(
      "colors = 5\n[colors]\ntext = \"#ffffff\"\n\"spark\\u001b\" = \"#000000\"\n", named: "odd.toml", in: folder)
    let result = try runScoreviz(
      [
        "render", "--steps", "0", "--width", "80", "--height", "24", "--particles", "10", "--themes-dir", folder,
        "--theme", "odd",
      ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(
      result.standardError == """
        scoreviz: warning: \(path):1:1: unknown key 'colors' outside any table skipped
        scoreviz: warning: \(path):4:1: unknown key 'spark\\x1b' in table 'colors' skipped

        """)
  }
}
