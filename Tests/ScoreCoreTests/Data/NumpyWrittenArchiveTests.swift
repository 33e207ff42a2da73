// NPZ archives written by numpy itself at test time (np.savez and np.savez_compressed), when numpy is at hand.

import Foundation
import ScoreCore
import Testing

@Suite struct NumpyWrittenArchiveTests {
  let files = TemporaryFiles()

  /// A Python with numpy: `SCOREVIZ_PYTHON`, the benchmarks' virtual environment, or `python3`
  /// on the PATH, the first that imports numpy; nil when none does (the tests then say so).
  static let python: String? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().path
    let candidates = [
      ProcessInfo.processInfo.environment["SCOREVIZ_PYTHON"], root + "/Benchmarks/peers/.venv/bin/python",
      "/usr/bin/env",
    ].compactMap { $0 }
    return candidates.first { candidate in
      (try? run(candidate, ["-c", "import numpy"])) == 0
    }
  }()

  /// Runs `program` (`/usr/bin/env` runs `python3`) with `arguments`; its exit status.
  @discardableResult
  static func run(_ program: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = program == "/usr/bin/env" ? ["python3"] + arguments : arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// The arrays numpy saves: `a` float32 (2, 2), `b` float64 (5, 3) in Fortran order, and
  /// `big` float64 (200000, 2) of a pattern that compresses, so deflate takes many blocks.
  static let script = """
    import sys, numpy as np
    a = np.array([[1.5, -2], [0.25, 3]], dtype=np.float32)
    b = np.asfortranarray(np.arange(15, dtype=np.float64).reshape(5, 3) / 8)
    big = np.tile(np.array([[0.5, -1.0], [2.0, 4.0]]), (100000, 1))
    np.savez(sys.argv[1], a=a, b=b)
    np.savez_compressed(sys.argv[2], a=a, b=b, big=big)
    np.savez(sys.argv[3], b)
    """

  @Test(.enabled(if: python != nil, "python3 with numpy not found: set SCOREVIZ_PYTHON to one that imports numpy"))
  func archivesWrittenByNumpy() throws {
    let stored = files.folder + "/stored.npz"
    let compressed = files.folder + "/compressed.npz"
    let single = files.folder + "/single.npz"
    #expect(try Self.run(Self.python!, ["-c", Self.script, stored, compressed, single]) == 0)
    // b[i, j] = (3 i + j) / 8: columns 0 and 2 picked from the Fortran-ordered array.
    let bPoints: [SIMD2<Double>] = (0..<5).map { (i: Int) -> SIMD2<Double> in
      let first = Double(3 * i) / 8
      return SIMD2(first, first + 0.25)
    }
    for path in [stored, compressed] {
      #expect(try PointFileReader.read(path: path, arrayKey: "a").points == [SIMD2(1.5, -2), SIMD2(0.25, 3)])
      let b = try PointFileReader.read(path: path, arrayKey: "b", columns: [.index(0), .index(2)])
      #expect(b.points == bPoints)
    }
    let big = try PointFileReader.read(path: compressed, arrayKey: "big").points
    #expect(big.count == 200_000)
    #expect(big[199_998] == SIMD2(0.5, -1) && big[199_999] == SIMD2(2, 4))
    #expect(try PointFileReader.read(path: single, columns: [.index(0), .index(2)]).points == bPoints)
    do {
      _ = try PointFileReader.read(path: compressed)
      Issue.record("an archive of three arrays was read without --key")
    } catch let error as DatasetError {
      #expect(error.description == "\(compressed): holds 3 arrays, choose one with --key: 'a', 'b', 'big'")
    }
  }
}
