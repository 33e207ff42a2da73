// The density as a half-block heat map under everything else in the plot.

import ScoreCore

/// Paints the KDE grid, the model's ODE density grid, or a histogram of the points, into the
/// plot area.
enum HeatMapLayer {
  /// Paints the heat map of `state` into `layout.plot` and returns the scale it used, or
  /// nil when nothing was painted (mode off, no usable values).
  ///
  /// KDE mode samples the density grid at each half-block pixel's centre (nearest tile, so
  /// a grid of `layout.heatMapGrid`'s size maps one to one), likelihood mode the likelihood
  /// grid the same way (nothing while it is `.empty`); histogram mode counts the data points
  /// per pixel. A pixel at scale position t takes level `design.densityLevel(at: t)`,
  /// painted by `paint(levels:area:design:style:into:)`.
  static func draw(
    _ state: ViewState, design: LayerDesign, layout: ViewLayout, into frame: inout Frame
  ) -> HeatMapScale? {
    let canvas = HalfBlockCanvas(area: layout.plot)
    let width = canvas.pixelWidth
    let height = canvas.pixelHeight
    guard width > 0, height > 0 else { return nil }
    let pixelValues: [Double]
    let kind: HeatMapScale.Kind
    switch state.densityMode {
    case .off:
      return nil
    case .kde:
      guard state.density.isUsable else { return nil }
      pixelValues = sample(state.density, width: width, height: height)
      kind = .density
    case .likelihood:
      guard state.likelihood.isUsable else { return nil }
      pixelValues = sample(state.likelihood, width: width, height: height)
      kind = .density
    case .histogram:
      if let raster = state.pointRaster,
        raster.fits(box: state.plotBox, area: layout.plot, color: design.points)
      {
        pixelValues = raster.counts
      } else {
        pixelValues = histogram(state.points, mapping: canvas.mapping(for: state.plotBox))
      }
      kind = .count
    }
    guard let scale = HeatMapScale(kind: kind, values: pixelValues) else { return nil }
    let levels = pixelValues.map { value in scale.fraction(of: value).map(design.densityLevel) }
    paint(levels: levels, area: layout.plot, design: design, style: state.glyphStyle, into: &frame)
    return scale
  }

  /// Paints density levels (indices into `design`'s colours or glyphs; nil leaves a pixel
  /// unpainted), one per half-block pixel of `area`, top row first, into `frame`.
  ///
  /// Half blocks in the levels' colours (`HalfBlockCanvas`); at 16 and 8 colours in `.ascii`,
  /// where a cell shows one colour, the higher of its two pixels' levels, so a cell never
  /// shows a blend that is no band; at `.monochrome` the shading glyph of the higher of its
  /// two pixels' levels, colours and attributes untouched.
  static func paint(
    levels: [Int?], area: CellRect, design: LayerDesign, style: GlyphStyle, into frame: inout Frame
  ) {
    var canvas = HalfBlockCanvas(area: area)
    let width = canvas.pixelWidth
    let oneLevelPerCell =
      design.colorDepth == .monochrome || (design.colorDepth < .palette256 && style == .ascii)
    for row in 0..<area.height {
      for column in 0..<width {
        let upper = levels[2 * row * width + column]
        let lower = levels[(2 * row + 1) * width + column]
        if !oneLevelPerCell {
          if let upper { canvas.setPixel(x: column, y: 2 * row, color: design.densityColors[upper]) }
          if let lower { canvas.setPixel(x: column, y: 2 * row + 1, color: design.densityColors[lower]) }
          continue
        }
        let level = max(upper ?? -1, lower ?? -1)
        guard level >= 0 else { continue }
        if design.colorDepth == .monochrome {
          frame[area.x + column, area.y + row].glyph = design.densityGlyphs[level]
        } else {
          canvas.setPixel(x: column, y: 2 * row, color: design.densityColors[level])
          canvas.setPixel(x: column, y: 2 * row + 1, color: design.densityColors[level])
        }
      }
    }
    canvas.draw(into: &frame, style: style)
  }

  /// The grid's value at each of `width` × `height` pixels, top row first: the tile that
  /// contains the pixel's centre, in exact integer arithmetic.
  private static func sample(_ grid: DensityGrid, width: Int, height: Int) -> [Double] {
    var pixels = [Double](repeating: 0, count: width * height)
    let columnOf = (0..<width).map { x in (2 * x + 1) * grid.columns / (2 * width) }
    grid.values.withUnsafeBufferPointer { values in
      pixels.withUnsafeMutableBufferPointer { out in
        for y in 0..<height {
          let gridRow = (2 * (height - y) - 1) * grid.rows / (2 * height)
          let rowStart = gridRow &* grid.columns
          for x in 0..<width { out[y &* width &+ x] = values[rowStart &+ columnOf[x]] }
        }
      }
    }
    return pixels
  }

  /// The number of `points` in each pixel of `mapping`, top row first.
  private static func histogram(_ points: [SIMD2<Double>], mapping: PixelMapping) -> [Double] {
    var counts = [Double](repeating: 0, count: mapping.pixelWidth * mapping.pixelHeight)
    for point in points {
      guard let pixel = mapping.pixel(for: point) else { continue }
      counts[pixel.y * mapping.pixelWidth + pixel.x] += 1
    }
    return counts
  }
}
