// The live view under a storm of random input and of resizes, and mouse reports past column 223.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite("Live view under input and resize storms in tmux")
struct LiveStormTests {
  /// The keys of the live view but q.
  static let keys = Array("? sShHblRnNoOfd123rmeEtc".utf8)

  /// Bytes a terminal never passes on as input here: Ctrl-C, Ctrl-Z and Ctrl-\ are signals,
  /// Ctrl-S and Ctrl-Q flow control, and q quits; w is left out too, as it would save files
  /// into the package folder (its own tests save into temporary folders).
  static let excluded: Set<UInt8> = [0x03, 0x1A, 0x1C, 0x13, 0x11, UInt8(ascii: "q"), UInt8(ascii: "w")]

  /// Escape sequences a terminal sends: mouse reports in both encodings (SGR past column
  /// 223), keys ncurses knows and ones it does not, answers to queries, a paste holding q.
  static func sequence(using generator: inout SeededGenerator) -> [UInt8] {
    let column = Int.random(in: 1...320, using: &generator)
    let row = Int.random(in: 1...60, using: &generator)
    let button = [0, 1, 2, 3, 32, 64, 65, 66, 128].randomElement(using: &generator)!
    let x10 = [0x1B, 0x5B, 0x4D] + (0..<3).map { _ in UInt8.random(in: 32...255, using: &generator) }
    let texts = [
      "\u{1b}[<\(button);\(column);\(row)M", "\u{1b}[<\(button);\(column);\(row)m",
      "\u{1b}[A", "\u{1b}[B", "\u{1b}[5~", "\u{1b}[6~", "\u{1b}[H", "\u{1b}[1;5C", "\u{1b}OP",
      "\u{1b}[15;2~", "\u{1b}[?1;2c", "\u{1b}]11;rgb:0000/0000/0000\u{1b}\\", "\u{1b}Oz",
      "\u{1b}[200~quit R n t q\u{1b}[201~", "\u{1b}m", "\u{1b}", "\u{1b}[999;999;999;999X",
    ]
    let choice = Int.random(in: 0...texts.count, using: &generator)
    return choice == texts.count ? x10 : Array(texts[choice].utf8)
  }

  @Test("Held keys, random keys and bytes, sequences and mouse reports: alive, finite, q exits")
  func inputStorm() throws {
    // Random bytes may hold `p`, which saves a picture in the current folder: a folder of its own.
    let tmux = try LiveView.startWrapped(workingDirectory: try makeTemporaryFolder())
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    let scoreviz = try LiveView.wrappedPID(tmux)
    var generator = SeededGenerator(seed: 2_024)
    // Keys held down: the h and H runs go far past their ends.
    for (key, count) in [("h", 500), ("H", 2_000), ("e", 100), ("E", 100), ("s", 40), ("S", 40)] {
      tmux.send(bytes: Array(repeating: UInt8(ascii: Unicode.Scalar(key)!), count: count))
    }
    let deadline = Date().addingTimeInterval(6)
    while Date() < deadline {
      var burst: [UInt8] = []
      while burst.count < 400 {
        switch Int.random(in: 0..<10, using: &generator) {
        case 0..<5: burst.append(Self.keys.randomElement(using: &generator)!)
        case 5..<7:
          let byte = UInt8.random(in: 0...255, using: &generator)
          if !Self.excluded.contains(byte) { burst.append(byte) }
        default: burst += Self.sequence(using: &generator)
        }
      }
      tmux.send(bytes: burst)
      usleep(100_000)
    }
    #expect(kill(scoreviz, 0) == 0, "scoreviz is still running")
    // Close the help if the storm left it open, then read the status lines.
    tmux.send(keys: "Escape")
    let screen = try tmux.waitUntil(timeout: 20) { screen in
      let lines = screen.split(separator: "\n")
      return lines.count >= 2 && lines.last!.contains("σ ") && lines.last!.contains(" h ")
        && !screen.contains("Keys")
    }
    let status = screen.split(separator: "\n").suffix(2).joined(separator: "\n").lowercased()
    #expect(!status.contains("nan") && !status.contains("inf"), "finite numbers: \(status)")
    Thread.sleep(forTimeInterval: 0.3)
    tmux.send(keys: "q")
    let end = try tmux.waitUntil(timeout: 20) { $0.contains("EXIT=") && $0.contains("icanon") }
    #expect(end.contains("EXIT=0\n"))
    LiveView.expectRestored(tmux, screen: end)
  }

  @Test("A 30 kB paste full of keys (q, h, s, m, n, R) is dropped whole: nothing changes")
  func largePaste() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    var generator = SeededGenerator(seed: 5)
    let letters = Array("qhHsSmnNRtbl?123 abcdefgijkopruvwxyz\n")
    let blob = String((0..<30_000).map { _ in letters.randomElement(using: &generator)! })
    tmux.paste(blob + "q")
    Thread.sleep(forTimeInterval: 1.5)
    let screen = try tmux.waitUntil { $0.contains("σ ") }
    #expect(screen.hasPrefix(" scoreviz  moons"), "n did not switch the dataset")
    #expect(screen.contains("σ 0.129 (5/10)") && screen.contains("(scott)"))
    #expect(screen.contains("annealed") && !screen.contains("Keys") && !screen.contains("paused"))
    #expect(tmux.isAlternateScreenOn, "q did not quit")
  }

  @Test("A resize storm down to 1×1 and up to 300×100, then 120×40: the whole view again")
  func resizeStorm() throws {
    let tmux = try LiveView.start()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    let pid = try #require(tmux.panePID)
    var generator = SeededGenerator(seed: 99)
    var sizes = [(1, 1), (10, 5), (300, 100), (1, 1), (80, 24), (79, 23), (2, 60), (250, 3)]
    for _ in 0..<40 {
      sizes.append((Int.random(in: 1...300, using: &generator), Int.random(in: 1...100, using: &generator)))
    }
    for (width, height) in sizes {
      tmux.resize(width: width, height: height)
      usleep(10_000)
    }
    tmux.resize(width: 120, height: 40)
    try tmux.waitUntil(timeout: 20) { screen in
      let capture = TmuxCapture(screen)
      return screen.hasPrefix(" scoreviz  moons") && capture.rows.count > 36
        && capture.rows[36].contains("└") && screen.contains("σ 0.129 (5/10)")
        && !LiveView.arrows(capture).isEmpty
    }
    #expect(kill(pid, 0) == 0)
  }

  @Test("SGR mouse reports: a release is no key (Langevin stays annealed); a press at column 250 adds a point")
  func sgrMouseReports() throws {
    let tmux = try LiveView.start(width: 320, height: 60)
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    #expect(tmux.format("#{mouse_sgr_flag}") == "1", "SGR reports are asked for")
    // Column 251, row 30 (1-based) is inside the plot, which spans columns 9..<299.
    tmux.send(bytes: Array("\u{1b}[<0;251;30m".utf8))
    Thread.sleep(forTimeInterval: 0.5)
    let released = try tmux.waitUntil { $0.contains("annealed") }
    #expect(!released.contains("plain") && !released.contains("Langevin: plain"))
    tmux.send(bytes: Array("\u{1b}[<0;251;30M\u{1b}[<0;251;30m".utf8))
    let pressed = try tmux.waitUntil { $0.contains("added a point at") }
    #expect(pressed.contains("annealed") && !pressed.contains("Langevin: plain"))
  }
}
