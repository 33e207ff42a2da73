// The colours and marks of each plot layer, designed for one colour depth rather than quantised.

/// How the plot's layers look at one `ColorDepth`: every mark drawn over the heat map (data
/// points, particles, trails, arrows) stays apart from the band under it.
///
/// - `.trueColor`, `.palette256`: the theme's own colours: a 64-level density ramp, the
///   `points` and `particles` roles, trails fading toward the background, the arrow gradient
///   in 32 levels.
/// - `.ansi16`, `.ansi8`: a palette chosen by role. The density takes 4 (16 colours) or 3
///   (8 colours) bands of cool hues, and points, particles, trails and arrows take only
///   colours no band uses, so a mark never has the colour of the band under it:
///
///   | ground | depth | density bands, low → high | points | particles | trails | arrows, weak → strong |
///   | --- | --- | --- | --- | --- | --- | --- |
///   | dark | 16 | blue, bright blue, cyan, green | bright white | bright yellow, bold | yellow, grey | grey, bright magenta, bright red |
///   | dark | 8 | blue, cyan, green | white | yellow, bold | yellow, dim | magenta, red |
///   | light | 16 | bright yellow, bright green, cyan, blue | black | red, bold | red, grey | grey, bright magenta, magenta |
///   | light | 8 | yellow, cyan, blue | black | red, bold | red, dim | green, magenta |
///
///   The ground is light when the theme's background is an RGB colour of luminance above
///   one half, else dark (the terminal's default background is taken to be dark). Each
///   colour is the xterm default RGB of its palette index (`XtermPalette.color(atIndex:)`),
///   which `ColorDepth.quantize(_:)` maps back to exactly that index at 16 and at 8 colours.
/// - `.monochrome`: nothing relies on colour. The density is shaded by glyph (`░▒▓`, ASCII
///   `~=#`, lowest band first), particles are drawn in reverse video, trails dim, and arrows
///   at or above `strongArrowFraction` of the scale bold.
///
/// ```
/// let design = LayerDesign(theme: state.theme, colorDepth: .ansi8, glyphStyle: .unicode)
/// let band = design.densityColors[min(design.densityLevels - 1, Int(t * Double(design.densityLevels)))]
/// ```
public struct LayerDesign: Sendable, Equatable {
  /// The depth this design is for.
  public let colorDepth: ColorDepth
  /// The density colours, lowest painted level first; empty at `.monochrome`.
  public let densityColors: [RGB]
  /// The density's shading glyphs, lowest painted band first; empty except at `.monochrome`.
  public let densityGlyphs: [Unicode.Scalar]
  /// The data points' colour.
  public let points: CellColor
  /// The particles' colour.
  public let particles: CellColor
  /// The particles' attributes: bold at 16 and 8 colours, reverse video at `.monochrome`.
  public let particleAttributes: CellAttributes
  /// The trails' colours, newest band first, `TrailLayer.bandCount` of them.
  public let trailColors: [CellColor]
  /// The trails' attributes: dim at 8 colours (the particles' colour, fainter) and at
  /// `.monochrome`.
  public let trailAttributes: CellAttributes
  /// The score arrows' colours by magnitude, weakest first.
  public let arrowColors: [RGB]
  /// The error arrows' colours, no error first.
  public let errorArrowColors: [RGB]
  /// The attributes of arrows at or above `strongArrowFraction`: bold at `.monochrome`.
  public let strongArrowAttributes: CellAttributes

  /// The position on the arrows' log scale from which an arrow counts as strong.
  public static let strongArrowFraction = 2.0 / 3.0
  /// Levels of the theme's density gradient at 256 colours and above.
  public static let richDensityLevels = 64
  /// Levels of the theme's arrow gradients at 256 colours and above.
  public static let richArrowLevels = 32

  /// The number of density levels: colours, or glyphs at `.monochrome`.
  public var densityLevels: Int { max(densityColors.count, densityGlyphs.count) }

  /// The design of `theme` at `colorDepth`; `glyphStyle` picks the shading glyphs at
  /// `.monochrome`.
  public init(theme: Theme, colorDepth: ColorDepth, glyphStyle: GlyphStyle) {
    self.colorDepth = colorDepth
    switch colorDepth {
    case .trueColor, .palette256:
      densityColors = theme[.heatMap].ramp(levels: Self.richDensityLevels)
      densityGlyphs = []
      points = theme[.points]
      particles = theme[.particles]
      particleAttributes = []
      trailColors = Self.fadingTrailColors(theme)
      trailAttributes = []
      arrowColors = theme[.arrowMagnitude].ramp(levels: Self.richArrowLevels)
      let errors = theme[ThemeGradient.error]
      let last = Double(Self.richArrowLevels - 1)
      errorArrowColors = (0..<Self.richArrowLevels).map { errors.color(at: 0.5 + 0.5 * Double($0) / last) }
      strongArrowAttributes = []
    case .ansi16, .ansi8:
      let palette = PaletteRoles(isLightGround: Self.hasLightGround(theme), depth: colorDepth)
      func color(_ index: UInt8) -> RGB { XtermPalette.color(atIndex: index) }
      densityColors = palette.bands.map(color)
      densityGlyphs = []
      points = .rgb(color(palette.points))
      particles = .rgb(color(palette.particles))
      particleAttributes = [.bold]
      trailColors = palette.trails.map { .rgb(color($0)) }
      trailAttributes = colorDepth == .ansi8 ? [.dim] : []
      arrowColors = palette.arrows.map(color)
      errorArrowColors = arrowColors
      strongArrowAttributes = []
    case .monochrome:
      densityColors = []
      densityGlyphs = glyphStyle == .ascii ? ["~", "=", "#"] : ["░", "▒", "▓"]
      points = theme[.points]
      particles = theme[.particles]
      particleAttributes = [.reverse]
      trailColors = Array(repeating: theme[.particles], count: TrailLayer.bandCount)
      trailAttributes = [.dim]
      arrowColors = [RGB(0, 0, 0)]
      errorArrowColors = arrowColors
      strongArrowAttributes = [.bold]
    }
  }

  /// The arrow colours of `mode`: the error colours in error mode, else the magnitude ones.
  public func arrowColors(for mode: ArrowFieldMode) -> [RGB] {
    mode == .error ? errorArrowColors : arrowColors
  }

  /// The density colour or glyph level of gradient position `t` ∈ [0, 1].
  func densityLevel(at t: Double) -> Int {
    min(densityLevels - 1, max(0, Int(t * Double(densityLevels))))
  }

  /// Whether `theme`'s background is an RGB colour with luminance above one half.
  static func hasLightGround(_ theme: Theme) -> Bool {
    guard case .rgb(let ground) = theme[.background] else { return false }
    let luminance = 0.2126 * Double(ground.red) + 0.7152 * Double(ground.green) + 0.0722 * Double(ground.blue)
    return luminance > 127.5
  }

  /// The particles colour p blended toward the ground g by (b + 1)/(bandCount + 1) for band
  /// b, newest first: round(p + f · (g − p)) per channel. The ground is the theme's
  /// `background`, or where that is the terminal's default (whose colour the view cannot
  /// know) the theme's `statusBackground`; when neither is RGB, or the particles colour is
  /// the default, every band takes the particles colour.
  private static func fadingTrailColors(_ theme: Theme) -> [CellColor] {
    let particles = theme[.particles]
    let ground: RGB
    switch (theme[.background], theme[.statusBackground]) {
    case (.rgb(let background), _): ground = background
    case (.terminalDefault, .rgb(let status)): ground = status
    case (.terminalDefault, .terminalDefault):
      return Array(repeating: particles, count: TrailLayer.bandCount)
    }
    guard case .rgb(let particle) = particles else {
      return Array(repeating: particles, count: TrailLayer.bandCount)
    }
    return (0..<TrailLayer.bandCount).map { band in
      .rgb(particle.blended(toward: ground, fraction: Double(band + 1) / Double(TrailLayer.bandCount + 1)))
    }
  }
}

/// The palette indices each role takes at 16 or 8 colours (the table in `LayerDesign`).
private struct PaletteRoles {
  let bands: [UInt8]
  let points: UInt8
  let particles: UInt8
  let trails: [UInt8]
  let arrows: [UInt8]

  init(isLightGround: Bool, depth: ColorDepth) {
    switch (isLightGround, depth == .ansi16) {
    case (false, true):
      (bands, points, particles) = ([4, 12, 6, 2], 15, 11)
      (trails, arrows) = ([3, 3, 8, 8], [8, 13, 9])
    case (false, false):
      (bands, points, particles) = ([4, 6, 2], 7, 3)
      (trails, arrows) = ([3, 3, 3, 3], [5, 1])
    case (true, true):
      (bands, points, particles) = ([11, 10, 6, 4], 0, 1)
      (trails, arrows) = ([1, 1, 8, 8], [8, 13, 5])
    case (true, false):
      (bands, points, particles) = ([3, 6, 4], 0, 1)
      (trails, arrows) = ([1, 1, 1, 1], [2, 5])
    }
  }
}
