// The live view on a saved model in tmux: shown without training, trained on with --train, saved with w.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite("Live view of a saved model, and the save key, in tmux")
struct LiveModelTests {
  /// `scoreviz arguments…` in a 120 × 40 pane whose working directory is `folder`.
  static func start(_ arguments: [String], in folder: String) throws -> TmuxSession {
    try TmuxSession(
      command: [scorevizExecutablePath()] + arguments, width: 120, height: 40, workingDirectory: folder)
  }

  /// The file name after "saved " on the title row of `screen`.
  static func savedName(_ screen: String) -> String? {
    TmuxCapture(screen).field(after: "saved ")
  }

  @Test("w writes scoreviz-moons-<time>.safetensors in the working directory, says so, and field --model reads it")
  func saveKeyWritesAModel() throws {
    let folder = try makeTemporaryFolder()
    let tmux = try Self.start(["--dataset", "moons", "-n", "500", "--particles", "50"], in: folder)
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    tmux.send(keys: "w")
    let screen = try tmux.waitUntil { $0.contains("saved scoreviz-") }
    let name = try #require(Self.savedName(screen))
    #expect(name.hasPrefix("scoreviz-moons-") && name.hasSuffix(".safetensors"))
    // scoreviz-moons-yyyyMMdd-HHmmss.safetensors
    let stamp = name.dropFirst("scoreviz-moons-".count).dropLast(".safetensors".count)
    #expect(stamp.count == 15 && stamp.allSatisfy { $0.isNumber || $0 == "-" } && stamp.dropFirst(8).first == "-")
    #expect(try folderContents(folder) == [name])
    let field = try runScoreviz(["field", "--model", folder + "/" + name, "--sigma", "0.1", "--grid", "4x3"])
    #expect(field.status == 0, "\(field.standardError)")
    let table = try #require(PrintedTable(field.standardOutput))
    #expect(table.rows.count == 12 && table.rows.allSatisfy { $0.allSatisfy(\.isFinite) })
    let model = try ScoreModelFile.read(path: folder + "/" + name)
    #expect(model.trainingNotes["dataset"] == "moons" && model.trainingNotes["objective"] == "ncsn")
    #expect(model.ladder == NoiseLadder.standard && model.assumedMetadata.isEmpty)
  }

  @Test("--model M shows 'model M (not training)', no epoch, keeps M's weights, and space says it is not training")
  func modelIsShownWithoutTraining() throws {
    let model = try TrainedModel.requirePath()
    let folder = try makeTemporaryFolder()
    let tmux = try Self.start(["--model", model, "--particles", "50"], in: folder)
    defer { tmux.kill() }
    let screen = try tmux.waitUntil { $0.contains("(not training)") && $0.contains("fps ") }
    #expect(screen.contains("model moons.safetensors (not training)  objective ncsn"))
    #expect(!screen.contains("epoch") && !screen.contains("samples/s"))
    #expect(screen.contains("σ 0.129 (5/10)"))
    tmux.send(keys: "Space")
    try tmux.waitUntil { $0.contains("not training: open the model with --train") }
    // Two saves a second and a half apart hold M's weights unchanged: nothing trains.
    tmux.send(keys: "w")
    let first = try #require(Self.savedName(try tmux.waitUntil { $0.contains("saved scoreviz-") }))
    usleep(1_500_000)
    tmux.send(keys: "w")
    let second = try #require(
      Self.savedName(try tmux.waitUntil { Self.savedName($0).map { $0 != first } ?? false }))
    let original = try ScoreModelFile.read(path: model)
    for name in [first, second] {
      let saved = try ScoreModelFile.read(path: folder + "/" + name)
      #expect(saved.network.parameters == original.network.parameters)
      #expect(saved.standardization == original.standardization && saved.ladder == original.ladder)
      #expect(saved.trainingNotes["steps"] == "300")
    }
  }

  @Test("--model M --train trains on: the epoch advances from M's weights")
  func modelTrainsOnWithTrain() throws {
    let model = try TrainedModel.requirePath()
    let tmux = try Self.start(["--model", model, "--train", "--particles", "50"], in: try makeTemporaryFolder())
    defer { tmux.kill() }
    let first = try LiveView.waitForView(tmux)
    #expect(first.text.contains("training on from moons.safetensors") || (first.integer(after: "epoch ") ?? 0) > 0)
    let start = try #require(first.integer(after: "epoch "))
    try tmux.waitUntil { (TmuxCapture($0).integer(after: "epoch ") ?? 0) >= start + 3 }
    #expect(!tmux.capture().contains("not training"))
  }

  @Test("A model that cannot be read or has no data ends before the terminal is touched, with 65, 66 or 64")
  func badModelsFailBeforeTheTerminal() throws {
    let folder = try makeTemporaryFolder()
    let junk = try writeTextFile("not a model", named: "junk.safetensors", in: folder)
    var rng = SeededGenerator(seed: 1)
    let anonymous = folder + "/anonymous.safetensors"
    try ScoreModelFile(network: ScoreNetwork(using: &rng), ladder: .standard, standardization: .identity)
      .write(to: anonymous)
    let cases: [([String], Int32, String)] = [
      (["--model", junk], 65, "scoreviz: \(junk): header: "),
      (["--model", folder + "/none.safetensors"], 66, "scoreviz: \(folder)/none.safetensors: cannot open"),
      (
        ["--model", anonymous], 64,
        "scoreviz: \(anonymous) does not record the data it was trained on; give --data FILE or --dataset NAME"
      ),
      (["--train"], 64, "scoreviz: --train goes with --model FILE"),
    ]
    for (arguments, status, message) in cases {
      let result = try runScoreviz(arguments)
      #expect(result.status == status, "\(arguments)")
      #expect(result.standardError.hasPrefix(message), "\(arguments): \(result.standardError)")
      #expect(result.standardError.filter { $0 == "\n" }.count == 1)
      #expect(result.standardOutput.isEmpty, "nothing reaches the terminal")
    }
  }
}
