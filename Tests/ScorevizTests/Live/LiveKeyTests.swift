// Keys in the live view, checked by what the screen shows after each one.

import Foundation
import ScoreTestSupport
import Testing

@Suite("Live view keys in tmux")
struct LiveKeyTests {
  @Test("s moves σ to level 6 of 10, S S to level 4, and the arrows change with σ")
  func sigmaKeys() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    // Paused, the network stops changing, so the arrows change only with σ.
    tmux.send(keys: "Space")
    let paused = try tmux.waitUntil { $0.contains("paused") }
    let before = try stableArrows(tmux, after: LiveView.arrows(TmuxCapture(paused)))

    tmux.send(keys: "s")
    // σ on the ladder 1:0.01:10 is 0.01^((level − 1)/9): 0.0774 at level 6, 0.215 at level 4.
    let down = try tmux.waitUntil { $0.contains("(6/10)") }
    #expect(down.contains("σ 0.0774 (6/10)"))
    tmux.send(keys: "S", "S")
    let up = try tmux.waitUntil { $0.contains("(4/10)") }
    #expect(up.contains("σ 0.215 (4/10)"))
    let after = try stableArrows(tmux, after: LiveView.arrows(TmuxCapture(up)))
    let common = Set(before.keys).intersection(after.keys)
    #expect(common.count > 100, "most arrows are not hidden by particles")
    #expect(common.contains { before[$0] != after[$0] }, "some arrow turns when σ grows")
  }

  /// The arrows once two captures in a row agree on every cell both show an arrow in (a
  /// particle may hide an arrow in one of them).
  private func stableArrows(
    _ tmux: TmuxSession, after first: [CellPosition: Unicode.Scalar]
  ) throws -> [CellPosition: Unicode.Scalar] {
    var previous = first
    var result: [CellPosition: Unicode.Scalar] = [:]
    try tmux.waitUntil { screen in
      let now = LiveView.arrows(TmuxCapture(screen))
      defer { previous = now }
      let agree = Set(now.keys).intersection(previous.keys).allSatisfy { now[$0] == previous[$0] }
      if agree { result = now }
      return agree && !now.isEmpty
    }
    return result
  }

  @Test("? shows the help box listing every key with its summary; ? again hides it")
  func helpBox() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    tmux.send(keys: "?")
    // tmux may be read while a frame is half written: wait for the box's bottom corner.
    let shown = try tmux.waitUntil { $0.contains("Keys") && $0.contains("┘") }
    let lines = shown.split(separator: "\n").map(String.init)
    for (key, summary) in Self.keyList {
      let listed = lines.contains { line in
        guard let keyRange = line.range(of: "│ " + key + " ") else { return false }
        return line[keyRange.upperBound...].trimmingCharacters(in: .whitespaces).hasPrefix(summary)
      }
      #expect(listed, "the help lists '\(key)' as '\(summary)'")
    }
    tmux.send(keys: "?")
    let hidden = try tmux.waitUntil { !$0.contains("Keys") }
    #expect(!hidden.contains("┌"))
    #expect(hidden.contains("σ 0.129 (5/10)"))
  }

  @Test("At 80×24 the help shows a page of keys; ↓ and PgDn scroll to the last ones, Home back")
  func helpScrollsOnASmallTerminal() throws {
    let tmux = try LiveView.start(width: 80, height: 24)
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    let count = Self.keyList.count
    tmux.send(keys: "?")
    let first = try tmux.waitUntil { $0.contains("1–19 of \(count)") && $0.contains("┘") }
    #expect(first.contains("│ q ") && !first.contains("next colour theme"))
    tmux.send(keys: "Down")
    let moved = try tmux.waitUntil { $0.contains("2–20 of \(count)") }
    #expect(!moved.contains("│ q ") && moved.contains("│ ? "))
    tmux.send(keys: "NPage")
    let last = try tmux.waitUntil { $0.contains("\(count - 18)–\(count) of \(count)") }
    #expect(last.contains("next colour theme") && !last.contains("│ ? "))
    tmux.send(keys: "Home")
    try tmux.waitUntil { $0.contains("1–19 of \(count)") }
  }

  /// Every key of the live view and its summary, as the README documents them.
  private static let keyList: [(String, String)] = [
    ("q", "quit"), ("?", "show or hide this help"), ("space", "pause or resume training"),
    ("s", "σ one level down the ladder (smaller)"), ("S", "σ one level up the ladder (larger)"),
    ("h", "KDE bandwidth h ÷ 1.25"), ("H", "KDE bandwidth h × 1.25"),
    ("b", "h back to its rule (Scott)"), ("l", "lock h = σ (the density the network learns)"),
    ("R", "reset the network"), ("n", "next dataset"), ("N", "previous dataset"),
    ("o", "next objective (ncsn dsm ssm ism esm)"), ("O", "previous objective"),
    ("f", "arrows: learned / KDE at h = σ / error"), ("d", "density: KDE / histogram / model p_σ (ODE) / off"),
    ("1", "show or hide the data points"), ("2", "show or hide the arrows"),
    ("3", "show or hide the particles"), ("T", "show or hide the particles' trails"),
    ("r", "respawn the particles (a new run of the σ clock)"),
    ("m", "next sampler: annealed, plain, SDE, PC, ODE, Heun"), ("M", "previous sampler"),
    ("v", "process VE or VP (SDE, PC, ODE, Heun)"), ("F", "clock the other way: data → noise, noise → data"),
    ("e", "Langevin step ε ÷ 2"),
    ("E", "Langevin step ε × 2"), ("t", "next colour theme"),
    ("c", "mouse click: add a data point / drop particles"),
    ("w", "save the network: scoreviz-<data>-<time>.safetensors"),
    ("p", "save the screen as scoreviz-TIME.svg here"),
  ]

  @Test("Space pauses: 'paused' shows and the epoch stops; space again resumes training")
  func pauseAndResume() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    tmux.send(keys: "Space")
    try tmux.waitUntil { $0.contains("paused") }
    // The engine finishes the epoch it is in, so wait for two equal counts 0.4 s apart.
    var last = -1
    var lastTime = Date()
    let settled = try tmux.waitUntil { screen in
      let epoch = TmuxCapture(screen).integer(after: "epoch ") ?? -1
      if epoch != last {
        last = epoch
        lastTime = Date()
      }
      return Date().timeIntervalSince(lastTime) >= 0.4
    }
    let stopped = try #require(TmuxCapture(settled).integer(after: "epoch "))
    // Unpaused, training runs several epochs a second even on a busy machine.
    let deadline = Date().addingTimeInterval(1)
    while Date() < deadline {
      let capture = TmuxCapture(tmux.capture())
      #expect(capture.integer(after: "epoch ") == stopped)
      #expect(capture.text.contains("paused"))
      usleep(100_000)
    }
    tmux.send(keys: "Space")
    let resumed = try tmux.waitUntil { screen in
      (TmuxCapture(screen).integer(after: "epoch ") ?? 0) > stopped
    }
    #expect(!resumed.contains("paused"))
  }

  @Test("f cycles the arrow legend: learned, KDE, error, learned")
  func arrowModes() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    let first = try LiveView.waitForView(tmux)
    #expect(first.text.contains("score learned"))
    #expect(first.text.contains("|s| log scale"))
    tmux.send(keys: "f")
    try tmux.waitUntil { $0.contains("score KDE") && !$0.contains("score learned") }
    tmux.send(keys: "f")
    try tmux.waitUntil { $0.contains("error vs KDE") && $0.contains("error log scale") }
    tmux.send(keys: "f")
    try tmux.waitUntil { $0.contains("score learned") && !$0.contains("error vs KDE") }
  }

  @Test("d cycles the density legend: KDE, histogram, model p_σ (ODE), off, KDE")
  func densityModes() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    _ = try LiveView.waitForView(tmux)
    // The density comes from a worker thread, a frame or so after the first frame (and tmux
    // may be read while a frame is half written: wait for the colour bar's label too).
    try tmux.waitUntil { $0.contains("density KDE") && $0.contains("density, log scale") }
    tmux.send(keys: "d")
    let histogram = try tmux.waitUntil { $0.contains("density histogram") }
    #expect(histogram.contains("points/pixel, log"))
    tmux.send(keys: "d")
    // The model's density comes from a background thread: first "computing…", then its
    // colour bar; the frames go on meanwhile. Its ODE takes 13 s on a busy 2-core machine.
    let model = try tmux.waitUntil(timeout: 60) {
      $0.contains("density model") && $0.contains("density, log scale")
    }
    #expect(!model.contains("computing"))
    tmux.send(keys: "d")
    // No heat map (half blocks, or shading glyphs where the pane has no colour), no colour
    // bar and no density legend. (▄ is left out: the loss sparkline uses it.)
    let heatMapGlyphs = Set("▀░▒▓".unicodeScalars)
    let off = try tmux.waitUntil { screen in
      !screen.contains("density histogram") && !screen.contains("density model")
        && !screen.unicodeScalars.contains { heatMapGlyphs.contains($0) }
    }
    #expect(!off.contains("density KDE"))
    #expect(!off.contains("density, log scale") && !off.contains("points/pixel"))
    tmux.send(keys: "d")
    try tmux.waitUntil { $0.contains("density KDE") }
  }

  @Test("1, 2 and 3 hide the data points, the arrows and the particles, legend and plot")
  func layerToggles() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    let first = try LiveView.waitForView(tmux)
    #expect(!LiveView.arrows(first).isEmpty)
    tmux.send(keys: "2")
    let noArrows = TmuxCapture(
      try tmux.waitUntil {
        !$0.contains("score learned") && LiveView.arrows(TmuxCapture($0)).isEmpty
      })
    #expect(!noArrows.text.contains("|s| log scale"))
    #expect(noArrows.text.contains("data 10000"))
    tmux.send(keys: "1")
    let noPoints = TmuxCapture(try tmux.waitUntil { !$0.contains("data 10000") })
    #expect(noPoints.text.contains("particles 400"))
    tmux.send(keys: "3")
    // tmux may be read while a frame is half written: wait for the plot rows too.
    let bare = TmuxCapture(
      try tmux.waitUntil {
        !$0.contains("particles 400") && LiveView.braille(TmuxCapture($0)).isEmpty
      })
    #expect(bare.text.contains("density KDE"))
    tmux.send(keys: "1", "2", "3")
    try tmux.waitUntil {
      let capture = TmuxCapture($0)
      return $0.contains("data 10000") && $0.contains("particles 400")
        && $0.contains("score learned")
        && !LiveView.arrows(capture).isEmpty && !LiveView.braille(capture).isEmpty
    }
  }

  /// A key that writes a message in the title row, and what the screen shows after it.
  struct MessageCase: Sendable, CustomTestStringConvertible {
    var key: String
    var message: String
    var status: String
    var testDescription: String { "'\(key)' shows '\(message)'" }
  }

  @Test(
    "Keys that report in the title: theme, objective, lock, Langevin mode",
    arguments: [
      MessageCase(key: "t", message: "theme: high-contrast", status: "σ 0.129 (5/10)"),
      MessageCase(key: "o", message: "objective: dsm", status: "objective dsm"),
      MessageCase(key: "l", message: "h locked to σ", status: "h 0.129 (locked to σ)"),
      MessageCase(key: "m", message: "Langevin: plain", status: "plain"),
    ])
  func messageKeys(_ messageCase: MessageCase) throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    let first = try LiveView.waitForView(tmux)
    #expect(!first.text.contains(messageCase.status) || messageCase.key == "t")
    tmux.send(keys: messageCase.key)
    // The engine applies some changes between epochs: the status may follow a frame later.
    let after = try tmux.waitUntil {
      $0.contains(messageCase.message) && $0.contains(messageCase.status)
    }
    let title = after.prefix { $0 != "\n" }
    #expect(title.contains(messageCase.message), "the message is on the title row")
  }

  @Test("n switches to the next dataset: the title names it and the message says so")
  func nextDataset() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    tmux.send(keys: "n")
    let message = try tmux.waitUntil { $0.contains("dataset: ") }
    let name = try #require(TmuxCapture(message).field(after: "dataset: "))
    #expect(!name.isEmpty && name != "moons")
    // The engine swaps the data between epochs, so the title follows a little later.
    let after = try tmux.waitUntil { $0.hasPrefix(" scoreviz  \(name)  N ") }
    #expect(after.prefix { $0 != "\n" }.hasSuffix("dataset: " + name))
  }

  @Test("h divides the KDE bandwidth by 1.25 and marks it fixed")
  func bandwidthKey() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    let first = try LiveView.waitForView(tmux)
    let rule = try #require(first.field(after: "  h "))
    #expect(rule.hasSuffix("(scott)"))
    let before = try #require(LiveView.leadingNumber(rule))
    tmux.send(keys: "h")
    let after = TmuxCapture(try tmux.waitUntil { $0.contains("(fixed)") })
    let fixed = try #require(LiveView.leadingNumber(after.field(after: "  h ")))
    // Both values are shown to 3 significant digits: each is off by at most 0.5 % of itself.
    #expect(abs(fixed - before / 1.25) <= 0.011 * fixed)
  }

  @Test("In plain Langevin, e halves ε and E doubles it")
  func epsilonKeys() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    // Annealed, ε follows the particles' level; plain, it stays at σ's level until a key.
    tmux.send(keys: "m")
    let plain = TmuxCapture(try tmux.waitUntil { $0.contains("Langevin: plain") })
    let start = try #require(LiveView.leadingNumber(plain.field(after: "ε ")))
    tmux.send(keys: "e")
    let halved = try waitForEpsilon(tmux, near: start / 2)
    tmux.send(keys: "E", "E")
    let doubled = try waitForEpsilon(tmux, near: start * 2)
    #expect(halved < start && doubled > start)
  }

  /// Waits until the status shows ε within 1.1 % of `expected` (3 significant digits on both
  /// sides) and returns it.
  private func waitForEpsilon(_ tmux: TmuxSession, near expected: Double) throws -> Double {
    var shown = Double.nan
    try tmux.waitUntil { screen in
      shown = LiveView.leadingNumber(TmuxCapture(screen).field(after: "ε ")) ?? .nan
      return abs(shown - expected) <= 0.011 * expected
    }
    return shown
  }
}
