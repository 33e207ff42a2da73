// The `frame` workload: building, composing and drawing the live view at 200×60, all layers on.

import Foundation
import ScoreCore
import ScoreView
import Synchronization
import Terminal

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// WORKLOADS.md `frame`: the live view at 200 × 60 after some training, every layer on.
///
/// The particles first go through the whole annealing schedule, to the last noise level
/// where they stay. Trails are on as in the live view (recorded by the view model: 64
/// particles × 24 positions), full from the last frames of the schedule, so compose times and
/// bytes include them. The loop's figures are also measured with the particles on the SDE's σ
/// clock (`_sde`): one σ step a frame, every particle jumping, the most bytes the view sends;
/// and the same without trails, to show their share.
/// Reports the median time to build the `ViewState` when nothing changed
/// (`state_ms`) and after the network changed (`state_ms_new_network`: the arrows are
/// recomputed) and to compose it into a `Frame` (`compose_ms`); the bytes a terminal
/// receives for one full frame and per frame when only the particles and the arrows change
/// (training between frames, the status pinned), when only the particles move (training
/// paused), and while the live loop runs; and the frames per second of that loop
/// (particles, state, compose, draw, with no frame-rate cap) while the training thread
/// runs. Bytes are counted on a pseudo-terminal the real `Terminal` draws into (ncurses,
/// xterm-256color, 256 colours); when no pseudo-terminal can be opened they are estimated
/// from `Frame.forEachChangedRun`, the diff the terminal layer draws with. The full frame,
/// paused and moving figures are measured again, on the same frames, at 24-bit colour
/// (`_truecolor`: `--color truecolor` or `COLORTERM=truecolor`, drawn by the terminal layer's
/// own writer); the goal is at most 12 KB per moving frame at both depths.
func frameWorkload(_ context: BenchContext) throws -> JSONObject {
  let width = 200
  let height = 60
  var viewModel = try LiveOptions.parse(["--seed", "0"]).makeViewModel()
  viewModel.engine.trainSynchronously(steps: context.quick ? 100 : 2_000)
  let snapshot = viewModel.engine.snapshot
  // Through the whole annealing schedule, to the steady state the view shows most of the time.
  let particles = viewModel.particles
  let schedule = snapshot.ladder.count * particles.stepsPerLevel / particles.stepsPerFrame
  let scheduleFrames = context.quick ? schedule / 10 : schedule
  for _ in 0..<scheduleFrames { viewModel.advanceParticles(snapshot) }

  var state = viewModel.viewState(width: width, height: height, snapshot: snapshot)
  let stateSeconds = context.medianSeconds {
    state = viewModel.viewState(width: width, height: height, snapshot: snapshot)
  }
  var frame = ViewRenderer.render(state)
  let composeSeconds = context.medianSeconds { frame = ViewRenderer.render(state) }

  let sink = FrameSink.open(width: width, height: height, depth: .palette256)
  sink.show(frame)
  let fullFrameBytes = sink.bytes(afterShowing: [frame], fullRepaint: true)

  let framesPerCase = context.quick ? 5 : 30
  var pausedFrames: [Frame] = []
  for _ in 0..<framesPerCase {
    viewModel.advanceParticles(snapshot)
    pausedFrames.append(ViewRenderer.render(viewModel.viewState(width: width, height: height, snapshot: snapshot)))
  }
  let pausedBytes = sink.bytes(afterShowing: pausedFrames) / framesPerCase

  // About the training steps of one frame at 30 frames/s; the status stays as it was.
  let stepsPerFrame = context.quick ? 5 : 60
  let pinnedStatus = state.status
  var movingFrames: [Frame] = []
  var newNetworkSeconds: [Double] = []
  for _ in 0..<framesPerCase {
    viewModel.engine.trainSynchronously(steps: stepsPerFrame)
    let trained = viewModel.engine.snapshot
    viewModel.advanceParticles(trained)
    let start = monotonicSeconds()
    var moving = viewModel.viewState(width: width, height: height, snapshot: trained)
    newNetworkSeconds.append(monotonicSeconds() - start)
    moving.status = pinnedStatus
    movingFrames.append(ViewRenderer.render(moving))
  }
  let movingBytes = sink.bytes(afterShowing: movingFrames) / framesPerCase

  let loopSeconds = context.quick ? 0.5 : 2
  let loop = liveLoop(&viewModel, sink: sink, width: width, height: height, seconds: loopSeconds)
  viewModel.perform(.nextSampler)
  viewModel.perform(.nextSampler)
  let sdeLoop = liveLoop(&viewModel, sink: sink, width: width, height: height, seconds: loopSeconds)
  viewModel.perform(.toggleTrails)
  let sdeLoopWithoutTrails = liveLoop(&viewModel, sink: sink, width: width, height: height, seconds: loopSeconds)
  viewModel.perform(.toggleTrails)
  let trails = state.trails
  sink.finish()

  // The same frames again, in the same order, at 24-bit colour.
  let trueColorSink = FrameSink.open(width: width, height: height, depth: .trueColor)
  trueColorSink.show(frame)
  let fullFrameBytesTrueColor = trueColorSink.bytes(afterShowing: [frame], fullRepaint: true)
  let pausedBytesTrueColor = trueColorSink.bytes(afterShowing: pausedFrames) / framesPerCase
  let movingBytesTrueColor = trueColorSink.bytes(afterShowing: movingFrames) / framesPerCase
  trueColorSink.finish()

  return JSONObject([
    ("workload", .string("frame")), ("width", .integer(width)), ("height", .integer(height)),
    ("compose_ms", .number(composeSeconds * 1e3)), ("state_ms", .number(stateSeconds * 1e3)),
    ("state_ms_new_network", .number(median(newNetworkSeconds) * 1e3)),
    ("bytes_per_frame_particles_moving", .integer(movingBytes)),
    ("bytes_per_frame_paused", .integer(pausedBytes)),
    ("bytes_full_frame", .integer(fullFrameBytes)),
    ("bytes_per_frame_with_training", .integer(loop.bytesPerFrame)),
    ("frames_per_second_with_training", .number(loop.framesPerSecond)),
    ("bytes_per_frame_with_training_sde", .integer(sdeLoop.bytesPerFrame)),
    ("frames_per_second_with_training_sde", .number(sdeLoop.framesPerSecond)),
    ("bytes_per_frame_with_training_sde_without_trails", .integer(sdeLoopWithoutTrails.bytesPerFrame)),
    ("trail_particles", .integer(trails.particleCount)),
    ("trail_positions", .integer(trails.length)),
    ("bytes_per_frame_particles_moving_truecolor", .integer(movingBytesTrueColor)),
    ("bytes_per_frame_paused_truecolor", .integer(pausedBytesTrueColor)),
    ("bytes_full_frame_truecolor", .integer(fullFrameBytesTrueColor)),
    ("bytes_method", .string(sink.method)),
    ("bytes_method_truecolor", .string(trueColorSink.method)),
  ])
}

/// The live loop without its 30 frames/s cap for `seconds` while the training thread runs,
/// the trails taking the particles' positions each frame: frames per second and bytes per frame.
private func liveLoop(
  _ viewModel: inout LiveViewModel, sink: FrameSink, width: Int, height: Int, seconds: Double
) -> (framesPerSecond: Double, bytesPerFrame: Int) {
  viewModel.engine.start()
  defer { viewModel.engine.stop() }
  let before = sink.settledByteCount()
  let start = monotonicSeconds()
  var frames = 0
  while monotonicSeconds() - start < seconds {
    let snapshot = viewModel.engine.snapshot
    viewModel.advanceParticles(snapshot)
    sink.show(ViewRenderer.render(viewModel.viewState(width: width, height: height, snapshot: snapshot)))
    frames += 1
  }
  let elapsed = monotonicSeconds() - start
  return (Double(frames) / elapsed, (sink.settledByteCount() - before) / max(1, frames))
}

/// Where the workload's frames go: the real terminal layer on a pseudo-terminal whose bytes
/// are counted, or, without one, an estimate of what an ANSI diff writer would send.
private final class FrameSink {
  /// How the bytes are counted, for the JSON record.
  let method: String
  private let terminal: Terminal?
  private let pseudoTerminal: PseudoTerminal?
  private let depth: ColorDepth
  private var previous: Frame?
  private var estimatedBytes = 0

  private init(method: String, terminal: Terminal?, pseudoTerminal: PseudoTerminal?, depth: ColorDepth) {
    self.method = method
    self.terminal = terminal
    self.pseudoTerminal = pseudoTerminal
    self.depth = depth
  }

  /// A `width` × `height` pseudo-terminal with `Terminal` drawing into it at `depth`
  /// (`.palette256` through ncurses' colour pairs, `.trueColor` by the terminal layer's
  /// direct writer), or the estimate.
  static func open(width: Int, height: Int, depth: ColorDepth) -> FrameSink {
    let depthName = depth == .trueColor ? "24-bit colour, written directly" : "256 colours"
    if let pseudoTerminal = PseudoTerminal(width: width, height: height) {
      do {
        let terminal = try Terminal(
          options: Terminal.Options(colorDepth: depth, mouse: false, noColor: nil, colorTerm: nil))
        return FrameSink(
          method:
            "bytes read from a pty that Terminal (ncurses, TERM=xterm-256color, \(depthName))"
            + " draws into",
          terminal: terminal, pseudoTerminal: pseudoTerminal, depth: depth)
      } catch {
        pseudoTerminal.restoreStandardStreams()
      }
    }
    return FrameSink(
      method:
        "estimate: the runs of Frame.forEachChangedRun that Screen draws (after a clear on a"
        + " full repaint), each as a cursor move plus Frame.ansiText escapes (\(depthName))",
      terminal: nil, pseudoTerminal: nil, depth: depth)
  }

  /// Draws `frame`, sending only what changed since the last one.
  func show(_ frame: Frame) {
    if let terminal {
      terminal.draw(frame)
    } else {
      estimatedBytes += Self.ansiBytes(drawing: frame, over: previous, depth: depth)
    }
    previous = frame
  }

  /// Bytes sent so far, once the terminal has received everything drawn.
  func settledByteCount() -> Int {
    pseudoTerminal?.settledByteCount() ?? estimatedBytes
  }

  /// Bytes sent for showing `frames` one after another (the first as a full repaint if asked).
  func bytes(afterShowing frames: [Frame], fullRepaint: Bool = false) -> Int {
    let before = settledByteCount()
    if fullRepaint {
      terminal?.forceFullRepaint()
      if terminal == nil { previous = nil }
    }
    for frame in frames { show(frame) }
    return settledByteCount() - before
  }

  /// Restores the process's terminal and standard streams.
  func finish() {
    terminal?.restore()
    pseudoTerminal?.restoreStandardStreams()
  }

  /// What `Screen.draw` sends for `frame` after `previous`, estimated: the runs that differ
  /// from `previous`, or after a clear (`ESC[H ESC[2J`) those that differ from a blank frame
  /// when there is no previous frame of this size; per run, the cursor move `ESC[row;colH`
  /// and the run's cells as `Frame.ansiText` writes them.
  private static func ansiBytes(drawing frame: Frame, over previous: Frame?, depth: ColorDepth) -> Int {
    var total = 0
    var base = Frame(width: frame.width, height: frame.height)
    if let previous, previous.width == frame.width, previous.height == frame.height {
      base = previous
    } else {
      total += "\u{1B}[H\u{1B}[2J".utf8.count
    }
    frame.forEachChangedRun(since: base, columns: frame.width, rows: frame.height) { y, xs in
      var line = Frame(width: xs.count, height: 1)
      for x in xs { line[x - xs.lowerBound, 0] = frame[x, y] }
      total += "\u{1B}[\(y + 1);\(xs.lowerBound + 1)H".utf8.count
      total += line.ansiText(colorDepth: depth).utf8.count
      return true
    }
    return total
  }
}

/// A pseudo-terminal put in place of standard input and output, its output bytes counted by
/// a reader thread; `restoreStandardStreams` puts the original streams back.
///
/// To know when the reader has seen everything written so far, `settledByteCount` writes a
/// mark (a DCS string, which ncurses never sends) and waits for the reader to find it.
private final class PseudoTerminal: @unchecked Sendable {
  private static let mark = Array("\u{1B}P+scoreviz-bench-mark\u{1B}\\".utf8)
  private let master: Int32
  private let savedInput: Int32
  private let savedOutput: Int32
  private let savedEnvironment: [(String, String?)]
  private let received = Atomic<Int>(0)
  private let marksSeen = Atomic<Int>(0)
  private let finished = Atomic<Bool>(false)
  private var marksSent = 0
  private var isClosed = false

  /// Opens a `width` × `height` pseudo-terminal and makes it standard input and output, with
  /// TERM=xterm-256color and LINES/COLUMNS unset; nil when none can be opened.
  init?(width: Int, height: Int) {
    var master: Int32 = -1
    var slave: Int32 = -1
    var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else { return nil }
    fflush(nil)
    self.master = master
    savedInput = dup(STDIN_FILENO)
    savedOutput = dup(STDOUT_FILENO)
    dup2(slave, STDIN_FILENO)
    dup2(slave, STDOUT_FILENO)
    close(slave)
    savedEnvironment = ["TERM", "LINES", "COLUMNS"].map { name in
      (name, getenv(name).map { String(cString: $0) })
    }
    setenv("TERM", "xterm-256color", 1)
    unsetenv("LINES")
    unsetenv("COLUMNS")
    let reader = Thread { [self] in readUntilClosed() }
    reader.name = "scoreviz bench pty reader"
    reader.start()
  }

  /// Counts what arrives, and the marks in it, until every copy of the slave side is closed
  /// (read then fails).
  private func readUntilClosed() {
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    let mark = Self.mark
    var matched = 0
    while true {
      let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
      if count > 0 {
        var found = 0
        for byte in buffer[0..<count] {
          if byte == mark[matched] {
            matched += 1
            if matched == mark.count {
              found += 1
              matched = 0
            }
          } else {
            matched = byte == mark[0] ? 1 : 0
          }
        }
        received.add(count, ordering: .relaxed)
        marksSeen.add(found, ordering: .releasing)
      } else if count < 0, errno == EINTR {
        continue
      } else {
        break
      }
    }
    finished.store(true, ordering: .releasing)
  }

  /// The bytes received from the terminal layer, once the reader has read everything written
  /// before the call (found the mark written after it); the marks are not counted.
  func settledByteCount() -> Int {
    let written = Self.mark.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    if written == Self.mark.count { marksSent += 1 }
    while marksSeen.load(ordering: .acquiring) < marksSent, !finished.load(ordering: .acquiring) {
      usleep(500)
    }
    return received.load(ordering: .relaxed) - marksSent * Self.mark.count
  }

  /// Puts standard input, output and the environment back and stops the reader (given a
  /// second to see the pty closed; the pty is left open if it does not).
  func restoreStandardStreams() {
    guard !isClosed else { return }
    isClosed = true
    fflush(nil)
    dup2(savedInput, STDIN_FILENO)
    dup2(savedOutput, STDOUT_FILENO)
    close(savedInput)
    close(savedOutput)
    for (name, value) in savedEnvironment {
      if let value { setenv(name, value, 1) } else { unsetenv(name) }
    }
    let deadline = monotonicSeconds() + 1
    while !finished.load(ordering: .acquiring), monotonicSeconds() < deadline { usleep(1_000) }
    if finished.load(ordering: .acquiring) { close(master) }
  }
}
