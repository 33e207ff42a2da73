// `scoreviz datasets` and `scoreviz data` end to end: output, files and error paths.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct DataCommandTests {
  @Test func datasetsListsEveryGenerator() throws {
    let result = try runScoreviz(["datasets"])
    #expect(result.status == 0)
    let names = result.standardOutput.split(separator: "\n").map { $0.split(separator: " ")[0] }
    #expect(names.map(String.init) == BuiltinDataset.allCases.map(\.rawValue))
  }

  @Test func dataWritesTheSeededPointsAsCSV() throws {
    let result = try runScoreviz(["data", "8gaussians", "-n", "5", "--seed", "3"])
    #expect(result.status == 0)
    var rng = SeededGenerator(seed: 3)
    let expected = BuiltinDataset.eightGaussians.generate(count: 5, using: &rng)
    let contents = try PointFileReader.parse(Array(result.standardOutput.utf8), file: "stdout")
    #expect(contents.points == expected)
  }

  @Test func dataWritesNPYByExtension() throws {
    let folder = try makeTemporaryFolder()
    let path = folder + "/rings.npy"
    let result = try runScoreviz(["data", "rings", "-n", "100", "-o", path])
    #expect(result.status == 0)
    #expect(try PointFileReader.read(path: path).points.count == 100)
  }

  @Test func unknownDatasetIsAUsageError() throws {
    let result = try runScoreviz(["data", "galaxies"])
    #expect(result.status == 64)
    #expect(result.standardError.contains("Unknown dataset 'galaxies'"))
  }

  @Test func missingFolderLeavesNoFileAndExitsNonZero() throws {
    let folder = try makeTemporaryFolder()
    let result = try runScoreviz(["data", "moons", "-o", folder + "/missing/out.csv"])
    #expect(result.status == 73)
    #expect(result.standardError.contains("out.csv: cannot write"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }
}
