// The live view's data points rasterised once per dataset, box, plot area and colour.

import ScoreCore
import ScoreView

/// Keeps the newest `PointRaster` and makes a new one only when the data version, the box,
/// the plot area or the colour changes, so that a frame of a million points does not map
/// every point again.
struct PointRasterCache {
  private var dataVersion: Int?
  private var raster: PointRaster?

  /// The raster of `points` (data version `dataVersion`) for this box, area and colour.
  mutating func raster(
    for points: [SIMD2<Double>], dataVersion: Int, color: CellColor, box: PlotBox, area: CellRect
  ) -> PointRaster {
    if let raster, self.dataVersion == dataVersion, raster.fits(box: box, area: area, color: color) {
      return raster
    }
    let made = PointRaster(points: points, color: color, box: box, area: area)
    raster = made
    self.dataVersion = dataVersion
    return made
  }
}
