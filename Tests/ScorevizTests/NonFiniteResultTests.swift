// Results that would not be finite are refused with exit 65 and nothing written, never printed as nan, inf or null.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct NonFiniteResultTests {
  /// A model file whose every weight is 3e38: the first layer's sums overflow Float, so its
  /// score is infinite or NaN everywhere. Data units are the standardised ones.
  static func overflowingModel(in folder: String) throws -> String {
    let network = try ScoreNetwork(
      parameters: [Float](repeating: 3e38, count: NetworkShape.standard.parameterCount))
    let path = folder + "/huge.safetensors"
    try ScoreModelFile(
      network: network, ladder: try NoiseLadder(parsing: "1:0.1:3"), standardization: .identity,
      trainingNotes: [:]
    ).write(to: path)
    return path
  }

  @Test(arguments: [
    (["field", "--grid", "2x2", "--sigma", "0.5"], "the model's score is not finite at (-1.5, -1.5) for σ = 0.5"),
    (
      ["field", "--grid", "2x2", "--sigma", "0.5", "--format", "json"],
      "the model's score is not finite at (-1.5, -1.5) for σ = 0.5"
    ),
    (["sample", "--particles", "10"], "the model's score is not finite at (0.0, 0.0) for σ = 1.0"),
    (
      ["eval", "--dataset", "moons", "-n", "100", "--particles", "10"],
      "the model's score is not finite at (0.0, 0.0) for σ = 1.0"
    ),
  ])
  func anOverflowingModelIsADataError(_ arguments: [String], message: String) throws {
    let folder = try makeTemporaryFolder()
    let model = try Self.overflowingModel(in: folder)
    let output = folder + (arguments.contains("json") ? "/out.json" : "/out.csv")
    let result = try runScoreviz(
      [arguments[0], "--model", model] + arguments.dropFirst() + (arguments[0] == "eval" ? [] : ["-o", output]))
    #expect(result.status == 65, "\(arguments): \(result.standardError)")
    #expect(result.standardError == "scoreviz: \(model): \(message)\n")
    #expect(result.standardOutput.isEmpty)
    #expect(try folderContents(folder) == ["huge.safetensors"])
  }

  /// Points 10⁻¹⁰⁰ apart take h = 10⁻¹⁰⁰; a query 10¹⁰⁰ away is 10²⁰⁰ bandwidths out, whose
  /// square overflows: the log-density would be −∞, so the command refuses.
  @Test func aKDEBeyondTheDoubleRangeIsADataError() throws {
    let folder = try makeTemporaryFolder()
    let data = try writeTextFile("x,y\n0,0\n1e-100,1e-100\n", named: "tiny.csv", in: folder)
    let queries = try writeTextFile("x,y\n0,0\n1e100,0\n", named: "far.csv", in: folder)
    let result = try runScoreviz(["kde", "--data", data, "--bandwidth", "1e-100", "--at", queries])
    #expect(result.status == 65, "\(result.standardError)")
    #expect(
      result.standardError
        == "scoreviz: \(data): the KDE with h = 1e-100 is not finite at (1e+100, 0.0), too far from the data for this bandwidth\n"
    )
    #expect(result.standardOutput.isEmpty)
  }
}
