// The README's ten lines of PyTorch give the same score as `scoreviz field`, when torch can be imported.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

/// A Python that imports torch and safetensors: `SCOREVIZ_PYTHON`, else the benchmark peers'
/// virtual environment, else `python3` on the PATH; nil when none does.
enum PyTorchPython {
  static let path: String? = {
    let candidates = [
      ProcessInfo.processInfo.environment["SCOREVIZ_PYTHON"], packageRootPath() + "/Benchmarks/peers/.venv/bin/python",
      "python3",
    ].compactMap { $0 }
    return candidates.first { imports(python: $0) }
  }()

  static func imports(python: String) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, "-c", "import torch, safetensors.torch"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}

@Suite struct PyTorchSnippetTests {
  /// The Python block after `<!-- pytorch-snippet -->` in README.md.
  static func readmeSnippet() throws -> [Substring] {
    let readme = try String(contentsOfFile: packageRootPath() + "/README.md", encoding: .utf8)
    let marker = try #require(readme.range(of: "<!-- pytorch-snippet -->\n```python\n"))
    let end = try #require(readme[marker.upperBound...].range(of: "```\n"))
    return readme[marker.upperBound..<end.lowerBound].split(separator: "\n")
  }

  @Test func theReadmeSnippetIsTenLinesThatNameTheModelFile() throws {
    let lines = try Self.readmeSnippet()
    #expect(lines.count == 10)
    #expect(lines.contains("path = \"moons.safetensors\""))
  }

  @Test(
    .enabled(
      if: PyTorchPython.path != nil,
      "needs a Python that imports torch and safetensors (SCOREVIZ_PYTHON, Benchmarks/peers/.venv or python3)"))
  func theReadmeSnippetGivesScorevizsFieldInDataUnits() throws {
    let python = try #require(PyTorchPython.path)
    let folder = try makeTemporaryFolder()
    // Data far from the origin and unequally spread, so that the standardisation and the
    // division by data_scale both change the answer.
    let points = (0..<300).map { i -> String in
      let t = Double(i) * 0.37
      return "\(12 + 3 * cos(t)),\(-40 + 0.25 * sin(2 * t) + 0.001 * Double(i))"
    }
    let data = try writeTextFile("x,y\n" + points.joined(separator: "\n") + "\n", named: "d.csv", in: folder)
    let trained = try runScoreviz([
      "train", "--data", data, "--steps", "200", "--hidden", "32", "--layers", "2", "--save",
      folder + "/moons.safetensors",
    ])
    try #require(trained.status == 0, "\(trained.standardError)")
    let field = try runScoreviz([
      "field", "--model", folder + "/moons.safetensors", "--sigma", "0.3", "--grid", "7x5",
    ])
    try #require(field.status == 0, "\(field.standardError)")
    let table = try #require(PrintedTable(field.standardOutput))
    let positions = table.points("x", "y")
    let expected = table.points("score_x", "score_y")
    try #require(positions.count == 35)

    let driver = """
      x = torch.tensor([\(positions.map { "[\($0.x), \($0.y)]" }.joined(separator: ", "))], dtype=torch.float64)
      with torch.no_grad():
          for s in score(x.float(), 0.3).double().tolist():
              print(f"{s[0]!r},{s[1]!r}")
      """
    let script = try Self.readmeSnippet().joined(separator: "\n") + "\n" + driver + "\n"
    let scriptPath = try writeTextFile(script, named: "snippet.py", in: folder)
    let run = try runProgram("/usr/bin/env", [python, scriptPath], workingDirectory: folder)
    try #require(run.status == 0, "\(run.standardError)")
    let got = run.standardOutput.split(separator: "\n").map { line -> SIMD2<Double> in
      let parts = line.split(separator: ",").compactMap { Double($0) }
      return parts.count == 2 ? SIMD2(parts[0], parts[1]) : SIMD2(.nan, .nan)
    }
    try #require(got.count == 35)
    for (k, (e, g)) in zip(expected, got).enumerated() {
      // Both sides evaluate in float32, in different orders.
      let size = max((e * e).sum().squareRoot(), 1)
      #expect(((e - g) * (e - g)).sum().squareRoot() <= 1e-4 * size, "cell \(k): scoreviz \(e), PyTorch \(g)")
    }
  }

  /// Runs `executable arguments…` in `workingDirectory`; its stderr goes through a file, so
  /// neither pipe can fill while the other is read.
  func runProgram(_ executable: String, _ arguments: [String], workingDirectory: String) throws -> (
    status: Int32, standardOutput: String, standardError: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
    let errorPath = workingDirectory + "/stderr.txt"
    FileManager.default.createFile(atPath: errorPath, contents: nil)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: outputData, as: UTF8.self),
      (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
    )
  }
}
