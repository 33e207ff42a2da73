// The live view's signal handling: one copy of the shim's state, and no process left behind.

import Foundation
import ScoreTestSupport
import Testing

@Suite("Live view signal record")
struct SignalRecordTests {
  /// The shim keeps the session's state (the signal record, the saved actions, the crash
  /// handler's flag) in function-local statics of `static inline` functions; a copy of one in a
  /// second object file would be a second state, so a signal recorded in one copy would never
  /// be seen through the other.
  @Test("The executable holds exactly one copy of each of the shim's process-guard statics")
  func oneCopyOfEachStatic() throws {
    let nm = try #require(
      ["/usr/bin/nm", "/usr/bin/llvm-nm"].first { FileManager.default.isExecutableFile(atPath: $0) },
      "nm (binutils) is needed to list the executable's symbols")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: nm)
    process.arguments = [scorevizExecutablePath()]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    // Local statics appear as `function.variable` (an array may be split as `.0`, `.1`).
    var copies: [String: Int] = [:]
    for line in output.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count == 3, "bBdD".contains(fields[1]), fields[2].hasPrefix("nc_") else { continue }
      let parts = fields[2].split(separator: ".")
      guard parts.count >= 2, parts.last != "1" else { continue }
      copies[parts.prefix(2).joined(separator: "."), default: 0] += 1
    }
    for name in ["nc_signal_record.record", "nc_watched_signals.watched", "nc_crash_handler_installed.installed"] {
      #expect(copies[name] == 1, "\(name): \(copies[name] ?? 0) copies")
    }
    #expect(copies.values.allSatisfy { $0 == 1 }, "\(copies.filter { $0.value != 1 })")
  }

  @Test("Closing the terminal (the tmux server ends) ends the live view's process", arguments: 1...3)
  func closingTheTerminalEndsTheProcess(round: Int) throws {
    let tmux = try LiveView.startWrapped()
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    let scoreviz = try LiveView.wrappedPID(tmux)
    tmux.kill()
    let deadline = Date().addingTimeInterval(10)
    while FileManager.default.fileExists(atPath: "/proc/\(scoreviz)"), Date() < deadline {
      usleep(50_000)
    }
    let stat = (try? String(contentsOfFile: "/proc/\(scoreviz)/stat", encoding: .utf8)) ?? ""
    #expect(stat.isEmpty || stat.contains(") Z "), "round \(round): process \(scoreviz) still runs: \(stat.prefix(60))")
  }
}
