// Pixel centres in data units: the closed-form centres, round trips at every pixel, edges.

import ScoreCore
import ScoreView
import Testing

@Suite struct PixelMappingTests {
  /// Boxes around the origin, off to one side, long and thin, and with sides no binary
  /// fraction spells exactly.
  static let boxes = [
    PlotBox(xMin: -1, xMax: 1, yMin: -1, yMax: 1),
    PlotBox(xMin: 3.7, xMax: 9.1, yMin: -20.3, yMax: -19.9),
    PlotBox(xMin: -1e-3, xMax: 2e-3, yMin: 1e3, yMax: 3e3),
    PlotBox(xMin: 0.1, xMax: 0.7, yMin: -0.3, yMax: 0.9),
  ]

  /// Every pixel of every grid up to 9 × 9 over each box: `dataPoint` is the pixel's centre,
  /// xMin + (c + ½)·width/W and yMax − (r + ½)·height/H, within a millionth of a pixel, and
  /// `pixel(for:)` sends it back to (c, r).
  @Test(arguments: boxes)
  func roundTripsAtEveryPixel(box: PlotBox) throws {
    var misses: [String] = []
    for pixelWidth in 1...9 {
      for pixelHeight in 1...9 {
        let mapping = PixelMapping(box: box, pixelWidth: pixelWidth, pixelHeight: pixelHeight)
        let pixelSide = SIMD2(box.width / Double(pixelWidth), box.height / Double(pixelHeight))
        for column in 0..<pixelWidth {
          for row in 0..<pixelHeight {
            let point = try #require(mapping.dataPoint(column: column, row: row))
            let expected = SIMD2(
              box.xMin + (Double(column) + 0.5) * pixelSide.x,
              box.yMax - (Double(row) + 0.5) * pixelSide.y)
            let error = max(
              abs(point.x - expected.x) / pixelSide.x, abs(point.y - expected.y) / pixelSide.y)
            let back = mapping.pixel(for: point)
            if error > 1e-6 || back?.x != column || back?.y != row {
              misses.append("\(pixelWidth)×\(pixelHeight) (\(column), \(row)) → \(point) → \(String(describing: back))")
            }
          }
        }
      }
    }
    #expect(misses.isEmpty, "\(misses.prefix(5))")
  }

  /// Column 0, row 0 is the top-left pixel: its centre is half a pixel right of xMin and
  /// half a pixel below yMax.
  @Test func topLeftIsNearXMinAndYMax() {
    let mapping = PixelMapping(box: PlotBox(xMin: 0, xMax: 4, yMin: 0, yMax: 2), pixelWidth: 4, pixelHeight: 4)
    #expect(mapping.dataPoint(column: 0, row: 0) == SIMD2(0.5, 1.75))
    #expect(mapping.dataPoint(column: 3, row: 3) == SIMD2(3.5, 0.25))
  }

  /// Pixels off the grid, an empty grid and boxes that are flat, inverted or infinite give
  /// nil, as `pixel(for:)` maps nothing for them.
  @Test func nothingOffTheGridOrForUnusableBoxes() {
    let box = PlotBox(xMin: 0, xMax: 1, yMin: 0, yMax: 1)
    let mapping = PixelMapping(box: box, pixelWidth: 3, pixelHeight: 2)
    for (column, row) in [(-1, 0), (0, -1), (3, 0), (0, 2), (Int.min, Int.max)] {
      #expect(mapping.dataPoint(column: column, row: row) == nil)
    }
    #expect(PixelMapping(box: box, pixelWidth: 0, pixelHeight: 2).dataPoint(column: 0, row: 0) == nil)
    for unusable in [
      PlotBox(xMin: 1, xMax: 1, yMin: 0, yMax: 1), PlotBox(xMin: 0, xMax: 1, yMin: 1, yMax: 0),
      PlotBox(xMin: 0, xMax: .infinity, yMin: 0, yMax: 1), PlotBox(xMin: .nan, xMax: 1, yMin: 0, yMax: 1),
    ] {
      #expect(PixelMapping(box: unusable, pixelWidth: 3, pixelHeight: 2).dataPoint(column: 0, row: 0) == nil)
    }
  }
}
