// The `launch` workload: the live view started on 100k points, time to its first frame and peak memory.

import Foundation
import ScoreCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The live view on `moons-100k.csv`, launched as a user launches it.
///
/// Starts this executable as `scoreviz live --data moons-100k.csv --seed 0 --no-mouse` in a
/// 200 × 60 pseudo-terminal (TERM=xterm-256color), measures the wall time from the spawn to
/// the moment the first frame is complete on the terminal (its last row, the status line
/// that ends with "fps", has arrived), lets it train and draw for a few seconds, presses `q`
/// and reads the child's peak resident set size (`ru_maxrss` from `wait4`). Reports the
/// median first-frame time and the largest peak RSS over `runs` launches.
func launchWorkload(_ context: BenchContext) throws -> JSONObject {
  let name = context.quick ? "moons-10k.csv" : "moons-100k.csv"
  let dataPath = context.dataFolder + "/" + name
  guard FileManager.default.isReadableFile(atPath: dataPath) else {
    throw Failure(exitCode: SysExit.noInput, message: "\(dataPath): cannot open")
  }
  let arguments = ["live", "--data", dataPath, "--seed", "0", "--no-mouse"]
  let runningSeconds = context.quick ? 0.5 : 3
  var firstFrames: [Double] = []
  var peakBytes = 0
  for _ in 0..<context.runs {
    let launch = try LaunchedView(arguments: arguments, width: 200, height: 60)
    let firstFrame = try launch.secondsUntilOutput(contains: "fps", timeout: 30)
    launch.keepReading(seconds: runningSeconds)
    let (status, peak) = launch.quit()
    guard status == 0 else {
      throw Failure(
        exitCode: SysExit.software,
        message: "the live view exited with status \(status): \(launch.outputTail)")
    }
    firstFrames.append(firstFrame)
    peakBytes = max(peakBytes, peak)
  }
  return JSONObject([
    ("workload", .string("launch")), ("data", .string(name)), ("width", .integer(200)),
    ("height", .integer(60)), ("first_frame_ms", .number(median(firstFrames) * 1e3)),
    ("peak_rss_mb", .number(Double(peakBytes) / 1_048_576)),
    ("seconds_running", .number(runningSeconds)),
  ])
}

/// This executable running in a pseudo-terminal of its own, its output read and timed.
final class LaunchedView {
  private let master: Int32
  private let pid: pid_t
  /// When the program was spawned (`monotonicSeconds()`).
  let start: Double
  private var output: [UInt8] = []

  /// Spawns this executable with `arguments` on a new `width` × `height` pseudo-terminal.
  init(arguments: [String], width: Int, height: Int) throws {
    var master: Int32 = -1
    var slave: Int32 = -1
    var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else {
      throw Failure(exitCode: SysExit.osError, message: "cannot open a pseudo-terminal")
    }
    defer { close(slave) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for target in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
      posix_spawn_file_actions_adddup2(&actions, slave, target)
    }
    posix_spawn_file_actions_addclose(&actions, master)
    let executable = Self.executablePath()
    var environment = ProcessInfo.processInfo.environment
    environment["TERM"] = "xterm-256color"
    environment["LINES"] = nil
    environment["COLUMNS"] = nil
    environment["NO_COLOR"] = nil
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var child: pid_t = 0
    let begun = monotonicSeconds()
    let result = posix_spawn(&child, executable, &actions, nil, argv, envp)
    guard result == 0 else {
      close(master)
      throw Failure(
        exitCode: SysExit.osError,
        message: "cannot start \(executable): \(String(cString: strerror(result)))")
    }
    self.master = master
    pid = child
    start = begun
  }

  /// The last bytes the program wrote, as text, for error messages.
  var outputTail: String {
    String(decoding: output.suffix(300), as: UTF8.self)
      .replacingOccurrences(of: "\u{1B}", with: "␛")
  }

  /// Seconds from the spawn until the output contains `text`.
  func secondsUntilOutput(contains text: String, timeout: Double) throws -> Double {
    let needle = Array(text.utf8)
    var searched = 0
    while monotonicSeconds() - start < timeout {
      guard readAvailable(waitingMilliseconds: 100) else { break }
      if output[max(0, searched - needle.count)...].firstRange(of: needle) != nil {
        return monotonicSeconds() - start
      }
      searched = output.count
    }
    _ = quit()
    throw Failure(
      exitCode: SysExit.software,
      message: "the live view drew no frame within \(Int(timeout)) s: \(outputTail)")
  }

  /// Reads (and so keeps the program drawing) for `seconds`.
  func keepReading(seconds: Double) {
    let until = monotonicSeconds() + seconds
    while monotonicSeconds() < until {
      guard readAvailable(waitingMilliseconds: 50) else { return }
    }
  }

  /// Presses `q`, waits for the program to end while draining its output, and returns its
  /// exit status and peak resident set size in bytes.
  func quit() -> (status: Int32, peakBytes: Int) {
    var key: UInt8 = UInt8(ascii: "q")
    _ = write(master, &key, 1)
    var status: Int32 = 0
    var usage = rusage()
    let deadline = monotonicSeconds() + 10
    while wait4(pid, &status, WNOHANG, &usage) == 0 {
      if monotonicSeconds() > deadline { kill(pid, SIGKILL) }
      _ = readAvailable(waitingMilliseconds: 20)
    }
    close(master)
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return (exitStatus, Int(usage.ru_maxrss) * 1024)
  }

  /// Appends what arrives within `waitingMilliseconds`; false once the program closed the
  /// terminal.
  private func readAvailable(waitingMilliseconds: Int32) -> Bool {
    var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    guard poll(&poller, 1, waitingMilliseconds) > 0 else { return true }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
    guard count > 0 else { return count < 0 && errno == EINTR }
    output.append(contentsOf: buffer[0..<count])
    return true
  }

  /// The path of the running executable.
  private static func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
  }
}
