// The live view's save: the file holds the engine's network and metadata, once a second at most.

import Foundation
import ScoreCore
import ScoreEngine
import ScoreTestSupport
import Testing

@testable import scoreviz

@Suite("Saving the live network")
struct NetworkSaverTests {
  /// An engine on 400 moons points after `steps` synchronous steps.
  static func trainedEngine(steps: Int) -> TrainingEngine {
    var rng = SeededGenerator(seed: 3)
    let data = TrainingData(BuiltinDataset.moons.makeDataset(count: 400, using: &rng))
    let engine = TrainingEngine(
      data: data, settings: TrainingEngine.Settings(batchSize: 32, learningRate: 1e-3, seed: 4))
    engine.trainSynchronously(steps: steps)
    return engine
  }

  /// s_θ(x, σ) of `network` on a 7 × 5 grid over [−2, 2]² at every level of `ladder`.
  static func field(_ network: ScoreNetwork, ladder: NoiseLadder) -> [Float] {
    var evaluator = ScoreNetworkEvaluator(network: network)
    var points: [Float] = []
    for row in 0..<5 {
      for column in 0..<7 { points += [-2 + Float(column) * 4 / 6, -2 + Float(row)] }
    }
    var scores: [Float] = []
    for sigma in ladder.levels {
      var out = [Float](repeating: .nan, count: points.count)
      evaluator.evaluateScores(at: points, count: points.count / 2, noiseLevel: sigma, into: &out)
      scores += out
    }
    return scores
  }

  /// Saves `model` with `saver` and waits; the outcome.
  static func saveAndWait(
    _ saver: NetworkSaver, _ model: ScoreModelFile, now: Double, date: Date
  ) -> (started: Bool, outcome: NetworkSaver.Outcome?) {
    let started = saver.save(model, datasetName: "moons", now: now, date: date)
    saver.waitUntilIdle()
    return (started, saver.takeOutcome())
  }

  @Test("The saved file loads with the engine's parameters, field, ladder, standardisation and notes")
  func savedFileMatchesTheEngine() throws {
    let engine = Self.trainedEngine(steps: 80)
    let snapshot = engine.snapshot
    let folder = try makeTemporaryFolder()
    let saver = NetworkSaver(folder: folder)
    let (started, outcome) = Self.saveAndWait(saver, snapshot.modelFile(earlierSteps: 20), now: 0, date: Date())
    #expect(started)
    guard case .saved(let path) = try #require(outcome) else {
      Issue.record("the save failed: \(String(describing: outcome))")
      return
    }
    #expect(path.hasPrefix(folder + "/scoreviz-moons-") && path.hasSuffix(".safetensors"))
    let loaded = try ScoreModelFile.read(path: path)
    #expect(loaded.network.parameters == snapshot.network.parameters)
    #expect(Self.field(loaded.network, ladder: loaded.ladder) == Self.field(snapshot.network, ladder: snapshot.ladder))
    #expect(loaded.ladder == snapshot.ladder)
    #expect(loaded.noiseDistribution == snapshot.noiseDistribution)
    #expect(loaded.standardization == snapshot.data.standardization)
    #expect(loaded.assumedMetadata.isEmpty)
    // 80 steps here after the 20 the network had before, trained by ncsn on moons, an average of decay 0.999.
    #expect(loaded.trainingNotes == ["objective": "ncsn", "steps": "100", "dataset": "moons", "ema": "0.999"])
  }

  @Test("While the training thread runs, the file is the snapshot the save was handed, not a later one")
  func savedFileIsTheSnapshotWhileTraining() throws {
    let engine = Self.trainedEngine(steps: 8)
    engine.start()
    defer { engine.stop() }
    while engine.snapshot.epoch < 3 { usleep(1_000) }
    let snapshot = engine.snapshot
    let folder = try makeTemporaryFolder()
    let (_, outcome) = Self.saveAndWait(NetworkSaver(folder: folder), snapshot.modelFile(), now: 0, date: Date())
    guard case .saved(let path) = try #require(outcome) else {
      Issue.record("the save failed: \(String(describing: outcome))")
      return
    }
    while engine.snapshot.epoch < snapshot.epoch + 2 { usleep(1_000) }
    let loaded = try ScoreModelFile.read(path: path)
    #expect(loaded.network.parameters == snapshot.network.parameters)
    #expect(loaded.network.parameters != engine.snapshot.network.parameters, "training went on")
  }

  @Test("A save within a second of the last is dropped; one a second later writes; a taken name gets -2")
  func rateLimitAndTakenNames() throws {
    let model = Self.trainedEngine(steps: 8).snapshot.modelFile()
    let folder = try makeTemporaryFolder()
    let saver = NetworkSaver(folder: folder)
    let date = Date()
    let first = Self.saveAndWait(saver, model, now: 100, date: date)
    let held = (0..<30).map { Self.saveAndWait(saver, model, now: 100 + Double($0) / 30, date: date) }
    let second = Self.saveAndWait(saver, model, now: 101, date: date)
    #expect(first.started && second.started)
    #expect(held.allSatisfy { !$0.started && $0.outcome == nil })
    let name = NetworkSaver.fileName(datasetName: "moons", date: date)
    let stem = String(name.dropLast(".safetensors".count))
    #expect(first.outcome == .saved(folder + "/" + name))
    #expect(second.outcome == .saved(folder + "/" + stem + "-2.safetensors"))
    #expect(try folderContents(folder) == [stem + "-2.safetensors", name].sorted())
  }

  @Test("A folder that cannot be written gives a failure naming the file, and nothing is left")
  func failureIsReported() throws {
    let folder = try makeTemporaryFolder() + "/missing"
    let saver = NetworkSaver(folder: folder)
    let (_, outcome) = Self.saveAndWait(saver, Self.trainedEngine(steps: 8).snapshot.modelFile(), now: 0, date: Date())
    guard case .failed(let reason) = try #require(outcome) else {
      Issue.record("a save into a missing folder succeeded")
      return
    }
    #expect(reason.hasPrefix("save failed: \(folder)/scoreviz-moons-"))
    #expect(reason.hasSuffix(": cannot write: No such file or directory"))
  }

  @Test("File names: the dataset's base name, unsafe characters as '-', local time to the second")
  func fileNames() throws {
    var parts = DateComponents()
    (parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second) = (2026, 12, 5, 12, 34, 56)
    let date = try #require(Calendar.current.date(from: parts))
    #expect(NetworkSaver.fileName(datasetName: "moons", date: date) == "scoreviz-moons-20261205-123456.safetensors")
    #expect(
      NetworkSaver.fileName(datasetName: "../data/my points.v2.csv", date: date)
        == "scoreviz-my-points-v2-20261205-123456.safetensors")
    #expect(NetworkSaver.fileName(datasetName: "", date: date) == "scoreviz-data-20261205-123456.safetensors")
    #expect(
      NetworkSaver.fileName(datasetName: "\u{1B}[31mé", date: date) == "scoreviz---31m--20261205-123456.safetensors")
  }

  @Test("A model shown without training: the keys that need training say so and change nothing")
  func viewOnlyKeys() throws {
    let folder = try makeTemporaryFolder()
    let path = folder + "/m.safetensors"
    try Self.trainedEngine(steps: 8).snapshot.modelFile().write(to: path)
    let options = try LiveOptions.parse([
      "--particles", "20", "-n", "300", "--themes-dir", LiveView.packageFolder + "/themes",
    ])
    var viewModel = try options.makeViewModel(modelPath: path, trains: false)
    #expect(!viewModel.isTraining)
    #expect(viewModel.controls.clickMode == .dropParticles)
    for action in LiveAction.allCases where action.needsTraining {
      viewModel.perform(action)
      #expect(viewModel.controls.message.hasPrefix("not training"), "\(action)")
    }
    #expect(!viewModel.controls.isPaused)
    #expect(viewModel.engine.snapshot.data.dataset.points.count == 300)
    let state = viewModel.viewState(width: 120, height: 40, snapshot: viewModel.engine.snapshot)
    #expect(state.status.shownModel == "m.safetensors")
  }
}
