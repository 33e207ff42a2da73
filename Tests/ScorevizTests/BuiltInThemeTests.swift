// A copied binary with no themes folder still has every shipped theme; the user's folder overrides them.

import Foundation
import ScoreTestSupport
import Testing

@Suite struct BuiltInThemeTests {
  static let frame = ["render", "--steps", "1", "--width", "60", "--height", "20", "--particles", "10", "--ansi"]

  /// Runs the binary copied alone into an empty folder, from there, with `environment`.
  static func runCopied(_ arguments: [String], environment: [String: String]) throws -> (
    status: Int32, standardOutput: String, standardError: String
  ) {
    let folder = try makeTemporaryFolder()
    let copy = folder + "/scoreviz"
    try FileManager.default.copyItem(atPath: scorevizExecutablePath(), toPath: copy)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: copy)
    process.arguments = arguments
    process.environment = environment.merging(["SWIFT_BACKTRACE": "interactive=no"]) { $1 }
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    // A process forked elsewhere in the test run may still hold the copy open for writing
    // for a moment (ETXTBSY); try again briefly.
    for attempt in 1...50 {
      do {
        try process.run()
        break
      } catch let error as CocoaError where attempt < 50 {
        _ = error
        usleep(100_000)
      }
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: String(decoding: errorData, as: UTF8.self)
    )
  }

  @Test func copiedBinaryHasEveryThemeAndTheUserFolderWins() throws {
    let home = try makeTemporaryFolder()
    var frames: [String: String] = [:]
    for name in ["dark", "light", "high-contrast"] {
      let result = try Self.runCopied(Self.frame + ["--theme", name], environment: ["HOME": home])
      #expect(result.status == 0, "\(name): \(result.standardError)")
      frames[name] = result.standardOutput
    }
    #expect(Set(frames.values).count == 3, "the three themes draw alike")
    // A user's light.toml holding the dark theme's text replaces the built-in light.
    let config = try makeTemporaryFolder()
    try FileManager.default.createDirectory(atPath: config + "/scoreviz/themes", withIntermediateDirectories: true)
    let dark = try String(
      contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/themes/dark.toml", encoding: .utf8)
    try dark.write(toFile: config + "/scoreviz/themes/light.toml", atomically: true, encoding: .utf8)
    let overridden = try Self.runCopied(
      Self.frame + ["--theme", "light"], environment: ["HOME": home, "XDG_CONFIG_HOME": config])
    #expect(overridden.status == 0, "\(overridden.standardError)")
    #expect(overridden.standardOutput == frames["dark"])
  }
}
