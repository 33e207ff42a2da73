// Fuzzing the data (CSV, NPY, NPZ) and model readers: mutated valid files must give a value or the reader's own error.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

/// Each target feeds `SCOREVIZ_FUZZ_SECONDS` (default 3) of seeded mutants of a small
/// corpus of valid files (for NPY and safetensors also of bare header texts, which the
/// target wraps with their true length) to one reader (see `FuzzCampaign`, `ByteMutator`) and requires that
/// every input gives a value or the reader's typed error whose message is one printable line,
/// that no input takes more than 2 s, and that peak memory grows by less than 1 GiB.
@Suite struct ReaderFuzzTests {
  /// nil when `message` is one line without bytes that do not print, else why not.
  static func problem(inMessage message: String) -> String? {
    message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
      ? "message with a control character: \(message.debugDescription)" : nil
  }

  static func check(_ report: FuzzReport) {
    #expect(report.executions > 0)
    #expect(report.unexpected.isEmpty, "\(report.unexpected.prefix(5))")
    #expect(report.slowestSeconds < 2, "iteration \(report.slowestIteration) took \(report.slowestSeconds) s")
    #expect(report.peakMemoryGrowth < 1 << 30)
  }

  static let csvCorpus: [String] = [
    "x,y\n1.5,-2\n0.25,3\n",
    "1;2\n3;4e-3\n-5;6\n",
    "\u{FEFF}# comment\nx\ty\n1\t2\r\n3\t4\r\n",
    "\"\",\"x\",\"y\"\n\"1\",0.5,\"1e3\"\n\"2\",NA,3\n",
    "  u   v   w\n 1  2  3\n4 5 6\n",
    "0,1\n0.5,0.25\n1,2\n",
    "a,b,x,y\n1,2,3,4\n\"5\"\"\",6,7,8\n9,10,inf,-0\n",
  ]

  /// nil when the point-file reader takes `bytes` or refuses them with a one-line
  /// `DatasetError`, else what went wrong. Every third input selects `columns`, every second
  /// drops missing values, so those paths are fuzzed too.
  static func problem(readingPoints bytes: [UInt8], file: String, columns: [ColumnSelector]) -> String? {
    do {
      _ = try PointFileReader.parse(
        bytes, file: file, columns: bytes.count % 3 == 0 ? columns : nil,
        dropMissing: bytes.count % 2 == 0)
      return nil
    } catch let error as DatasetError {
      return problem(inMessage: error.description)
    } catch {
      return "unexpected error \(type(of: error)): \(error)"
    }
  }

  @Test func delimitedText() {
    let corpus = Self.csvCorpus.map { Array($0.utf8) }
    let report = FuzzCampaign.run(target: "csv", corpus: corpus) { bytes in
      Self.problem(readingPoints: bytes, file: "fuzz.csv", columns: [.name("y"), .index(0)])
    }
    Self.check(report)
  }

  static var npyCorpus: [[UInt8]] {
    let values: [Double] = [0.5, -1.25, 1e-7, 2.5, 123.456, -7]
    return [
      NumpyArrayReaderTests.npyFile(
        dictionary: NumpyArrayReaderTests.dictionary(shape: "(3, 2)"), data: NumpyArrayReaderTests.float64Bytes(values)),
      NumpyArrayReaderTests.npyFile(
        major: 2, dictionary: NumpyArrayReaderTests.dictionary(descr: "'<f4'", fortran: "True", shape: "(2, 3)"),
        data: NumpyArrayReaderTests.float32Bytes(values.map(Float.init))),
      NumpyArrayReaderTests.npyFile(
        major: 3, dictionary: NumpyArrayReaderTests.dictionary(descr: "'>f8'", shape: "(3, 2,)"),
        data: NumpyArrayReaderTests.float64Bytes(values, bigEndian: true)),
      NumpyArrayReaderTests.npyFile(
        dictionary: "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (0, 2)}", data: []),
      PointFileWriter.npyBytes(DataTable(points: [SIMD2(1, 2), SIMD2(3, 4)])),
      Array(NumpyArrayReaderTests.dictionary(shape: "(3, 2)").utf8),
      Array("{'descr': '>f4', 'fortran_order': True, 'shape': (2, 3), }".utf8),
    ]
  }

  /// An NPY file around `dictionary` with the right header length (version 1.0 or 2.0 by the
  /// length's parity, 2.0 when 1.0 cannot hold it) and 48 data bytes, so that mutations of the dictionary text reach the
  /// header parser whole rather than cut at a stale length.
  static func npyFile(dictionary: [UInt8]) -> [UInt8] {
    let major: UInt8 = dictionary.count % 2 == 0 && dictionary.count < 0xFFFF ? 1 : 2
    let lengthSize = major == 1 ? 2 : 4
    let header = dictionary + [0x0A]
    return [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, major, 0]
      + (0..<lengthSize).map { UInt8((header.count >> (8 * $0)) & 0xFF) } + header
      + NumpyArrayReaderTests.float64Bytes([1, 2, 3, 4, 5, 6])
  }

  @Test func numpyArray() {
    let report = FuzzCampaign.run(target: "npy", corpus: Self.npyCorpus) { mutant in
      let bytes = mutant.first == UInt8(ascii: "{") ? Self.npyFile(dictionary: mutant) : mutant
      return Self.problem(readingPoints: bytes, file: "fuzz.npy", columns: [.index(2), .index(0)])
    }
    Self.check(report)
  }

  static var npzCorpus: [[UInt8]] {
    typealias Archive = ZipArchiveBuilder
    let npy = npyCorpus.filter { $0.first == 0x93 }
    return [
      Archive.archive([.init(name: "a.npy", contents: npy[0])]),
      Archive.archive([.init(name: "a.npy", contents: npy[1], method: 8), .init(name: "b.npy", contents: npy[2])]),
      Archive.archive([.init(name: "z.npy", contents: npy[0], method: 8)]),
      Archive.zip64EndRecords(members: 1),
    ]
  }

  @Test func numpyArchive() {
    let report = FuzzCampaign.run(target: "npz", corpus: Self.npzCorpus) { bytes in
      do {
        _ = try PointFileReader.parse(
          bytes, file: "fuzz.npz", arrayKey: bytes.count % 2 == 0 ? "a" : nil,
          columns: bytes.count % 3 == 0 ? [.index(2), .index(0)] : nil)
        return nil
      } catch let error as DatasetError {
        return Self.problem(inMessage: error.description)
      } catch {
        return "unexpected error \(type(of: error)): \(error)"
      }
    }
    Self.check(report)
  }

  static var safetensorsCorpus: [[UInt8]] {
    let small = SafetensorsFile(
      tensors: [
        NamedTensor(name: "0.weight", shape: [2, 3], values: [1, -2, 3.5, .pi, -0.0, 1e-30]),
        NamedTensor(name: "empty", shape: [0, 4], values: []),
        NamedTensor(name: "s", shape: [], values: [0.25]),
      ],
      metadata: ["sigmas": "1.0:0.01:10", "data_mean": "0,1", "data_scale": "1,2"])
    var random = SeededGenerator(seed: 3)
    let model = ScoreModelFile(
      network: ScoreNetwork(using: &random), ladder: .standard, standardization: .identity)
    let narrow = ScoreModelFile(
      network: ScoreNetwork(shape: try! NetworkShape(hiddenWidth: 16, hiddenLayers: 2), using: &random),
      ladder: .standard, standardization: .identity)
    let mixed =
      #"{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"BF16","shape":[2],"#
      + #""data_offsets":[4,8]},"d":{"dtype":"F64","shape":[1],"data_offsets":[8,16]},"__metadata__":{"format":"pt"}}"#
    return [
      small.encode(),
      assembleFile(header: mixed, data: [0, 0x3C, 0, 0xC0, 0x80, 0x3F, 0, 0x40] + [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]),
      headerFile(#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, 4),
      model.safetensors.encode(),
      narrow.safetensors.encode(),
      Array(#"{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"__metadata__":{"sigmas":"1:0.1:3"}}"#.utf8),
      Array(mixed.utf8),
    ]
  }

  /// A safetensors file whose header is `header` with its true length, and 16 zero bytes of
  /// data, so that mutations of the header text reach the JSON parser whole.
  static func safetensorsFile(header: [UInt8]) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: header.count >> (8 * $0)) } + header + [UInt8](repeating: 0, count: 16)
  }

  @Test func safetensors() {
    #expect(
      Self.safetensorsCorpus.filter { $0.first == UInt8(ascii: "{") }.count == 2,
      "a whole file would be taken for a header")
    let report = FuzzCampaign.run(target: "safetensors", corpus: Self.safetensorsCorpus) { mutant in
      let bytes = mutant.first == UInt8(ascii: "{") ? Self.safetensorsFile(header: mutant) : mutant
      do {
        let file = try SafetensorsFile(decoding: bytes, fileName: "fuzz.safetensors")
        _ = try ScoreModelFile(file, fileName: "fuzz.safetensors")
        return nil
      } catch let error as ModelFileError {
        return error.exitCode == 65 ? Self.problem(inMessage: error.description) : "exit code \(error.exitCode)"
      } catch {
        return "unexpected error \(type(of: error)): \(error)"
      }
    }
    Self.check(report)
  }
}
