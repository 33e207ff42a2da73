// `scoreviz field` end to end: the exact KDE field, a trained model's field, and error exits.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct FieldCommandTests {
  @Test func kdeFieldMatchesTheKDEScore() throws {
    let result = try runScoreviz([
      "field", "--source", "kde", "--dataset", "moons", "-n", "300", "--seed", "7", "--grid", "6x4",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let table = try #require(PrintedTable(result.standardOutput))
    #expect(table.columnNames == ["x", "y", "score_x", "score_y", "norm"])
    try #require(table.rows.count == 24)
    var rng = SeededGenerator(seed: 7)
    let points = BuiltinDataset.moons.generate(count: 300, using: &rng)
    let h = BandwidthRule.scott.bandwidth(for: points)
    let kde = GaussianKDE(points: points, bandwidth: h)
    let centres = PlotBox.bounding(points, padding: 3 * h).cellCentres(columns: 6, rows: 4)
    let positions = table.points("x", "y")
    let scores = table.points("score_x", "score_y")
    let norms = table.column("norm")
    for k in 0..<24 {
      // The same centres, printed with round-trip digits.
      #expect(positions[k] == centres[k], "cell \(k)")
      // Batch and single-point evaluation sum in different orders: 1e-12 relative.
      let expected = kde.score(at: centres[k])
      let size = (expected * expected).sum().squareRoot()
      let difference = scores[k] - expected
      #expect((difference * difference).sum().squareRoot() <= 1e-12 * size, "cell \(k)")
      #expect(isClose(norms[k], size, relative: 1e-12), "cell \(k)")
    }
  }

  @Test func modelFieldIsTheNetworkInDataUnitsAndPointsTowardTheData() throws {
    let model = try TrainedModel.requirePath()
    let result = try runScoreviz(["field", "--model", model, "--sigma", "1", "--grid", "8x8"])
    #expect(result.status == 0, "\(result.standardError)")
    let table = try #require(PrintedTable(result.standardOutput))
    try #require(table.rows.count == 64)
    let file = try ScoreModelFile.read(path: model)
    let s = file.standardization
    // The default box is the standardised [−3, 3]² in data units.
    let box = PlotBox.bounding([SIMD2(-3, -3), SIMD2(3, 3)].map(s.destandardize))
    let centres = box.cellCentres(columns: 8, rows: 8)
    let positions = table.points("x", "y")
    let scores = table.points("score_x", "score_y")
    let inputs = centres.flatMap { c -> [Float] in
      let z = s.standardize(c)
      return [Float(z.x), Float(z.y)]
    }
    var outputs = [Float](repeating: 0, count: inputs.count)
    var evaluator = ScoreNetworkEvaluator(network: file.network)
    inputs.withUnsafeBufferPointer { input in
      outputs.withUnsafeMutableBufferPointer { output in
        evaluator.evaluateScores(at: input.baseAddress!, count: 64, noiseLevel: 1, into: output.baseAddress!)
      }
    }
    var dataSum = SIMD2<Double>.zero
    for (k, centre) in centres.enumerated() {
      // Box corners go through one destandardisation and back: a few ulps.
      #expect(abs(positions[k].x - centre.x) <= 1e-12 && abs(positions[k].y - centre.y) <= 1e-12)
      // Chain rule: s_x = s_z ⊘ scale. The network runs in Float: 1e-5 relative.
      let expected = SIMD2(Double(outputs[2 * k]), Double(outputs[2 * k + 1])) / s.scale
      #expect(isClose(scores[k].x, expected.x, relative: 1e-5, absolute: 1e-6), "cell \(k)")
      #expect(isClose(scores[k].y, expected.y, relative: 1e-5, absolute: 1e-6), "cell \(k)")
      dataSum += centre
    }
    // On the box's edge (at least 2.6 standard deviations from the mean in one axis) the
    // smoothed density at σ = 1 falls away from the data, so the score points back in.
    let mean = s.mean
    var edgeCells = 0
    for k in 0..<64 where k % 8 == 0 || k % 8 == 7 || k / 8 == 0 || k / 8 == 7 {
      edgeCells += 1
      let outward = positions[k] - mean
      #expect((scores[k] * outward).sum() < 0, "cell \(k) at \(positions[k]) has score \(scores[k])")
    }
    #expect(edgeCells == 28)
  }

  @Test func modelSourceNeedsSigma() throws {
    let model = try TrainedModel.requirePath()
    let result = try runScoreviz(["field", "--model", model])
    #expect(result.status == 64)
    #expect(validationMessage(result.standardError) == "--source model needs a positive --sigma")
    #expect(result.standardOutput.isEmpty)
  }

  @Test func kdeSourceNeedsData() throws {
    let result = try runScoreviz(["field", "--source", "kde"])
    #expect(result.status == 64)
    #expect(validationMessage(result.standardError) == "--source kde needs --data FILE or --dataset NAME")
  }

  @Test func jsonOutputToAFile() throws {
    let folder = try makeTemporaryFolder()
    let out = folder + "/field.json"
    let result = try runScoreviz([
      "field", "--source", "kde", "--dataset", "rings", "-n", "200", "--grid", "3x2", "--bandwidth", "0.5",
      "--format", "json", "-o", out,
    ])
    #expect(result.status == 0)
    #expect(result.standardOutput.isEmpty)
    let text = try String(contentsOfFile: out, encoding: .utf8)
    let object = try #require(jsonLines(text).first ?? nil)
    #expect(object["source"] as? String == "kde")
    // 0.5 is exact in every parser.
    #expect(object["bandwidth"] as? Double == 0.5)
    #expect((object["rows"] as? [[Double]])?.count == 6)
  }

  @Test func kdeFieldOfCoincidentPointsIsADataError() throws {
    let folder = try makeTemporaryFolder()
    let data = try writeTextFile("x,y\n1,1\n1,1\n", named: "same.csv", in: folder)
    let result = try runScoreviz([
      "field", "--source", "kde", "--data", data, "--grid", "2x2", "-o", folder + "/out.csv",
    ])
    #expect(result.status == 65)
    #expect(try folderContents(folder) == ["same.csv"])
  }
}
