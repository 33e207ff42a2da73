// `scoreviz kde` end to end: MATH.md's seed case, JSON, grids, far points and error exits.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct KDECommandTests {
  /// MATH.md's 1-D samples on the x axis; the 2-D KDE at y = 0 is the 1-D one times φ_h(0).
  static let seedPoints: [SIMD2<Double>] = [-2.1, -1.3, -0.4, 1.9, 5.1, 6.2].map { SIMD2($0, 0) }
  /// h = √2.5, MATH.md's kernel variance 2.5.
  static let seedBandwidth = 1.5811388300841898

  /// A folder holding the seed data as `data.csv`.
  static func seedFolder() throws -> (folder: String, data: String) {
    let folder = try makeTemporaryFolder()
    let data = folder + "/data.csv"
    try PointFileWriter.write(seedPoints, to: data)
    return (folder, data)
  }

  /// p_h(q), written plainly in Double from K_h(u) = exp(−‖u‖²/2h²)/(2πh²).
  static func bruteDensity(at q: SIMD2<Double>) -> Double {
    let h = seedBandwidth
    let total = seedPoints.reduce(0.0) { sum, p in
      let d = p - q
      return sum + exp(-(d * d).sum() / (2 * h * h))
    }
    return total / (Double(seedPoints.count) * 2 * Double.pi * h * h)
  }

  /// ∇log p_h(q) = Σ wᵢ(xᵢ − q)/h² with softmax weights, shifted by the largest exponent.
  static func bruteScore(at q: SIMD2<Double>) -> SIMD2<Double> {
    let h = seedBandwidth
    let exponents = seedPoints.map { p in -((p - q) * (p - q)).sum() / (2 * h * h) }
    let largest = exponents.max()!
    var total = 0.0
    var weighted = SIMD2<Double>.zero
    for (p, e) in zip(seedPoints, exponents) {
      let w = exp(e - largest)
      total += w
      weighted += w * (p - q)
    }
    return weighted / (total * h * h)
  }

  @Test func seedCaseMatchesMathNotes() throws {
    let (folder, data) = try Self.seedFolder()
    // A second query point, because a file of one point is refused (see the test below).
    let at = try writeTextFile("x,y\n0,0\n2.5,0.5\n", named: "at.csv", in: folder)
    let result = try runScoreviz(["kde", "--data", data, "--bandwidth", "\(Self.seedBandwidth)", "--at", at])
    #expect(result.status == 0)
    #expect(result.standardError.isEmpty)
    let table = try #require(PrintedTable(result.standardOutput))
    #expect(table.columnNames == ["x", "y", "density", "log_density", "score_x", "score_y"])
    try #require(table.rows.count == 2)
    let row = table.rows[0]
    let h = Self.seedBandwidth
    // MATH.md gives six digits: the 1-D density 0.108806 and score −0.190146, each ±5e-7.
    #expect(abs(row[2] * (2 * Double.pi).squareRoot() * h - 0.108806) <= 5e-7)
    #expect(abs(row[4] - -0.190146) <= 5e-7)
    #expect(row[5] == 0)
    // Against the formula in Double; the output prints round-trip digits, so only the
    // summation order differs (1e-12 relative).
    #expect(isClose(row[2], Self.bruteDensity(at: .zero), relative: 1e-12))
    #expect(isClose(row[3], log(Self.bruteDensity(at: .zero)), relative: 1e-12))
    #expect(isClose(row[4], Self.bruteScore(at: .zero).x, relative: 1e-12))
    let off = table.rows[1]
    let q = SIMD2(2.5, 0.5)
    #expect(isClose(off[2], Self.bruteDensity(at: q), relative: 1e-12))
    #expect(isClose(off[4], Self.bruteScore(at: q).x, relative: 1e-12))
    #expect(isClose(off[5], Self.bruteScore(at: q).y, relative: 1e-12))
  }

  @Test func aSingleQueryPointIsAccepted() throws {
    let (folder, data) = try Self.seedFolder()
    let at = try writeTextFile("x,y\n0,0\n", named: "at.csv", in: folder)
    let result = try runScoreviz(["kde", "--data", data, "--bandwidth", "\(Self.seedBandwidth)", "--at", at])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(PrintedTable(result.standardOutput)?.rows.count == 1)
  }

  @Test func jsonFormatCarriesTheSameNumbers() throws {
    let (folder, data) = try Self.seedFolder()
    let at = try writeTextFile("x,y\n0,0\n2.5,0.5\n", named: "at.csv", in: folder)
    let result = try runScoreviz([
      "kde", "--data", data, "--bandwidth", "\(Self.seedBandwidth)", "--at", at, "--format", "json",
    ])
    #expect(result.status == 0)
    let lines = jsonLines(result.standardOutput)
    try #require(lines.count == 1)
    let object = try #require(lines[0])
    // Foundation's JSON parser on Linux may read a number an ulp or two off: 1e-15 relative.
    #expect(isClose(try #require(object["bandwidth"] as? Double), Self.seedBandwidth, relative: 1e-15))
    #expect(object["points"] as? Int == 6)
    #expect(object["columns"] as? [String] == ["x", "y", "density", "log_density", "score_x", "score_y"])
    let rows = try #require(object["rows"] as? [[Double]])
    try #require(rows.count == 2 && rows[0].count == 6)
    // Same tolerances as the CSV case: six digits from MATH.md, 1e-12 against the formula.
    #expect(abs(rows[0][2] * (2 * Double.pi).squareRoot() * Self.seedBandwidth - 0.108806) <= 5e-7)
    #expect(abs(rows[0][4] - -0.190146) <= 5e-7)
    #expect(rows[0][5] == 0)
    #expect(isClose(rows[0][4], Self.bruteScore(at: .zero).x, relative: 1e-12))
  }

  /// --exact: the exact density at every cell; without it, the density within the stated 1e-3.
  @Test(arguments: [true, false])
  func gridRowsSitAtCellCentresOfThePaddedBox(exact: Bool) throws {
    let (_, data) = try Self.seedFolder()
    let result = try runScoreviz(
      ["kde", "--data", data, "--bandwidth", "\(Self.seedBandwidth)", "--grid", "4x3"]
        + (exact ? ["--exact"] : []))
    #expect(result.status == 0)
    let table = try #require(PrintedTable(result.standardOutput))
    try #require(table.rows.count == 12)
    let h = Self.seedBandwidth
    let (xLow, xHigh, yLow, yHigh) = (-2.1 - 3 * h, 6.2 + 3 * h, -3 * h, 3 * h)
    var expected: [SIMD2<Double>] = []
    for i in 0..<3 {
      for j in 0..<4 {
        expected.append(
          SIMD2(
            xLow + (Double(j) + 0.5) * (xHigh - xLow) / 4, yLow + (Double(i) + 0.5) * (yHigh - yLow) / 3))
      }
    }
    let positions = table.points("x", "y")
    let densities = table.column("density")
    for (k, q) in expected.enumerated() {
      // Cell centres: the same arithmetic in another order, so a few ulps of the box width.
      #expect(abs(positions[k].x - q.x) <= 1e-12 && abs(positions[k].y - q.y) <= 1e-12, "cell \(k)")
      // The exact density in Double, summation order apart; or within the grid's tolerance.
      #expect(
        isClose(densities[k], Self.bruteDensity(at: q), relative: exact ? 1e-12 : 1e-3), "cell \(k)")
    }
  }

  @Test func exactGoesOnlyWithGrid() throws {
    let (folder, data) = try Self.seedFolder()
    let at = try writeTextFile("x,y\n0,0\n", named: "origin.csv", in: folder)
    let result = try runScoreviz(["kde", "--data", data, "--bandwidth", "1", "--at", at, "--exact"])
    #expect(result.status == 64)
    #expect(result.standardError.contains("--exact goes with --grid; --at is always exact"))
  }

  @Test func pointsFarFromTheDataGiveFiniteExactNumbers() throws {
    let (folder, data) = try Self.seedFolder()
    let at = try writeTextFile("x,y\n1000,0\n0,-1000\n", named: "far.csv", in: folder)
    let result = try runScoreviz(["kde", "--data", data, "--bandwidth", "\(Self.seedBandwidth)", "--at", at])
    #expect(result.status == 0)
    let table = try #require(PrintedTable(result.standardOutput))
    try #require(table.rows.count == 2)
    #expect(table.rows.allSatisfy { $0.allSatisfy { $0.isFinite } })
    let h2 = Self.seedBandwidth * Self.seedBandwidth
    let n = Double(Self.seedPoints.count)
    // At (1000, 0) the nearest point 6.2 carries all the weight (the next is e^−437 behind):
    // score = (6.2 − 1000)/h², log p = −log(6·2πh²) − 993.8²/2h²; both to 1e-12 relative.
    let far = table.rows[0]
    #expect(isClose(far[4], (6.2 - 1000) / h2, relative: 1e-12))
    #expect(isClose(far[3], -log(n * 2 * Double.pi * h2) - 993.8 * 993.8 / (2 * h2), relative: 1e-12))
    // At (0, −1000) every point is equally far in y, so the x weights are those at the origin
    // and score_y = 1000/h² exactly.
    let below = table.rows[1]
    #expect(abs(below[4] - -0.190146) <= 5e-7)
    #expect(isClose(below[5], 1000 / h2, relative: 1e-12))
  }

  @Test func badNumberInTheDataIsADataErrorWithItsPlace() throws {
    let folder = try makeTemporaryFolder()
    let data = try writeTextFile("x,y\n1,2\n3,abc\n", named: "bad.csv", in: folder)
    let result = try runScoreviz(["kde", "--data", data, "--grid", "2x2", "-o", folder + "/out.csv"])
    #expect(result.status == 65)
    #expect(result.standardError.contains("\(data):3:3: expected a number, found 'abc'"))
    #expect(result.standardOutput.isEmpty)
    #expect(try folderContents(folder) == ["bad.csv"])
  }

  @Test func missingDataFileCannotBeOpened() throws {
    let folder = try makeTemporaryFolder()
    let result = try runScoreviz(["kde", "--data", folder + "/absent.csv", "--grid", "2x2", "-o", folder + "/out.csv"])
    #expect(result.status == 66)
    #expect(result.standardError.contains("absent.csv: cannot open"))
    #expect(try folderContents(folder).isEmpty)
  }

  @Test(arguments: [[String](), ["--at", "q.csv", "--grid", "2x2"]])
  func exactlyOneOfAtAndGridIsRequired(_ placeArguments: [String]) throws {
    let (folder, data) = try Self.seedFolder()
    _ = try writeTextFile("x,y\n0,0\n", named: "q.csv", in: folder)
    let result = try runScoreviz(["kde", "--data", data] + placeArguments, workingDirectory: folder)
    #expect(result.status == 64)
    #expect(validationMessage(result.standardError) == "Give exactly one of --at FILE or --grid COLUMNSxROWS")
  }

  @Test func outputOptionWritesTheTableToAFile() throws {
    let (folder, data) = try Self.seedFolder()
    let out = folder + "/density.csv"
    let result = try runScoreviz([
      "kde", "--data", data, "--bandwidth", "\(Self.seedBandwidth)", "--grid", "4x3", "-o", out,
    ])
    #expect(result.status == 0)
    #expect(result.standardOutput.isEmpty)
    let printed = try runScoreviz(["kde", "--data", data, "--bandwidth", "\(Self.seedBandwidth)", "--grid", "4x3"])
    let written = try String(contentsOfFile: out, encoding: .utf8)
    #expect(written == printed.standardOutput)
    #expect(PrintedTable(written)?.rows.count == 12)
  }

  @Test func pointsWithoutSpreadNeedABandwidth() throws {
    let folder = try makeTemporaryFolder()
    let data = try writeTextFile("x,y\n1,1\n1,1\n", named: "same.csv", in: folder)
    let result = try runScoreviz(["kde", "--data", data, "--grid", "2x2", "-o", folder + "/out.csv"])
    #expect(result.status == 65)
    #expect(result.standardError.contains("no spread"))
    #expect(try folderContents(folder) == ["same.csv"])
  }
}
