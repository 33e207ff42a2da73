// The data points drawn once into dots and pixel counts, for every frame that shows the same points.

import ScoreCore

/// A point set rasterised for one plot: its braille dots in one colour and its count per
/// half-block pixel (the histogram heat map).
///
/// Mapping a million points onto the canvas costs milliseconds; the points change rarely, so
/// the live view makes a raster when the points, the box, the plot area or the colour change
/// and puts it in `ViewState.pointRaster`. The renderer uses it when it was made for the
/// frame's box, plot area and points colour, and maps `ViewState.points` otherwise, so a
/// raster never changes what a frame shows, only what it costs.
///
/// ```
/// state.pointRaster = PointRaster(points: data, color: theme[.points], box: box, area: layout.plot)
/// ```
public struct PointRaster: Sendable, Equatable {
  /// The data region the raster covers.
  public let box: PlotBox
  /// The plot's cells.
  public let area: CellRect
  /// The colour of the dots.
  public let color: CellColor
  /// The points as braille dots, as `DotLayer` sets them.
  let dots: BrailleCanvas
  /// The number of points in each half-block pixel of `area`, top row first.
  let counts: [Double]

  /// Rasterises `points` (data units) over `area` for `box`: points outside the box or not
  /// finite are left out, as when they are drawn one by one.
  public init(points: [SIMD2<Double>], color: CellColor, box: PlotBox, area: CellRect) {
    self.box = box
    self.area = area
    self.color = color
    var dots = BrailleCanvas(area: area)
    let dotMapping = dots.mapping(for: box)
    let pixelMapping = HalfBlockCanvas(area: area).mapping(for: box)
    var counts = [Double](repeating: 0, count: pixelMapping.pixelWidth * pixelMapping.pixelHeight)
    if area.area > 0 {
      for point in points {
        dots.setDot(at: point, mapping: dotMapping, color: color)
        if let pixel = pixelMapping.pixel(for: point) {
          counts[pixel.y * pixelMapping.pixelWidth + pixel.x] += 1
        }
      }
    }
    self.dots = dots
    self.counts = counts
  }

  /// Whether the raster was made for this box, plot area and colour.
  public func fits(box: PlotBox, area: CellRect, color: CellColor) -> Bool {
    self.box == box && self.area == area && self.color == color
  }
}
