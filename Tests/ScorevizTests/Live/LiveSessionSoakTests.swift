// The live view's key handling driven directly by long random sequences, without a terminal.

import ScoreCore
import ScoreTestSupport
import Testing

@testable import scoreviz

@Suite("Live session key soak")
struct LiveSessionSoakTests {
  /// A session on 400 moons points with the package's themes, its engine not started: the
  /// commands keys send are queued, not applied, so only the session's own state changes.
  static func makeSession() throws -> LiveSession {
    let options = try LiveOptions.parse([
      "--dataset", "moons", "--count", "400", "--particles", "50",
      "--themes-dir", LiveView.packageFolder + "/themes",
    ])
    return try options.makeSession()
  }

  @Test("h 500 times stops at a thousandth of the data's extent and says so; H 2000 times at ten times")
  func bandwidthEnds() throws {
    var session = try Self.makeSession()
    let snapshot = session.engine.snapshot
    let box = PlotBox.bounding(snapshot.data.dataset.points)
    let extent = max(box.width, box.height)
    for _ in 0..<500 { session.perform(.bandwidthDown) }
    #expect(session.currentBandwidth(snapshot) == extent / 1000)
    #expect(session.message == "h at its minimum")
    let smallest = session.viewState(width: 120, height: 40, snapshot: snapshot)
    #expect(smallest.density.values.allSatisfy { $0.isFinite && $0 >= 0 })
    for _ in 0..<2_000 { session.perform(.bandwidthUp) }
    #expect(session.currentBandwidth(snapshot) == extent * 10)
    #expect(session.message == "h at its maximum")
    let largest = session.viewState(width: 120, height: 40, snapshot: snapshot)
    #expect(largest.density.values.allSatisfy { $0.isFinite && $0 >= 0 })
    session.perform(.bandwidthDown)
    #expect(session.currentBandwidth(snapshot) == extent * 10 / 1.25)
    #expect(session.message == "")
  }

  @Test("20,000 seeded random actions, help scrolls and clicks keep every setting in its range")
  func randomActions() throws {
    var session = try Self.makeSession()
    var generator = SeededGenerator(seed: 31)
    let actions = LiveAction.allCases.filter { $0 != .quit }
    var height = 40
    var violations: [String] = []
    for step in 0..<20_000 {
      switch Int.random(in: 0..<20, using: &generator) {
      case 0:
        height = Int.random(in: 0...80, using: &generator)
        session.scrollHelp(by: Int.random(in: -100...100, using: &generator), height: height)
      case 1:
        let point = SIMD2(
          Double.random(in: -3...3, using: &generator), Double.random(in: -3...3, using: &generator))
        session.click(at: point)
      default:
        session.perform(actions.randomElement(using: &generator)!)
      }
      let snapshot = session.engine.snapshot
      let h = session.currentBandwidth(snapshot)
      let broken = [
        session.shouldQuit ? "quit" : nil,
        (0..<snapshot.ladder.count).contains(session.sigmaIndex) ? nil : "σ index",
        h.isFinite && h > 0 ? nil : "h \(h)",
        session.fixedBandwidth == nil || session.bandwidthRange(snapshot).contains(h)
          ? nil : "h \(h) outside its range",
        (1e-9...1).contains(session.particles.epsilon) ? nil : "ε \(session.particles.epsilon)",
        (0..<LiveAction.keyBindings.count).contains(session.helpScroll) ? nil : "help scroll",
      ].compactMap { $0 }
      if !broken.isEmpty { violations.append("step \(step): " + broken.joined(separator: ", ")) }
      if step % 5_000 == 0 {
        let state = session.viewState(width: 120, height: 40, snapshot: snapshot)
        #expect(state.density.values.allSatisfy { $0.isFinite && $0 >= 0 })
        #expect(state.status.bandwidth.isFinite && state.status.sigma.isFinite)
      }
    }
    #expect(violations.isEmpty, "\(violations.prefix(5))")
  }
}
