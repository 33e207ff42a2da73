// The density as a half-block heat map under everything else in the plot.

import ScoreCore

/// Paints the KDE grid, the model's ODE density grid, or a histogram of the points, into the
/// plot area.
enum HeatMapLayer {
  /// Colour levels the gradient is cut into: enough for a smooth ramp, few enough for the
  /// terminal's colour pairs.
  static let levels = 64

  /// Paints the heat map of `state` into `layout.plot` and returns the scale it used, or
  /// nil when nothing was painted (mode off, no usable values).
  ///
  /// KDE mode samples the density grid at each half-block pixel's centre (nearest tile, so
  /// a grid of `layout.heatMapGrid`'s size maps one to one), likelihood mode the likelihood
  /// grid the same way (nothing while it is `.empty`); histogram mode counts the data points
  /// per pixel.
  static func draw(
    _ state: ViewState, layout: ViewLayout, into frame: inout Frame
  ) -> HeatMapScale? {
    var canvas = HalfBlockCanvas(area: layout.plot)
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
        raster.fits(box: state.plotBox, area: layout.plot, color: state.theme[.points])
      {
        pixelValues = raster.counts
      } else {
        pixelValues = histogram(state.points, mapping: canvas.mapping(for: state.plotBox))
      }
      kind = .count
    }
    guard let scale = HeatMapScale(kind: kind, values: pixelValues) else { return nil }
    let ramp = state.theme[.heatMap].ramp(levels: levels)
    pixelValues.withUnsafeBufferPointer { values in
      for y in 0..<height {
        for x in 0..<width {
          guard let t = scale.fraction(of: values[y &* width &+ x]) else { continue }
          canvas.setPixel(x: x, y: y, color: ramp[min(levels - 1, Int(t * Double(levels)))])
        }
      }
    }
    canvas.draw(into: &frame, style: state.glyphStyle)
    return scale
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
