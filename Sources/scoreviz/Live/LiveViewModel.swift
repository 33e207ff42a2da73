// The live view between frames: the engine, the controls, the particles and the last plot shown.

import Foundation
import ScoreCore
import ScoreEngine
import ScoreView

/// Everything the live view holds besides the engine's snapshot: sends what keys and clicks
/// ask of the engine, moves the particles and builds each frame's `ViewState`.
///
/// Used by the interactive loop and by `scoreviz render`, so both draw the same picture.
/// Clicks are mapped against the plot of the last `ViewState` built, the one on screen, even
/// when a key has changed the box the next frame will show.
struct LiveViewModel {
  let engine: TrainingEngine
  /// The settings keys and clicks change.
  private(set) var controls: LiveControls
  private(set) var particles: ParticleSystem
  private var fields = FieldCache()
  private var builder: LiveViewBuilder
  /// Whether the particles follow the exact KDE score at h = σ instead of the network.
  let followsKDE: Bool
  /// That KDE score over the standardised data, for `followsKDE`, with its data version.
  private var kdeField: (dataVersion: Int, field: KDEScoreFunction)?
  /// The data version the particles' training points were taken from.
  private var particleDataVersion: Int?
  /// The particles' recent positions, cleared whenever they all move at once: the first 64
  /// particles' last 24. Each trail costs about 70 bytes a frame on the wire when its particle
  /// jumps every frame (the SDE clock: 17.5 KB a frame with these trails, 13.0 KB without, in
  /// the `frame` workload), so 64 paths, enough to tell smooth from jagged, not 256.
  private var trails = ParticleTrails(particleCount: 64, length: ParticleTrails.maximumLength)
  private var trailGeneration: Int?
  /// Where the last frame's plot sits on the terminal and how its cells map to data units;
  /// nil before the first frame and while the terminal is too small for a plot.
  private var shownPlot: (area: CellRect, mapping: PixelMapping)?
  /// Frames per second measured by the loop.
  var framesPerSecond = Double.nan
  /// The colour depth the frames are designed for (`ViewState.colorDepth`).
  var colorDepth: ColorDepth {
    get { builder.colorDepth }
    set { builder.colorDepth = newValue }
  }
  /// The model file the view was opened on (`--model`), nil for a fresh network.
  let opened: OpenedModel?
  /// Writes the network when `w` is pressed.
  let saver: NetworkSaver

  /// Whether the engine trains: always, unless a model was opened without `--train`.
  var isTraining: Bool { opened?.trains ?? true }

  init(
    engine: TrainingEngine, datasets: DatasetCycle, themes: ThemeLibrary, theme: LoadedTheme,
    glyphStyle: GlyphStyle, particleCount: Int, sampler: SamplerKind = .annealed,
    process: DiffusionProcess = .ve, followsKDE: Bool = false, seed: UInt64, opened: OpenedModel? = nil,
    saver: NetworkSaver = NetworkSaver()
  ) {
    self.engine = engine
    self.opened = opened
    self.saver = saver
    let snapshot = engine.snapshot
    // Without training a click cannot add a point the network would learn: it drops particles.
    controls = LiveControls(
      datasets: datasets, themes: themes, theme: theme.theme, ladder: snapshot.ladder,
      particleCount: particleCount, clickMode: opened?.trains == false ? .dropParticles : .addPoint)
    if let opened, opened.trains { controls.show("training on from \(opened.fileName)") }
    particles = ParticleSystem(
      count: particleCount, ladder: snapshot.ladder, dynamics: sampler, process: process,
      trainingPoints: Self.floatPoints(snapshot.data), startsFromData: followsKDE, seed: seed)
    particleDataVersion = snapshot.dataVersion
    self.followsKDE = followsKDE
    builder = LiveViewBuilder(glyphStyle: glyphStyle)
  }

  /// The standardised data points in Float, where the particles live.
  private static func floatPoints(_ data: TrainingData) -> [SIMD2<Float>] {
    data.standardizedPoints.map { SIMD2(Float($0.x), Float($0.y)) }
  }

  // MARK: Input

  /// Applies the action bound to `key`; unknown keys do nothing.
  mutating func handle(key: Unicode.Scalar) {
    guard let action = LiveAction(key: key) else { return }
    perform(action)
  }

  /// Applies `action` and sends the engine the command it needs, if any; `w` starts a save.
  /// Without training (a model opened without `--train`) the actions that need it only say
  /// so, and nothing is sent: the engine is not running.
  mutating func perform(_ action: LiveAction) {
    if !isTraining && action.needsTraining {
      controls.show("not training: open the model with --train to train it")
      return
    }
    if action == .saveNetwork {
      saveNetwork()
      return
    }
    if let command = controls.perform(action, snapshot: engine.snapshot, particles: &particles), isTraining {
      engine.send(command)
    }
  }

  /// Whether `p` asked for a picture of the screen since the last call; clears the request.
  mutating func takePictureRequest() -> Bool {
    controls.takePictureRequest()
  }

  /// Shows `text` in the title row until the next key.
  mutating func show(message text: String) {
    controls.show(text)
  }

  /// A click at a place in data units: adds a data point or drops particles there.
  mutating func click(at point: SIMD2<Double>) {
    if let command = controls.click(at: point, snapshot: engine.snapshot, particles: &particles), isTraining {
      engine.send(command)
    }
  }

  /// Starts writing the network the engine last published, with its metadata, in the
  /// working directory; the title row says "saving" now and where it went (or why not) when
  /// the write is done. A request within a second of the last save is dropped.
  private mutating func saveNetwork() {
    let snapshot = engine.snapshot
    let started = saver.save(
      snapshot.modelFile(earlierSteps: opened?.earlierSteps ?? 0), datasetName: snapshot.data.dataset.name,
      now: monotonicSeconds(), date: Date())
    if started { controls.show("saving the network…") }
  }

  /// Shows the outcome of a save that finished since the last frame.
  private mutating func showSaveOutcome() {
    switch saver.takeOutcome() {
    case .saved(let name): controls.show("saved \(name)")
    case .failed(let reason): controls.show(reason, isAlert: true)
    case nil: break
    }
  }

  /// Moves the help overlay `lines` bindings down (negative: up); nothing when it is closed.
  /// The position is kept within what a terminal `height` rows high can show.
  mutating func scrollHelp(by lines: Int, height: Int) {
    controls.scrollHelp(by: lines, height: height)
  }

  /// The centre, in data units, of terminal cell (column, row) in the plot last shown, or
  /// nil outside it (and before the first frame).
  func dataPoint(column: Int, row: Int) -> SIMD2<Double>? {
    guard let shownPlot else { return nil }
    return shownPlot.mapping.dataPoint(
      column: column - shownPlot.area.x, row: row - shownPlot.area.y)
  }

  // MARK: Frame

  /// From now on the KDE grids are computed on a worker's threads: frames never wait for
  /// them and show the newest finished ones (the interactive view; `render` waits).
  mutating func computeFieldsInBackground() {
    fields = FieldCache(worker: FieldWorker())
  }

  /// Moves the particles one frame along the newest learned field (or the exact KDE score),
  /// and records where they are for the trails.
  mutating func advanceParticles(_ snapshot: EngineSnapshot) {
    if particleDataVersion != snapshot.dataVersion {
      particles.trainingPoints = Self.floatPoints(snapshot.data)
      particleDataVersion = snapshot.dataVersion
    }
    let level = controls.sigmaIndex
    if followsKDE {
      if kdeField?.dataVersion != snapshot.dataVersion {
        kdeField = (
          snapshot.dataVersion, KDEScoreFunction(points: snapshot.data.standardizedPoints, bandwidth: .noiseLevel)
        )
      }
      particles.advance(field: &kdeField!.field, ladder: snapshot.ladder, plainLevel: level)
    } else {
      fields.withNetworkField(snapshot) { field in
        particles.advance(field: &field, ladder: snapshot.ladder, plainLevel: level)
      }
    }
    if trailGeneration != particles.generation {
      trails.removeAll()
      trailGeneration = particles.generation
    }
    // Only the particles the trails follow: the frame maps all of them once, in `viewState`.
    trails.record(
      LiveViewBuilder.positions(
        of: particles, standardization: snapshot.data.standardization, limit: trails.particleCount))
  }

  /// The whole picture for a `width` × `height` terminal; clicks map against its plot
  /// until the next one is built.
  mutating func viewState(width: Int, height: Int, snapshot: EngineSnapshot) -> ViewState {
    let layout = ViewLayout(width: width, height: height)
    controls.fitHelpScroll(height: height)
    showSaveOutcome()
    let state = builder.viewState(
      layout: layout, snapshot: snapshot, controls: controls, particles: particles, trails: trails,
      fields: &fields, framesPerSecond: framesPerSecond,
      shownModel: isTraining ? nil : opened?.fileName)
    let plot = layout.plot
    shownPlot =
      layout.isTooSmall
      ? nil
      : (plot, PixelMapping(box: state.plotBox, pixelWidth: plot.width, pixelHeight: plot.height))
    return state
  }
}
