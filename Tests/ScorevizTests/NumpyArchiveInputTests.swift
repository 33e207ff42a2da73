// `.npz` data end to end: `--key` picks the array, from a file or standard input, with the same result as CSV.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct NumpyArchiveInputTests {
  static let a: [SIMD2<Double>] = [SIMD2(9, 9), SIMD2(-9, 9), SIMD2(0, 1)]
  static let b: [SIMD2<Double>] = [SIMD2(-2.1, 0), SIMD2(-1.3, 0.5), SIMD2(1.9, -0.25), SIMD2(5.1, 2)]

  /// An archive holding `a` stored and `b` deflated, as np.savez(f, a=…, b=…) would name them.
  static var archive: [UInt8] {
    ZipArchiveBuilder.archive([
      .init(name: "a.npy", contents: PointFileWriter.npyBytes(DataTable(points: a))),
      .init(name: "b.npy", contents: PointFileWriter.npyBytes(DataTable(points: b)), method: 8),
    ])
  }

  @Test func keyChoosesTheArrayLikeTheSameDataAsCSV() throws {
    let folder = try makeTemporaryFolder()
    let npz = folder + "/f.npz"
    let csv = folder + "/b.csv"
    FileManager.default.createFile(atPath: npz, contents: Data(Self.archive))
    try PointFileWriter.write(Self.b, to: csv)
    let at = try writeTextFile("x,y\n0,0\n2.5,0.5\n", named: "at.csv", in: folder)
    let flags = ["--bandwidth", "0.7", "--at", at]
    let fromCSV = try runScoreviz(["kde", "--data", csv] + flags)
    #expect(fromCSV.status == 0, "\(fromCSV.standardError)")
    let fromArchive = try runScoreviz(["kde", "--data", npz, "--key", "b"] + flags)
    #expect(fromArchive.status == 0, "\(fromArchive.standardError)")
    #expect(fromArchive.standardOutput == fromCSV.standardOutput)
    let fromStandardInput = try runScoreviz(["kde", "--data", "-", "--key", "b"] + flags, inputBytes: Self.archive)
    #expect(fromStandardInput.status == 0, "\(fromStandardInput.standardError)")
    #expect(fromStandardInput.standardOutput == fromCSV.standardOutput)
  }

  @Test func severalArraysWithoutKeyAreListed() throws {
    let folder = try makeTemporaryFolder()
    let npz = folder + "/f.npz"
    FileManager.default.createFile(atPath: npz, contents: Data(Self.archive))
    let result = try runScoreviz(["kde", "--data", npz, "--rule", "scott", "--grid", "4x4"])
    #expect(result.status == 64)
    #expect(result.standardError == "scoreviz: \(npz): holds 2 arrays, choose one with --key: 'a', 'b'\n")
    let unknown = try runScoreviz(["kde", "--data", npz, "--key", "c", "--rule", "scott", "--grid", "4x4"])
    #expect(unknown.status == 64)
    #expect(unknown.standardError == "scoreviz: \(npz): no array 'c': its arrays are 'a', 'b'\n")
    let keyAlone = try runScoreviz(["kde", "--dataset", "moons", "--key", "b", "--rule", "scott", "--grid", "4x4"])
    #expect(keyAlone.status == 64)
    #expect(validationMessage(keyAlone.standardError) == "--key goes with --data FILE")
  }
}
