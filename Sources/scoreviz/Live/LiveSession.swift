// The live view's state between frames: what is shown, and how keys and clicks change it.

import Foundation
import ScoreCore
import ScoreEngine
import ScoreView

/// Holds everything the live view shows besides the engine's snapshot, turns keys and clicks
/// into changes and engine commands, and builds the `ViewState` of each frame.
///
/// Used by the interactive loop and by `scoreviz render`, so both draw the same picture.
struct LiveSession {
  /// What a mouse click does.
  enum ClickMode {
    case addPoint
    case dropParticles
  }

  let engine: TrainingEngine
  /// The datasets `n`/`N` step through: the file given first, then the built-in ones.
  private var datasets: DatasetCycle
  private(set) var datasetIndex = 0
  let themes: ThemeLibrary
  private(set) var themeName: String
  private(set) var theme: Theme
  var glyphStyle: GlyphStyle
  private(set) var sigmaIndex: Int
  /// The heat map's bandwidth in data units when it follows neither the rule nor σ.
  private(set) var fixedBandwidth: Double?
  private(set) var bandwidthLocked = false
  private(set) var densityMode: DensityMode = .kde
  private(set) var arrowMode: ArrowFieldMode = .learned
  private(set) var showsPoints = true
  private(set) var showsArrows = true
  private(set) var showsParticles = true
  private(set) var showsHelp = false
  /// The first key the help overlay lists when they do not all fit.
  private(set) var helpScroll = 0
  private(set) var clickMode: ClickMode = .addPoint
  private(set) var particles: ParticleSystem
  private(set) var isPaused = false
  private(set) var shouldQuit = false
  private(set) var fields = FieldLayers()
  private var pointRasters = PointRasterCache()
  /// A short-lived message for the title row (what a key just did).
  private(set) var message = ""
  /// Frames per second measured by the loop.
  var framesPerSecond = Double.nan
  private let particleCount: Int

  init(
    engine: TrainingEngine, datasets: DatasetCycle, themes: ThemeLibrary, theme: LoadedTheme,
    glyphStyle: GlyphStyle, particleCount: Int, seed: UInt64
  ) {
    self.engine = engine
    self.datasets = datasets
    self.themes = themes
    themeName = theme.theme.name
    self.theme = theme.theme
    self.glyphStyle = glyphStyle
    self.particleCount = particleCount
    let snapshot = engine.snapshot
    sigmaIndex = snapshot.ladder.indexOfLevel(nearest: 0.1)
    particles = ParticleSystem(count: particleCount, ladder: snapshot.ladder, seed: seed)
  }

  // MARK: Input

  /// Applies the action bound to `key`; unknown keys do nothing.
  mutating func handle(key: Unicode.Scalar) {
    guard let action = LiveAction(key: key) else { return }
    perform(action)
  }

  /// Applies `action`.
  mutating func perform(_ action: LiveAction) {
    let snapshot = engine.snapshot
    let ladder = snapshot.ladder
    message = ""
    switch action {
    case .quit: shouldQuit = true
    case .help:
      showsHelp.toggle()
      helpScroll = 0
    case .pause:
      isPaused.toggle()
      engine.send(.setPaused(isPaused))
    case .sigmaDown: setSigmaIndex(min(ladder.count - 1, sigmaIndex + 1), ladder: ladder)
    case .sigmaUp: setSigmaIndex(max(0, sigmaIndex - 1), ladder: ladder)
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
      engine.send(.resetNetwork)
      message = "network reset"
    case .nextDataset, .previousDataset:
      guard datasets.count > 1 else { return }
      let step = action == .nextDataset ? 1 : datasets.count - 1
      datasetIndex = (datasetIndex + step) % datasets.count
      let dataset = datasets.dataset(at: datasetIndex)
      engine.send(.replaceDataset(dataset))
      fixedBandwidth = nil
      particles.respawn(count: particleCount, ladder: ladder)
      message = "dataset: \(dataset.name)"
    case .nextObjective, .previousObjective:
      let all = Objective.allCases
      let index = all.firstIndex(of: snapshot.objective) ?? 0
      let next = all[(index + (action == .nextObjective ? 1 : all.count - 1)) % all.count]
      engine.send(.setObjective(next))
      message = "objective: \(next.rawValue)"
    case .cycleArrows: arrowMode = Self.next(arrowMode, in: ArrowFieldMode.allCases)
    case .cycleDensity: densityMode = Self.next(densityMode, in: DensityMode.allCases)
    case .togglePoints: showsPoints.toggle()
    case .toggleArrows: showsArrows.toggle()
    case .toggleParticles: showsParticles.toggle()
    case .respawnParticles: particles.respawn(count: particleCount, ladder: ladder)
    case .switchDynamics:
      particles.dynamics = particles.dynamics == .annealed ? .plain : .annealed
      particles.respawn(count: particleCount, ladder: ladder)
      message = "Langevin: \(particles.dynamics.rawValue)"
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
    }
  }

  /// A click at a place in data units: adds a data point or drops particles there.
  mutating func click(at point: SIMD2<Double>) {
    let snapshot = engine.snapshot
    switch clickMode {
    case .addPoint:
      engine.send(.addPoint(point))
      message = "added a point at (\(formatted(point.x, digits: 3)), \(formatted(point.y, digits: 3)))"
    case .dropParticles:
      let z = snapshot.data.standardization.standardize(point)
      particles.drop(
        count: max(1, particleCount / 10), at: SIMD2(Float(z.x), Float(z.y)),
        spread: snapshot.ladder.levels[sigmaIndex])
    }
  }

  private mutating func setSigmaIndex(_ index: Int, ladder: NoiseLadder) {
    sigmaIndex = index
    engine.send(.setDenoisingNoiseLevel(ladder.levels[index]))
  }

  private static func next<T: Equatable>(_ value: T, in all: [T]) -> T {
    let index = all.firstIndex(of: value) ?? 0
    return all[(index + 1) % all.count]
  }

  // MARK: Frame

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

  /// From now on the KDE layers are computed on a worker's threads: frames never wait for
  /// them and show the newest finished ones (the interactive view; `render` waits).
  mutating func computeFieldsInBackground() {
    fields = FieldLayers(worker: FieldWorker())
  }

  /// Moves the particles one frame along the newest learned field.
  mutating func advanceParticles(_ snapshot: EngineSnapshot) {
    let level = sigmaIndex
    fields.withNetworkField(snapshot) { field in
      particles.advance(field: &field, ladder: snapshot.ladder, plainLevel: level)
    }
  }

  /// Moves the help overlay `lines` bindings down (negative: up); nothing when it is closed.
  /// The position is kept within what a terminal `height` rows high can show.
  mutating func scrollHelp(by lines: Int, height: Int) {
    guard showsHelp else { return }
    let largest = HelpOverlay.largestScroll(count: LiveAction.keyBindings.count, height: height)
    helpScroll = min(largest, max(0, helpScroll + lines))
  }

  /// The whole picture for a `width` × `height` terminal.
  mutating func viewState(width: Int, height: Int, snapshot: EngineSnapshot) -> ViewState {
    let layout = ViewLayout(width: width, height: height)
    let data = snapshot.data
    let points = data.dataset.points
    let h = currentBandwidth(snapshot)
    let sigma = snapshot.ladder.levels[sigmaIndex]
    let box = layout.displayBox(fitting: data.bounds.padded(by: 3 * h))
    var state = ViewState(width: width, height: height, glyphStyle: glyphStyle, theme: theme)
    state.plotBox = box
    state.points = points
    if showsPoints || densityMode == .histogram {
      state.pointRaster = pointRasters.raster(
        for: points, dataVersion: snapshot.dataVersion, color: theme[.points], box: box,
        area: layout.plot)
    }
    state.densityMode = densityMode
    state.arrowMode = arrowMode
    state.showsPoints = showsPoints
    state.showsArrows = showsArrows
    state.showsParticles = showsParticles
    state.showsHelp = showsHelp
    state.keyBindings = LiveAction.keyBindings
    helpScroll = min(helpScroll, HelpOverlay.largestScroll(count: state.keyBindings.count, height: height))
    state.helpScroll = helpScroll
    guard !layout.isTooSmall else { return state }

    if densityMode == .kde {
      let heat = layout.heatMapGrid
      let grid = TileGrid(box: box, columns: heat.columns, rows: heat.rows)
      let bandwidth: HeatMapBandwidth = bandwidthLocked ? .lockedToNoiseLevel(sigma) : .dataUnits(h)
      if let values = fields.latestDensity(snapshot, grid: grid, bandwidth: bandwidth) {
        state.density = DensityGrid(columns: heat.columns, rows: heat.rows, values: values)
      }
    }
    let arrowGrid = layout.arrowGrid
    let arrows = fields.latestArrows(
      snapshot, grid: TileGrid(box: box, columns: arrowGrid.columns, rows: arrowGrid.rows),
      noiseLevel: sigma)
    let vectors = arrowMode == .kde ? arrows.truth : arrows.learned
    state.arrows = ArrowField(
      columns: arrowGrid.columns, rows: arrowGrid.rows, vectors: vectors,
      errors: arrowMode == .error ? arrows.errors : [])
    let raw = particles.particles
    state.particles = (0..<(raw.count / 2)).map {
      data.standardization.destandardize(SIMD2(Double(raw[2 * $0]), Double(raw[2 * $0 + 1])))
    }

    let particleLevel = particles.levelIndex(ladder: snapshot.ladder, plainLevel: sigmaIndex)
    var status = StatusValues()
    status.datasetName = data.dataset.name
    status.datasetCount = points.count
    status.objective = snapshot.objective.rawValue
    status.epoch = snapshot.epoch
    status.loss = snapshot.loss
    status.lossHistory = snapshot.lossHistory
    status.samplesPerSecond = snapshot.samplesPerSecond
    status.sigma = Double(sigma)
    status.sigmaLevel = sigmaIndex + 1
    status.sigmaLevelCount = snapshot.ladder.count
    status.bandwidth = bandwidthLocked ? Double(sigma) : h
    status.bandwidthSource =
      bandwidthLocked ? .lockedToSigma : (fixedBandwidth == nil ? .rule("scott") : .fixed)
    status.langevinStep = Double(particles.stepSize(ladder: snapshot.ladder, level: particleLevel))
    status.langevinMode = particles.dynamics == .annealed ? .annealed : .plain
    status.fieldError = arrows.relativeError
    status.framesPerSecond = framesPerSecond
    if let notice = snapshot.notice {
      status.message = notice
      status.messageIsAlert = true
    } else if isPaused {
      status.message = "paused"
    } else {
      status.message = message
    }
    state.status = status
    return state
  }

  /// The data point under terminal cell (column, row), or nil outside the plot.
  func dataPoint(column: Int, row: Int, width: Int, height: Int, snapshot: EngineSnapshot)
    -> SIMD2<Double>?
  {
    let layout = ViewLayout(width: width, height: height)
    guard !layout.isTooSmall else { return nil }
    let plot = layout.plot
    guard column >= plot.x, column < plot.x + plot.width, row >= plot.y, row < plot.y + plot.height
    else { return nil }
    let h = currentBandwidth(snapshot)
    let box = layout.displayBox(fitting: snapshot.data.bounds.padded(by: 3 * h))
    let x = box.xMin + (Double(column - plot.x) + 0.5) / Double(plot.width) * box.width
    let y = box.yMax - (Double(row - plot.y) + 0.5) / Double(plot.height) * box.height
    return SIMD2(x, y)
  }
}
