// The live view's key handling driven directly by long random sequences, without a terminal.

import ScoreCore
import ScoreTestSupport
import Testing

@testable import scoreviz

@Suite("Live view key soak")
struct LiveViewModelSoakTests {
  /// A live view model on 400 moons points with the package's themes, its engine not
  /// started: the commands keys send are queued, not applied, so only the model's own state
  /// changes.
  static func makeViewModel() throws -> LiveViewModel {
    let options = try LiveOptions.parse([
      "--dataset", "moons", "--count", "400", "--particles", "50",
      "--themes-dir", LiveView.packageFolder + "/themes",
    ])
    return try options.makeViewModel()
  }

  @Test("h 500 times stops at a thousandth of the data's extent and says so; H 2000 times at ten times")
  func bandwidthEnds() throws {
    var viewModel = try Self.makeViewModel()
    let snapshot = viewModel.engine.snapshot
    let box = PlotBox.bounding(snapshot.data.dataset.points)
    let extent = max(box.width, box.height)
    for _ in 0..<500 { viewModel.perform(.bandwidthDown) }
    #expect(viewModel.controls.currentBandwidth(snapshot) == extent / 1000)
    #expect(viewModel.controls.message == "h at its minimum")
    let smallest = viewModel.viewState(width: 120, height: 40, snapshot: snapshot)
    #expect(smallest.density.values.allSatisfy { $0.isFinite && $0 >= 0 })
    for _ in 0..<2_000 { viewModel.perform(.bandwidthUp) }
    #expect(viewModel.controls.currentBandwidth(snapshot) == extent * 10)
    #expect(viewModel.controls.message == "h at its maximum")
    let largest = viewModel.viewState(width: 120, height: 40, snapshot: snapshot)
    #expect(largest.density.values.allSatisfy { $0.isFinite && $0 >= 0 })
    viewModel.perform(.bandwidthDown)
    #expect(viewModel.controls.currentBandwidth(snapshot) == extent * 10 / 1.25)
    #expect(viewModel.controls.message == "")
  }

  @Test("20,000 seeded random actions, help scrolls and clicks keep every setting in its range")
  func randomActions() throws {
    var viewModel = try Self.makeViewModel()
    var generator = SeededGenerator(seed: 31)
    // Not w, which would write files into the working directory (NetworkSaverTests covers it).
    let actions = LiveAction.allCases.filter { $0 != .quit && $0 != .saveNetwork }
    var height = 40
    var violations: [String] = []
    for step in 0..<20_000 {
      switch Int.random(in: 0..<20, using: &generator) {
      case 0:
        height = Int.random(in: 0...80, using: &generator)
        viewModel.scrollHelp(by: Int.random(in: -100...100, using: &generator), height: height)
      case 1:
        let point = SIMD2(
          Double.random(in: -3...3, using: &generator), Double.random(in: -3...3, using: &generator))
        viewModel.click(at: point)
      default:
        viewModel.perform(actions.randomElement(using: &generator)!)
      }
      let snapshot = viewModel.engine.snapshot
      let controls = viewModel.controls
      let h = controls.currentBandwidth(snapshot)
      let broken = [
        controls.shouldQuit ? "quit" : nil,
        (0..<snapshot.ladder.count).contains(controls.sigmaIndex) ? nil : "σ index",
        h.isFinite && h > 0 ? nil : "h \(h)",
        controls.fixedBandwidth == nil || controls.bandwidthRange(snapshot).contains(h)
          ? nil : "h \(h) outside its range",
        (1e-9...1).contains(viewModel.particles.epsilon) ? nil : "ε \(viewModel.particles.epsilon)",
        (0..<LiveAction.keyBindings.count).contains(controls.helpScroll) ? nil : "help scroll",
      ].compactMap { $0 }
      if !broken.isEmpty { violations.append("step \(step): " + broken.joined(separator: ", ")) }
      if step % 5_000 == 0 {
        let state = viewModel.viewState(width: 120, height: 40, snapshot: snapshot)
        #expect(state.density.values.allSatisfy { $0.isFinite && $0 >= 0 })
        #expect(state.status.bandwidth.isFinite && state.status.sigma.isFinite)
      }
    }
    #expect(violations.isEmpty, "\(violations.prefix(5))")
  }
}
