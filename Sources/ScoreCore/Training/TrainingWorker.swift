// A persistent second thread that computes one half of each training batch's gradient.

import Dispatch
import Foundation
import Synchronization

/// A thread started once that, on request, runs `NetworkWorkspace.lossAndGradient` on its
/// own workspace for a part of the batch while the calling thread does the other part.
///
/// Hand-over is two atomics: the caller writes the job, then publishes it with a release
/// exchange on `state`; the worker acquires it, runs it into its own workspace (a separate
/// allocation, so the two gradients share no cache line) and publishes completion with a
/// release increment of `completed`. Between jobs the worker spins briefly, then sleeps on a
/// semaphore, so a paused trainer costs no CPU. `stop()` ends the thread.
final class TrainingWorker: @unchecked Sendable {
  private static let idle = 0
  private static let posted = 1
  private static let sleeping = 2
  private static let stopping = 3
  /// Spins (atomic loads) before the worker sleeps: about a tenth of a millisecond.
  private static let spinLimit = 100_000

  private struct Job {
    var objective = Objective.ncsn
    var batch: TrainingBatch?
    var panels: WeightPanels?
    var parameters: UnsafePointer<Float>?
    var start = 0
    var count = 0
    var totalCount = 0
  }

  let workspace: NetworkWorkspace
  private let state = Atomic<Int>(0)
  private let completed = Atomic<Int>(0)
  private let wake = DispatchSemaphore(value: 0)
  private var job = Job()
  private var loss: Double = 0
  private var posts = 0

  /// Starts the thread with a workspace for a network of the padded `shape`, `capacity`
  /// points and `maximumBlocks` blocks.
  init(shape: NetworkShape, capacity: Int, maximumBlocks: Int) {
    workspace = NetworkWorkspace(shape: shape, capacity: capacity, maximumBlocks: maximumBlocks)
    let thread = Thread { [self] in run() }
    thread.name = "score-network-trainer"
    thread.start()
  }

  /// Hands the worker points `start ..< start + count`; returns at once.
  func post(
    objective: Objective, batch: TrainingBatch, start: Int, count: Int, totalCount: Int,
    parameters: UnsafePointer<Float>, panels: WeightPanels
  ) {
    job = Job(
      objective: objective, batch: batch, panels: panels, parameters: parameters, start: start,
      count: count, totalCount: totalCount)
    posts += 1
    if state.exchange(Self.posted, ordering: .acquiringAndReleasing) == Self.sleeping {
      wake.signal()
    }
  }

  /// Waits for the posted job; returns its loss sum (the gradient is in `workspace`).
  func waitForResult() -> Double {
    var spins = 0
    while completed.load(ordering: .acquiring) != posts {
      spins += 1
      if spins > Self.spinLimit { sched_yield() }
    }
    job.batch = nil
    job.panels = nil
    return loss
  }

  /// Ends the thread after any job in progress.
  func stop() {
    if state.exchange(Self.stopping, ordering: .acquiringAndReleasing) == Self.sleeping {
      wake.signal()
    }
  }

  private func run() {
    var spins = 0
    while true {
      let current = state.load(ordering: .acquiring)
      if current == Self.stopping { return }
      if current == Self.posted {
        state.store(Self.idle, ordering: .releasing)
        spins = 0
        runJob()
        completed.add(1, ordering: .releasing)
        continue
      }
      spins += 1
      if spins > Self.spinLimit {
        spins = 0
        if state.compareExchange(
          expected: Self.idle, desired: Self.sleeping, ordering: .acquiringAndReleasing
        ).exchanged {
          wake.wait()
        }
      }
    }
  }

  private func runJob() {
    guard let batch = job.batch, let panels = job.panels, let parameters = job.parameters else {
      return
    }
    loss = workspace.lossAndGradient(
      objective: job.objective, batch: batch, start: job.start, count: job.count,
      totalCount: job.totalCount, parameters: parameters, panels: panels)
  }
}
