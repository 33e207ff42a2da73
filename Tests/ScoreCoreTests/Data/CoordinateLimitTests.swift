// Coordinates too large for their squares, and the minimum point count of query files.

import ScoreCore
import Testing

@Suite struct CoordinateLimitTests {
  let files = TemporaryFiles()

  /// 1e200 is finite but its square is not: the reader names its line and column rather than
  /// letting a variance or a squared distance overflow later.
  @Test func hugeCSVValueIsADataErrorWithItsPlace() throws {
    let path = files.write("huge.csv", "x,y\n1,2\n3,-1e200\n")
    #expect {
      _ = try PointFileReader.read(path: path, coordinateLimit: PointFileReader.largestCoordinate)
    } throws: { error in
      guard let error = error as? DatasetError else { return false }
      return error.description == "\(path):3:3: value '-1e200' is too large: coordinates must lie within ±1e+150"
        && error.exitCode == 65
    }
  }

  /// The limit itself is accepted: (1e150)² = 1e300 is still a finite Double.
  @Test func theLimitItselfReads() throws {
    let path = files.write("edge.csv", "x,y\n1e150,0\n-1e150,1\n")
    #expect(try PointFileReader.read(path: path, coordinateLimit: PointFileReader.largestCoordinate).points.count == 2)
  }

  @Test func queryFilesMayHoldOnePoint() throws {
    let path = files.write("one.csv", "x,y\n0,0\n")
    #expect(try PointFileReader.read(path: path, minimumCount: 1).points == [SIMD2(0, 0)])
    #expect(throws: DatasetError.self) { try PointFileReader.read(path: path) }
  }
}
