// The asciicast writer: header, UTF-8 kept whole across blocks, times in order, the size limit.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@testable import scoreviz

@Suite struct AsciicastWriterTests {
  static let header = AsciicastWriter.Header(
    width: 80, height: 24, timestamp: 1_800_000_000, command: "scoreviz --record a.cast", title: "scoreviz, seed 0",
    environment: [("TERM", "xterm-256color")])

  static func lines(_ path: String) throws -> [Any] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
  }

  static func output(_ writer: AsciicastWriter, _ bytes: [UInt8], at seconds: Double) {
    bytes.withUnsafeBytes { writer.output($0, at: seconds) }
  }

  @Test func aCharacterSplitBetweenBlocksIsWrittenWhole() throws {
    let path = try makeTemporaryFolder() + "/a.cast"
    let writer = try AsciicastWriter(path: path, header: Self.header)
    let text = Array("σ=⣿ \u{1B}[0m".utf8)
    // σ is CE C3; ⣿ is E2 A3 BF: the second block ends inside ⣿.
    Self.output(writer, Array(text[0..<3]), at: 0.5)
    Self.output(writer, Array(text[3..<5]), at: 0.6)
    Self.output(writer, Array(text[5...]), at: 1)
    Self.output(writer, Array("x".utf8), at: 0.75)
    writer.resize(width: 100, height: 30, at: 2)
    let lines = try Self.lines(path)
    let header = try #require(lines.first as? [String: Any])
    #expect(header["version"] as? Int == 2 && header["width"] as? Int == 80 && header["height"] as? Int == 24)
    #expect(header["timestamp"] as? Int == 1_800_000_000)
    #expect((header["env"] as? [String: String]) == ["TERM": "xterm-256color"])
    let events = lines.dropFirst().compactMap { $0 as? [Any] }
    #expect(events.map { $0[1] as? String } == ["o", "o", "o", "r"])
    #expect(events.compactMap { $0[2] as? String } == ["σ=", "⣿ \u{1B}[0m", "x", "100x30"])
    // The last block came with an earlier time than the one before: it is written at that one's.
    #expect(events.compactMap { $0[0] as? Double } == [0.5, 1, 1, 2])
  }

  @Test func anExistingFileIsNotReplaced() throws {
    let folder = try makeTemporaryFolder()
    let path = try writeTextFile("keep", named: "a.cast", in: folder)
    #expect(throws: FileWriteError.self) { _ = try AsciicastWriter(path: path, header: Self.header) }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep")
  }

  /// With a limit of 300 bytes, events stop before the file would pass it, and it says so.
  @Test func theFileStopsAtItsLimit() throws {
    let path = try makeTemporaryFolder() + "/a.cast"
    let writer = try AsciicastWriter(path: path, header: Self.header, limit: 300)
    for step in 0..<100 { Self.output(writer, Array("frame \(step)\n".utf8), at: Double(step)) }
    #expect(writer.stoppedAtLimit)
    let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    #expect(size <= 300 && size == writer.bytesWritten && size > 200)
    #expect(try Self.lines(path).count > 2)
  }
}
