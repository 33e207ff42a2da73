// Builds each frame's `ViewState` from the engine's snapshot, the controls and the particles.

import ScoreCore
import ScoreEngine
import ScoreView

/// Turns what the live view holds into the `ViewState` of one frame: the plot box around
/// the data, the heat map and arrows over it, the particles in data units and the status.
///
/// Keeps the rasterised data points between frames (`PointRasterCache`).
struct LiveViewBuilder {
  /// Unicode shapes or the ASCII fallback, fixed at launch.
  let glyphStyle: GlyphStyle
  /// The colour depth the frames are designed for: the terminal's, or `render --color`'s.
  var colorDepth = ColorDepth.trueColor
  private var pointRasters = PointRasterCache()
  /// The memorisation test of the data (data units), built when first needed, by data version.
  private var memorisation: (dataVersion: Int, test: MemorisationTest)?
  /// The most data points the memorised share is measured against: building the search tree
  /// takes about 50 ms at this size, and it is rebuilt whenever a click adds a point.
  static let largestMemorisationData = 200_000

  init(glyphStyle: GlyphStyle) {
    self.glyphStyle = glyphStyle
  }

  /// The whole picture for `layout`.
  ///
  /// The plot box is the data's bounding box padded by three bandwidths and grown to the
  /// plot's aspect (`ViewLayout.displayBox(fitting:)`). The KDE grids come from `fields`,
  /// the newest finished ones when it computes in the background. `shownModel`, the name of
  /// a model file shown without training, takes the place of the training readings.
  mutating func viewState(
    layout: ViewLayout, snapshot: EngineSnapshot, controls: LiveControls,
    particles: ParticleSystem, trails: ParticleTrails, fields: inout FieldCache, framesPerSecond: Double,
    shownModel: String? = nil
  ) -> ViewState {
    let data = snapshot.data
    let points = data.dataset.points
    let h = controls.currentBandwidth(snapshot)
    let sigma = snapshot.ladder.levels[controls.sigmaIndex]
    let box = layout.displayBox(fitting: data.bounds.padded(by: 3 * h))
    var state = ViewState(
      width: layout.width, height: layout.height, glyphStyle: glyphStyle, theme: controls.theme,
      colorDepth: colorDepth)
    state.plotBox = box
    state.points = points
    if controls.showsPoints || controls.densityMode == .histogram {
      state.pointRaster = pointRasters.raster(
        for: points, dataVersion: snapshot.dataVersion, color: state.layerDesign.points, box: box,
        area: layout.plot)
    }
    state.densityMode = controls.densityMode
    state.arrowMode = controls.arrowMode
    state.showsPoints = controls.showsPoints
    state.showsArrows = controls.showsArrows
    state.showsParticles = controls.showsParticles
    state.showsTrails = controls.showsTrails
    state.showsHelp = controls.showsHelp
    state.keyBindings = LiveAction.keyBindings
    state.helpScroll = controls.helpScroll
    guard !layout.isTooSmall else { return state }

    if controls.densityMode == .kde {
      let heat = layout.heatMapGrid
      let grid = TileGrid(box: box, size: heat)
      let bandwidth: HeatMapBandwidth =
        controls.bandwidthLocked ? .lockedToNoiseLevel(sigma) : .dataUnits(h)
      if let values = fields.latestDensity(snapshot, grid: grid, bandwidth: bandwidth) {
        state.density = DensityGrid(columns: heat.columns, rows: heat.rows, values: values)
      }
    }
    if controls.densityMode == .likelihood {
      let coarse = Self.likelihoodGrid(layout.heatMapGrid)
      if let values = fields.latestLikelihood(snapshot, grid: TileGrid(box: box, size: coarse), noiseLevel: sigma) {
        state.likelihood = DensityGrid(columns: coarse.columns, rows: coarse.rows, values: values)
      }
    }
    let arrowGrid = layout.arrowGrid
    let arrows = fields.latestArrows(
      snapshot, grid: TileGrid(box: box, size: arrowGrid),
      noiseLevel: sigma)
    let vectors = controls.arrowMode == .kde ? arrows.truth : arrows.learned
    state.arrows = ArrowField(
      columns: arrowGrid.columns, rows: arrowGrid.rows, vectors: vectors,
      errors: controls.arrowMode == .error ? arrows.errors : [])
    state.particles = Self.positions(of: particles, standardization: data.standardization)
    state.trails = trails

    let particleLevel = particles.levelIndex(ladder: snapshot.ladder, plainLevel: controls.sigmaIndex)
    var status = StatusValues()
    status.datasetName = data.dataset.name
    status.datasetCount = points.count
    status.objective = snapshot.objective.rawValue
    status.epoch = snapshot.epoch
    status.loss = snapshot.loss
    status.lossHistory = snapshot.lossHistory
    status.samplesPerSecond = snapshot.samplesPerSecond
    status.shownModel = shownModel.map { EscapedText.singleLine($0) }
    status.sigma = Double(sigma)
    status.sigmaLevel = controls.sigmaIndex + 1
    status.sigmaLevelCount = snapshot.ladder.count
    status.bandwidth = controls.bandwidthLocked ? Double(sigma) : h
    status.bandwidthSource =
      controls.bandwidthLocked
      ? .lockedToSigma : (controls.fixedBandwidth == nil ? .rule("scott") : .fixed)
    status.langevinStep = Double(particles.stepSize(ladder: snapshot.ladder, level: particleLevel))
    status.sampler = particles.dynamics
    if let reading = particles.clockReading {
      status.clock = SamplerClock(
        sigma: Double(reading.sigma), direction: reading.isForward ? .forward : .reverse,
        fraction: reading.fraction, processName: particles.process.rawValue.uppercased(),
        evaluations: reading.evaluations, isHolding: reading.isHolding)
      status.memorisedFraction = memorisedFraction(of: state.particles, snapshot: snapshot)
    }
    status.fieldError = arrows.relativeError
    status.framesPerSecond = framesPerSecond
    if let notice = snapshot.notice {
      status.message = notice
      status.messageIsAlert = true
    } else if controls.isPaused {
      status.message = "paused"
    } else {
      status.message = controls.message
      status.messageIsAlert = controls.messageIsAlert
    }
    state.status = status
    return state
  }

  /// The model density's coarse grid: half the heat map's resolution each way, at most 64 × 48
  /// tiles, so a background thread computes it in a fraction of a second.
  static func likelihoodGrid(_ heatMap: GridSize) -> GridSize {
    GridSize(columns: min(64, (heatMap.columns + 1) / 2), rows: min(48, (heatMap.rows + 1) / 2))
  }

  /// The share of `particles` (data units) memorised against the data (MATH.md §7); NaN when
  /// the data has more than `largestMemorisationData` points.
  private mutating func memorisedFraction(of particles: [SIMD2<Double>], snapshot: EngineSnapshot) -> Double {
    let points = snapshot.data.dataset.points
    guard points.count >= 2, points.count <= Self.largestMemorisationData else { return .nan }
    if memorisation?.dataVersion != snapshot.dataVersion {
      memorisation = (snapshot.dataVersion, MemorisationTest(trainingPoints: points))
    }
    return memorisation!.test.memorisedFraction(particles)
  }

  /// The particles in data units: they move in the standardised space the network learns in
  /// (under VP the particles' state α·x, which the forward process carries toward N(0, I));
  /// the first `limit` of them.
  static func positions(
    of particles: ParticleSystem, standardization: Standardization, limit: Int = .max
  ) -> [SIMD2<Double>] {
    let raw = particles.particles
    return (0..<min(limit, raw.count / 2)).map {
      standardization.destandardize(SIMD2(Double(raw[2 * $0]), Double(raw[2 * $0 + 1])))
    }
  }
}
