// Everything one frame of the live view shows, as plain values computed elsewhere.

import ScoreCore

/// The input of `ViewRenderer.render(_:)`: the terminal size, the look, and every number to
/// draw, already computed (the view never evaluates a KDE or a network).
///
/// The executable asks `ViewLayout(width:height:)` which grids to compute for this size
/// (`heatMapGrid`, `arrowGrid`) and which box keeps circles round
/// (`displayBox(fitting:)`), has the engine compute them over `plotBox`, and fills a
/// `ViewState` each frame:
///
/// ```
/// let layout = ViewLayout(width: columns, height: lines)
/// var state = ViewState(width: columns, height: lines)
/// state.plotBox = layout.displayBox(fitting: PlotBox.bounding(data, padding: 3 * h))
/// state.points = data
/// let heat = layout.heatMapGrid
/// let tiles = state.plotBox.cellCentres(columns: heat.columns, rows: heat.rows)
/// state.density = DensityGrid(columns: heat.columns, rows: heat.rows, values: density(tiles))
/// let frame = ViewRenderer.render(state)
/// ```
///
/// Non-finite numbers anywhere are skipped (points, particles, arrows, density tiles) or
/// shown as "—" (status values); they never reach the screen.
public struct ViewState: Sendable, Equatable {
  /// Terminal columns; negative values count as 0.
  public var width: Int
  /// Terminal rows; negative values count as 0.
  public var height: Int
  /// Unicode shapes or the ASCII fallback.
  public var glyphStyle: GlyphStyle
  /// The colours.
  public var theme: Theme
  /// The colour depth the frame is designed for: the plot's layers choose their colours and
  /// marks for it (`LayerDesign`); the theme's own colours at `.trueColor` and `.palette256`.
  public var colorDepth: ColorDepth
  /// The data region the plot shows; the density grid and arrow field tile it.
  public var plotBox: PlotBox
  /// The data points, in data units.
  public var points: [SIMD2<Double>]
  /// `points` already rasterised for this frame's box and plot, if the caller keeps one
  /// (`PointRaster`); used when it fits, else the points are mapped one by one.
  public var pointRaster: PointRaster?
  /// The heat map's source.
  public var densityMode: DensityMode
  /// The density on a tiling of `plotBox`, read in `DensityMode.kde`.
  public var density: DensityGrid
  /// The learned model's density (probability-flow ODE) on a tiling of `plotBox`, read in
  /// `DensityMode.likelihood`; `.empty` while it is being computed.
  public var likelihood: DensityGrid
  /// What the arrows show.
  public var arrowMode: ArrowFieldMode
  /// The arrow vectors (and errors) on a tiling of `plotBox`.
  public var arrows: ArrowField
  /// The Langevin particles, in data units.
  public var particles: [SIMD2<Double>]
  /// The particles' recent positions, drawn as fading trails just below the particles.
  public var trails: ParticleTrails
  /// Whether the trails are wanted; they are drawn only with the particles (`drawsTrails`).
  public var showsTrails: Bool
  /// Whether the data points are drawn.
  public var showsPoints: Bool
  /// Whether the arrows are drawn.
  public var showsArrows: Bool
  /// Whether the particles are drawn.
  public var showsParticles: Bool
  /// The title and status lines' values.
  public var status: StatusValues
  /// Whether the help overlay covers the view.
  public var showsHelp: Bool
  /// The keys the help overlay lists, in order.
  public var keyBindings: [KeyBinding]
  /// The first binding the help overlay shows when they do not all fit (clamped when drawn).
  public var helpScroll = 0

  /// Whether the trails are drawn: wanted, and the particles they follow shown.
  public var drawsTrails: Bool { showsTrails && showsParticles }

  /// A state of the given size with the built-in theme designed for 24-bit colour, the unit
  /// box [−1, 1]², nothing to plot, every layer switched on (trails too, drawn once
  /// recorded) and the density in KDE mode.
  public init(
    width: Int, height: Int, glyphStyle: GlyphStyle = .unicode, theme: Theme = .builtIn,
    plotBox: PlotBox = PlotBox(xMin: -1, xMax: 1, yMin: -1, yMax: 1),
    points: [SIMD2<Double>] = [], densityMode: DensityMode = .kde,
    density: DensityGrid = .empty, arrowMode: ArrowFieldMode = .learned,
    arrows: ArrowField = .empty, particles: [SIMD2<Double>] = [], showsPoints: Bool = true,
    showsArrows: Bool = true, showsParticles: Bool = true, status: StatusValues = StatusValues(),
    showsHelp: Bool = false, keyBindings: [KeyBinding] = [], likelihood: DensityGrid = .empty,
    trails: ParticleTrails = .empty, showsTrails: Bool = true, colorDepth: ColorDepth = .trueColor
  ) {
    self.width = width
    self.height = height
    self.glyphStyle = glyphStyle
    self.theme = theme
    self.plotBox = plotBox
    self.points = points
    self.densityMode = densityMode
    self.density = density
    self.arrowMode = arrowMode
    self.arrows = arrows
    self.particles = particles
    self.showsPoints = showsPoints
    self.showsArrows = showsArrows
    self.showsParticles = showsParticles
    self.status = status
    self.showsHelp = showsHelp
    self.keyBindings = keyBindings
    self.likelihood = likelihood
    self.trails = trails
    self.showsTrails = showsTrails
    self.colorDepth = colorDepth
  }

  /// The plot layers' colours and marks for `theme` at `colorDepth` in `glyphStyle`.
  public var layerDesign: LayerDesign {
    LayerDesign(theme: theme, colorDepth: colorDepth, glyphStyle: glyphStyle)
  }
}
