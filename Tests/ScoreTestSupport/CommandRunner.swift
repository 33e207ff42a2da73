// Runs the built scoreviz binary as a user would and captures what it prints.

import Foundation

/// What one run of the binary produced.
public struct CommandResult: Sendable {
  public var status: Int32
  public var standardOutput: String
  public var standardError: String
}

/// The scoreviz executable built next to the test bundle.
public func scorevizExecutablePath() -> String {
  let testBinary = URL(fileURLWithPath: CommandLine.arguments[0])
  var folder = testBinary.deletingLastPathComponent()
  // The test runner may sit inside a `.xctest` bundle folder.
  while folder.path != "/" {
    let candidate = folder.appendingPathComponent("scoreviz").path
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue {
      return candidate
    }
    folder = folder.deletingLastPathComponent()
  }
  return "scoreviz"
}

/// Runs `scoreviz arguments…` with `input` on stdin (or `inputBytes` when given) and waits for it to exit.
///
/// With `standardOutputPath` the command's stdout is that file (opened for writing, as a
/// shell's `>` onto an existing file or device would), and `standardOutput` comes back empty.
public func runScoreviz(
  _ arguments: [String], input: String = "", inputBytes: [UInt8]? = nil, environment: [String: String] = [:],
  workingDirectory: String? = nil, standardOutputPath: String? = nil
) throws -> CommandResult {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: scorevizExecutablePath())
  process.arguments = arguments
  var env = ProcessInfo.processInfo.environment
  env["SWIFT_BACKTRACE"] = "interactive=no"
  for (key, value) in environment { env[key] = value }
  process.environment = env
  if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
  let stdout = Pipe()
  let stderr = Pipe()
  let stdin = Pipe()
  if let standardOutputPath {
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: standardOutputPath))
  } else {
    process.standardOutput = stdout
  }
  process.standardError = stderr
  process.standardInput = stdin
  try process.run()
  stdin.fileHandleForWriting.write(Data(inputBytes ?? Array(input.utf8)))
  try stdin.fileHandleForWriting.close()
  // Read both pipes concurrently so a full pipe never blocks the child.
  let errorData = LockedData()
  let errorReader = Thread {
    errorData.set(stderr.fileHandleForReading.readDataToEndOfFile())
  }
  errorReader.start()
  let outputData = standardOutputPath == nil ? stdout.fileHandleForReading.readDataToEndOfFile() : Data()
  process.waitUntilExit()
  while !errorData.isSet { usleep(1000) }
  return CommandResult(
    status: process.terminationStatus,
    standardOutput: String(decoding: outputData, as: UTF8.self),
    standardError: String(decoding: errorData.value, as: UTF8.self))
}

/// A fresh empty folder under the system's temporary folder.
public func makeTemporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "scoreviz-test-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

private final class LockedData: @unchecked Sendable {
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
