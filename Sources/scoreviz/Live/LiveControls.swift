// The live view's settings and what each key and click does to them.

import ScoreCore
import ScoreEngine
import ScoreView

/// The settings of the live view that keys and clicks change: σ, the heat map's bandwidth,
/// the layers shown, the theme, the help overlay, the click mode, pause and quit.
///
/// Applying a key changes these settings (and the particles, for the Langevin keys) and
/// returns the command the training engine must apply, if any; it neither sends nor draws.
struct LiveControls {
  /// What a mouse click does.
  enum ClickMode {
    case addPoint
    case dropParticles
  }

  /// The datasets `n`/`N` step through: the file given first, then the built-in ones.
  private var datasets: DatasetCycle
  private(set) var datasetIndex = 0
  let themes: ThemeLibrary
  private(set) var themeName: String
  private(set) var theme: Theme
  private(set) var sigmaIndex: Int
  /// The heat map's bandwidth in data units when it follows neither the rule nor σ.
  private(set) var fixedBandwidth: Double?
  private(set) var bandwidthLocked = false
  private(set) var densityMode: DensityMode = .kde
  private(set) var arrowMode: ArrowFieldMode = .learned
  private(set) var showsPoints = true
  private(set) var showsArrows = true
  private(set) var showsParticles = true
  private(set) var showsTrails = true
  private(set) var showsHelp = false
  /// The first key the help overlay lists when they do not all fit.
  private(set) var helpScroll = 0
  private(set) var clickMode: ClickMode = .addPoint
  private(set) var isPaused = false
  private(set) var shouldQuit = false
  /// A short-lived message for the title row (what a key just did).
  private(set) var message = ""
  /// Whether `message` reports a failure (drawn in the error colour).
  private(set) var messageIsAlert = false
  /// Whether `p` asked for a picture of the screen that the interactive loop has not yet
  /// taken (`takePictureRequest`).
  private(set) var picturePending = false
  /// How many particles a respawn makes; a click drops a tenth as many.
  let particleCount: Int

  /// The settings at launch: the first dataset, `theme`, σ the ladder's level nearest 0.1,
  /// the bandwidth by its rule, every layer shown; a click does `clickMode`.
  init(
    datasets: DatasetCycle, themes: ThemeLibrary, theme: Theme, ladder: NoiseLadder,
    particleCount: Int, clickMode: ClickMode = .addPoint
  ) {
    self.clickMode = clickMode
    self.datasets = datasets
    self.themes = themes
    themeName = theme.name
    self.theme = theme
    sigmaIndex = ladder.indexOfLevel(nearest: 0.1)
    self.particleCount = particleCount
  }

  /// Applies `action` to the settings and `particles`, the engine's state being `snapshot`.
  ///
  /// - Returns: the command the engine must apply, or nil when the action needs none.
  mutating func perform(
    _ action: LiveAction, snapshot: EngineSnapshot, particles: inout ParticleSystem
  ) -> EngineCommand? {
    let ladder = snapshot.ladder
    show("")
    var command: EngineCommand?
    switch action {
    case .quit: shouldQuit = true
    case .help:
      showsHelp.toggle()
      helpScroll = 0
    case .pause:
      isPaused.toggle()
      command = .setPaused(isPaused)
    case .sigmaDown:
      sigmaIndex = min(ladder.count - 1, sigmaIndex + 1)
      command = .setDenoisingNoiseLevel(ladder.levels[sigmaIndex])
    case .sigmaUp:
      sigmaIndex = max(0, sigmaIndex - 1)
      command = .setDenoisingNoiseLevel(ladder.levels[sigmaIndex])
    case .bandwidthDown, .bandwidthUp:
      let factor = action == .bandwidthUp ? 1.25 : 1 / 1.25
      let wanted = currentBandwidth(snapshot) * factor
      let range = bandwidthRange(snapshot)
      fixedBandwidth = min(max(wanted, range.lowerBound), range.upperBound)
      bandwidthLocked = false
      if wanted < range.lowerBound { message = "h at its minimum" }
      if wanted > range.upperBound { message = "h at its maximum" }
    case .bandwidthRule:
      fixedBandwidth = nil
      bandwidthLocked = false
    case .lockBandwidth:
      bandwidthLocked.toggle()
      message = bandwidthLocked ? "h locked to σ" : "h unlocked"
    case .resetNetwork:
      command = .resetNetwork
      message = "network reset"
    case .nextDataset, .previousDataset:
      guard datasets.count > 1 else { return nil }
      let step = action == .nextDataset ? 1 : datasets.count - 1
      datasetIndex = (datasetIndex + step) % datasets.count
      let dataset = datasets.dataset(at: datasetIndex)
      command = .replaceDataset(dataset)
      fixedBandwidth = nil
      particles.respawn(count: particleCount, ladder: ladder)
      message = "dataset: \(dataset.name)"
    case .nextObjective, .previousObjective:
      // Objectives that cannot draw from the session's noise distribution are skipped.
      let all = Objective.allCases.filter { snapshot.noiseDistribution.supports($0) }
      let index = all.firstIndex(of: snapshot.objective) ?? 0
      let next = all[(index + (action == .nextObjective ? 1 : all.count - 1)) % all.count]
      command = .setObjective(next)
      message = "objective: \(next.rawValue)"
    case .cycleArrows: arrowMode = Self.next(arrowMode, in: ArrowFieldMode.allCases)
    case .cycleDensity: densityMode = Self.next(densityMode, in: Self.densityCycle)
    case .togglePoints: showsPoints.toggle()
    case .toggleArrows: showsArrows.toggle()
    case .toggleParticles: showsParticles.toggle()
    case .toggleTrails: showsTrails.toggle()
    case .respawnParticles: particles.respawn(count: particleCount, ladder: ladder)
    case .nextSampler, .previousSampler:
      let all = SamplerKind.allCases
      let index = all.firstIndex(of: particles.dynamics) ?? 0
      let next = all[(index + (action == .nextSampler ? 1 : all.count - 1)) % all.count]
      particles.choose(sampler: next, process: particles.process, ladder: ladder)
      message = Self.samplerMessage(particles)
    case .switchProcess:
      let process: DiffusionProcess = particles.process == .ve ? .vp : .ve
      particles.choose(sampler: particles.dynamics, process: process, ladder: ladder)
      message =
        particles.dynamics.followsProcess
        ? Self.samplerMessage(particles) : "process: \(process.rawValue.uppercased()) (for SDE, PC, ODE, Heun)"
    case .turnClock:
      if particles.dynamics.followsProcess {
        particles.turnAround()
      } else {
        // The forward process needs no score: any process sampler shows it; the SDE is the
        // one whose reverse is the same noise run backwards.
        particles.choose(sampler: .sde, process: particles.process, ladder: ladder)
        particles.restartClock(forward: true)
      }
      message = particles.clockReading?.isForward == true ? "forward: data → noise" : "reverse: noise → data"
    case .epsilonDown: particles.epsilon = max(1e-9, particles.epsilon / 2)
    case .epsilonUp: particles.epsilon = min(1, particles.epsilon * 2)
    case .nextTheme:
      let name = themes.name(after: themeName)
      do {
        theme = try themes.load(named: name).theme
        themeName = name
        message = "theme: \(name)"
      } catch {
        message = error.description
      }
    case .switchClickMode:
      clickMode = clickMode == .addPoint ? .dropParticles : .addPoint
      message = clickMode == .addPoint ? "click adds a data point" : "click drops particles"
    case .saveNetwork:
      // The live view's model saves; the controls have nothing to change.
      break
    case .savePicture:
      picturePending = true
    }
    return command
  }

  /// Whether a picture of the screen was asked for since the last call; clears the request.
  mutating func takePictureRequest() -> Bool {
    defer { picturePending = false }
    return picturePending
  }

  /// Shows `text` in the title row until the next key (in the error colour when `isAlert`).
  mutating func show(_ text: String, isAlert: Bool = false) {
    message = text
    messageIsAlert = isAlert
  }

  /// A click at `point` in data units: adds a data point there (the returned command) or
  /// drops a tenth of `particleCount` particles there, spread by σ.
  mutating func click(
    at point: SIMD2<Double>, snapshot: EngineSnapshot, particles: inout ParticleSystem
  ) -> EngineCommand? {
    switch clickMode {
    case .addPoint:
      show("added a point at (\(formatted(point.x, digits: 3)), \(formatted(point.y, digits: 3)))")
      return .addPoint(point)
    case .dropParticles:
      let z = snapshot.data.standardization.standardize(point)
      particles.drop(
        count: max(1, particleCount / 10), at: SIMD2(Float(z.x), Float(z.y)),
        spread: snapshot.ladder.levels[sigmaIndex])
      return nil
    }
  }

  /// Moves the help overlay `lines` bindings down (negative: up); nothing when it is closed.
  /// The position is kept within what a terminal `height` rows high can show.
  mutating func scrollHelp(by lines: Int, height: Int) {
    guard showsHelp else { return }
    helpScroll = min(largestHelpScroll(height: height), max(0, helpScroll + lines))
  }

  /// Brings the help overlay's position within what a terminal `height` rows high can show,
  /// after the terminal shrank.
  mutating func fitHelpScroll(height: Int) {
    helpScroll = min(helpScroll, largestHelpScroll(height: height))
  }

  /// The heat map's bandwidth in data units (the rule, or the fixed value).
  func currentBandwidth(_ snapshot: EngineSnapshot) -> Double {
    if let fixedBandwidth { return fixedBandwidth }
    let h = snapshot.data.scottBandwidth
    return h > 0 ? h : 0.1
  }

  /// The bandwidths `h` and `H` reach: a thousandth to ten times the larger side of the data's
  /// bounding box (of 0.1, the rule's stand-in, when all points coincide). Below, no kernel
  /// reaches a cell centre; above, the heat map is flat.
  func bandwidthRange(_ snapshot: EngineSnapshot) -> ClosedRange<Double> {
    let box = snapshot.data.bounds
    let extent = max(box.width, box.height)
    let scale = extent > 0 && extent.isFinite ? extent : 0.1
    return (scale / 1000)...(scale * 10)
  }

  /// "Langevin: plain" or "sampler: Heun VE": what `m`, `M` and `v` report.
  private static func samplerMessage(_ particles: ParticleSystem) -> String {
    let kind = particles.dynamics
    guard kind.followsProcess else { return "Langevin: \(kind.label)" }
    return "sampler: \(kind.label) \(particles.process.rawValue.uppercased())"
  }

  private func largestHelpScroll(height: Int) -> Int {
    HelpOverlay.largestScroll(count: LiveAction.keyBindings.count, height: height)
  }

  /// The heat map's sources the `d` key steps through.
  private static let densityCycle: [DensityMode] = [.kde, .histogram, .likelihood, .off]

  private static func next<T: Equatable>(_ value: T, in all: [T]) -> T {
    let index = all.firstIndex(of: value) ?? 0
    return all[(index + 1) % all.count]
  }
}
