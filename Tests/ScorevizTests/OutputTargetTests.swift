// Where output goes: links, FIFOs, devices, folders and a standard output that cannot be written.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct OutputTargetTests {
  /// The CSV `scoreviz data moons -n 3 --seed 0` writes, from the generator itself.
  static func moonsText() -> String {
    var rng = SeededGenerator(seed: 0)
    return PointFileWriter.csvText(DataTable(points: BuiltinDataset.moons.generate(count: 3, using: &rng)))
  }

  static let writeMoons = ["data", "moons", "-n", "3", "--seed", "0", "-o"]

  /// The kind of file at `path`, not following a link (`lstat`).
  static func fileType(_ path: String) -> mode_t {
    var info = stat()
    guard lstat(path, &info) == 0 else { return 0 }
    return info.st_mode & S_IFMT
  }

  @Test func aSymbolicLinkIsFollowedAndStaysALink() throws {
    let folder = try makeTemporaryFolder()
    let target = try writeTextFile("old\n", named: "target.csv", in: folder)
    try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: "target.csv")
    let result = try runScoreviz(Self.writeMoons + [folder + "/link.csv"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(Self.fileType(folder + "/link.csv") == S_IFLNK)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == Self.moonsText())
    #expect(try folderContents(folder) == ["link.csv", "target.csv"])
  }

  @Test func aLinkToNothingCreatesItsTarget() throws {
    let folder = try makeTemporaryFolder()
    try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: "new.csv")
    let result = try runScoreviz(Self.writeMoons + [folder + "/link.csv"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(Self.fileType(folder + "/link.csv") == S_IFLNK)
    #expect(try String(contentsOfFile: folder + "/new.csv", encoding: .utf8) == Self.moonsText())
  }

  @Test func aReplacedFileKeepsItsPermissions() throws {
    let folder = try makeTemporaryFolder()
    let path = try writeTextFile("old\n", named: "p.csv", in: folder)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    let result = try runScoreviz(Self.writeMoons + [path])
    #expect(result.status == 0, "\(result.standardError)")
    let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(permissions == 0o600)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.moonsText())
  }

  @Test func aFIFOIsWrittenInPlaceForItsReader() throws {
    let folder = try makeTemporaryFolder()
    let fifo = folder + "/pipe"
    try #require(mkfifo(fifo, 0o600) == 0)
    let received = ReceivedBytes()
    let reader = Thread {
      // Opening for reading waits for the writer, as a shell's `cat pipe` does.
      received.set(FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data())
    }
    reader.start()
    let result = try runScoreviz(Self.writeMoons + [fifo])
    #expect(result.status == 0, "\(result.standardError)")
    let deadline = Date().addingTimeInterval(10)
    while !received.isSet && Date() < deadline { usleep(1000) }
    #expect(String(decoding: received.value, as: UTF8.self) == Self.moonsText())
    #expect(Self.fileType(fifo) == S_IFIFO)
    #expect(try folderContents(folder) == ["pipe"])
  }

  /// A node for the character device `major`,`minor` (1,3 is /dev/null, 1,7 /dev/full) of
  /// this test's own, so that no other process on the machine can swap the system's device
  /// while the test looks at it; the system's device where nodes cannot be made (not root).
  static func characterDevice(_ systemPath: String, major: UInt32, minor: UInt32) throws -> String {
    let path = try makeTemporaryFolder() + "/" + URL(fileURLWithPath: systemPath).lastPathComponent
    // glibc's dev_t for a major and minor number below 256.
    let device = dev_t(major << 8 | minor)
    return mknod(path, S_IFCHR | 0o666, device) == 0 ? path : systemPath
  }

  @Test func devNullStaysADevice() throws {
    let device = try Self.characterDevice("/dev/null", major: 1, minor: 3)
    let result = try runScoreviz(Self.writeMoons + [device])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError.isEmpty)
    #expect(Self.fileType(device) == S_IFCHR)
  }

  @Test func devFullIsACannotWriteErrorAndStaysADevice() throws {
    let device = try Self.characterDevice("/dev/full", major: 1, minor: 7)
    let result = try runScoreviz(Self.writeMoons + [device])
    #expect(result.status == 73)
    #expect(result.standardError == "scoreviz: \(device): cannot write: No space left on device\n")
    #expect(Self.fileType(device) == S_IFCHR)
  }

  @Test func aFolderIsACannotWriteErrorBeforeAnyWork() throws {
    let folder = try makeTemporaryFolder()
    let result = try runScoreviz(["train", "--steps", "1000000", "--save", folder])
    #expect(result.status == 73)
    #expect(result.standardError == "scoreviz: \(folder): cannot write: Is a directory\n")
    #expect(result.standardOutput.isEmpty)
    #expect(try folderContents(folder).isEmpty)
  }

  @Test func aMissingFolderIsACannotWriteErrorBeforeAnyWork() throws {
    let folder = try makeTemporaryFolder()
    let result = try runScoreviz(["train", "--steps", "1000000", "--save", folder + "/absent/m.safetensors"])
    #expect(result.status == 73)
    #expect(
      result.standardError == "scoreviz: \(folder)/absent/m.safetensors: cannot write: No such file or directory\n")
    #expect(try folderContents(folder).isEmpty)
  }

  /// Every command that prints on stdout reports a write that fails, with exit 73.
  @Test(arguments: [
    ["data", "moons", "-n", "100000"],
    ["datasets"],
    ["kde", "--dataset", "moons", "-n", "100", "--grid", "4x4"],
    ["field", "--source", "kde", "--dataset", "moons", "-n", "100", "--grid", "4x4"],
    ["train", "--dataset", "moons", "-n", "100", "--steps", "1", "--batch", "8"],
    ["render", "--steps", "0", "--particles", "1", "--width", "20", "--height", "10"],
    ["bench", "--help"],
  ])
  func aFullStandardOutputIsACannotWriteError(_ arguments: [String]) throws {
    let full = try Self.characterDevice("/dev/full", major: 1, minor: 7)
    let result = try runScoreviz(arguments, standardOutputPath: full)
    #expect(result.status == 73, "\(arguments): \(result.standardError)")
    #expect(result.standardError == "scoreviz: standard output: cannot write: No space left on device\n")
  }

  @Test func sampleAndEvalReportAFullStandardOutput() throws {
    let model = try TrainedModel.requirePath()
    let folder = try makeTemporaryFolder()
    let points = try writeTextFile("x,y\n0,0\n1,0\n0,1\n", named: "p.csv", in: folder)
    for arguments in [
      ["sample", "--model", model, "--particles", "10", "--steps-per-level", "1"],
      ["eval", "--samples", points, "--reference", points],
    ] {
      let full = try Self.characterDevice("/dev/full", major: 1, minor: 7)
      let result = try runScoreviz(arguments, standardOutputPath: full)
      #expect(result.status == 73, "\(arguments): \(result.standardError)")
      #expect(result.standardError == "scoreviz: standard output: cannot write: No space left on device\n")
    }
  }

  /// A reader that stops early (`| head -1`) ends scoreviz quietly: killed by SIGPIPE, as
  /// any filter is, with nothing on stderr.
  @Test func aClosedPipeEndsQuietly() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [
      "-c", "\"$0\" data moons -n 100000 2>\"$1\" | head -1; exit ${PIPESTATUS[0]}",
      scorevizExecutablePath(), try makeTemporaryFolder() + "/stderr",
    ]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(text == "x,y\n")
    #expect(process.terminationStatus == 128 + SIGPIPE)
    let standardError = try String(contentsOfFile: process.arguments![3], encoding: .utf8)
    #expect(standardError.isEmpty)
  }
}

/// Bytes handed over from a reader thread.
private final class ReceivedBytes: @unchecked Sendable {
  private let lock = NSLock()
  private var data: Data?
  func set(_ value: Data) {
    lock.lock()
    data = value
    lock.unlock()
  }
  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return data != nil
  }
  var value: Data {
    lock.lock()
    defer { lock.unlock() }
    return data ?? Data()
  }
}
