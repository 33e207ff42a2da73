// The live view's samplers in tmux: the σ clock, its hold and restart, m/M, v, F and T.

import Foundation
import ScoreTestSupport
import Testing

@Suite("Live view samplers in tmux")
struct LiveSamplerTests {
  /// The σ the clock shows on the status line, e.g. 0.382 from "Heun VE σ 0.382 ▕██▏░░░░░▏ ←".
  static func clockSigma(_ screen: String, sampler: String) -> Double? {
    LiveView.leadingNumber(TmuxCapture(screen).field(after: "\(sampler) σ "))
  }

  @Test("--sampler heun: σ falls from 1 to 0.01 on the clock, holds with NFE 179, then starts again")
  func heunClock() throws {
    let tmux = try LiveView.start(["--sampler", "heun"])
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    // 90 Heun steps: 2·90 − 1 evaluations; the hold lasts 45 frames.
    let held = try tmux.waitUntil(timeout: 20) { $0.contains("Heun VE σ 0.01000") && $0.contains("held") }
    #expect(held.contains("NFE 179"))
    #expect(held.contains("memorised "))
    var sigmas: [Double] = []
    try tmux.waitUntil(timeout: 20) { screen in
      if let sigma = Self.clockSigma(screen, sampler: "Heun VE"), !screen.contains("held") { sigmas.append(sigma) }
      return sigmas.count >= 3 && sigmas.last! < sigmas.first!
    }
    // A new run started at the top and walks down.
    #expect(sigmas.first! > 0.05, "\(sigmas)")
    #expect(zip(sigmas, sigmas.dropFirst()).allSatisfy { $0 >= $1 }, "σ only falls within a run: \(sigmas)")
  }

  @Test("m, M and v choose the sampler and process; F sends the particles toward noise and back")
  func samplerKeys() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    let first = try LiveView.waitForView(tmux)
    #expect(first.text.contains("annealed") && !first.text.contains("NFE"))
    tmux.send(keys: "m", "m")
    try tmux.waitUntil { $0.contains("sampler: SDE VE") && $0.contains("SDE VE σ ") && $0.contains("NFE ") }
    tmux.send(keys: "v")
    try tmux.waitUntil { $0.contains("sampler: SDE VP") && $0.contains("SDE VP σ ") }
    tmux.send(keys: "M")
    try tmux.waitUntil { $0.contains("Langevin: plain") && !$0.contains("NFE") }
    tmux.send(keys: "F")
    // From a Langevin sampler, F runs the forward process under the SDE, from the data.
    let forward = try tmux.waitUntil { $0.contains("forward: data → noise") && $0.contains("SDE VP σ ") }
    #expect(forward.contains(" → "))
    var sigmas: [Double] = []
    try tmux.waitUntil(timeout: 20) { screen in
      if let sigma = Self.clockSigma(screen, sampler: "SDE VP") { sigmas.append(sigma) }
      return screen.contains("held")
    }
    #expect(zip(sigmas, sigmas.dropFirst()).allSatisfy { $0 <= $1 }, "σ only rises going forward: \(sigmas)")
    tmux.send(keys: "F")
    let back = try tmux.waitUntil { $0.contains("reverse: noise → data") && !$0.contains("held") }
    #expect(back.contains(" ← "))
  }

  @Test("T hides the trails and their legend; T again shows them")
  func trailsKey() throws {
    let tmux = try LiveView.start(["--sampler", "sde"])
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    try tmux.waitUntil { $0.contains("trails 64×") }
    tmux.send(keys: "T")
    try tmux.waitUntil { !$0.contains("trails 64×") }
    tmux.send(keys: "T")
    try tmux.waitUntil { $0.contains("trails 64×") }
  }

  @Test("--source kde: the particles follow the exact KDE score and the status shows the share memorised")
  func kdeSource() throws {
    let tmux = try LiveView.start(["--source", "kde", "--sampler", "ode", "-n", "500"])
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    let held = try tmux.waitUntil(timeout: 20) { $0.contains("ODE VE σ 0.01000") && $0.contains("held") }
    let share = try #require(LiveView.leadingNumber(TmuxCapture(held).field(after: "memorised ")))
    // On 500 points, ODE samples of the exact KDE score land on data points far more often
    // than fresh draws would (a few per cent).
    #expect(share >= 20, "memorised \(share)%")
  }
}
