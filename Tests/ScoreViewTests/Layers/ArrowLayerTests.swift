// Arrows of a single Gaussian mode's analytic score point toward the mode and shade by length.

import Foundation
import ScoreCore
import ScoreView
import Testing

@Suite struct ArrowLayerTests {
  static let variance = 0.5

  /// A state whose arrows are the score −(x − μ)/v of N(μ, v·I), μ at the centre of the
  /// arrow tile (columns / 2, rows / 2); only the arrows are drawn.
  static func modeState(style: GlyphStyle) -> (ViewState, ViewLayout, [SIMD2<Double>], Int, Int) {
    var state = emptyState(style: style)
    let layout = ViewLayout(width: state.width, height: state.height)
    let grid = layout.arrowGrid
    let centres = state.plotBox.cellCentres(columns: grid.columns, rows: grid.rows)
    let mean = centres[(grid.rows / 2) * grid.columns + grid.columns / 2]
    state.arrows = ArrowField(
      columns: grid.columns, rows: grid.rows,
      vectors: centres.map { -($0 - mean) / variance })
    state.densityMode = .off
    state.showsPoints = false
    state.showsParticles = false
    return (state, layout, centres, grid.columns / 2, grid.rows / 2)
  }

  @Test(arguments: GlyphStyle.allCases)
  func arrowsPointTowardTheMode(style: GlyphStyle) throws {
    let (state, layout, centres, modeColumn, modeRow) = Self.modeState(style: style)
    let frame = ViewRenderer.render(state)
    let columns = layout.arrowGrid.columns
    func direction(column: Int, row: Int) throws -> Int? {
      let cell = try #require(
        screenCell(of: centres[row * columns + column], layout: layout, box: state.plotBox))
      return arrowDirection(in: frame, x: cell.x, y: cell.y, style: style)
    }
    // Rows count up from the bottom of the box: row + 2 lies above the mode.
    #expect(try direction(column: modeColumn - 2, row: modeRow) == 0, "left of the mode: →")
    #expect(try direction(column: modeColumn + 2, row: modeRow) == 4, "right of the mode: ←")
    #expect(try direction(column: modeColumn, row: modeRow + 2) == 6, "above the mode: ↓")
    #expect(try direction(column: modeColumn, row: modeRow - 2) == 2, "below the mode: ↑")
    let mode = try #require(
      screenCell(of: centres[modeRow * columns + modeColumn], layout: layout, box: state.plotBox))
    #expect(frame[mode.x, mode.y].glyph == " ", "no arrow for the zero score")
  }

  /// Every arrow drawn is within 22.5° (half a sector) of the direction to the mode.
  @Test(arguments: GlyphStyle.allCases)
  func everyArrowIsNearestOfEightDirections(style: GlyphStyle) throws {
    let (state, layout, centres, modeColumn, modeRow) = Self.modeState(style: style)
    let frame = ViewRenderer.render(state)
    let mean = centres[modeRow * layout.arrowGrid.columns + modeColumn]
    var checked = 0
    for centre in centres where centre != mean {
      let cell = try #require(screenCell(of: centre, layout: layout, box: state.plotBox))
      let sector = try #require(arrowDirection(in: frame, x: cell.x, y: cell.y, style: style))
      let toMode = mean - centre
      let truth = atan2(toMode.y, toMode.x)
      var difference = abs(truth - Double(sector) * Double.pi / 4)
      difference = min(difference, 2 * Double.pi - difference)
      // 1e-9 rad: atan2 rounding on tiles exactly on a sector boundary.
      #expect(difference <= Double.pi / 8 + 1e-9, "arrow at \(centre)")
      checked += 1
    }
    #expect(checked == centres.count - 1)
  }

  /// Along the row left of the mode the score grows linearly with distance, so the colour
  /// climbs the gradient and the farthest arrow (the field's largest) has its top colour.
  @Test func colourGrowsWithLength() throws {
    let (state, layout, centres, modeColumn, modeRow) = Self.modeState(style: .unicode)
    let frame = ViewRenderer.render(state)
    let ramp = state.theme[.arrowMagnitude].ramp(levels: 32)
    var previous = -1
    for column in stride(from: modeColumn - 1, through: 0, by: -1) {
      let cell = try #require(
        screenCell(
          of: centres[modeRow * layout.arrowGrid.columns + column], layout: layout,
          box: state.plotBox))
      guard case .rgb(let color) = frame[cell.x, cell.y].foreground else {
        Issue.record("arrow without colour")
        return
      }
      let level = try #require(ramp.firstIndex(of: color))
      #expect(level >= previous)
      previous = level
    }
    let norms = state.arrows.vectors.map { ($0 * $0).sum() }
    let farthest = try #require(norms.indices.max { norms[$0] < norms[$1] })
    let cell = try #require(screenCell(of: centres[farthest], layout: layout, box: state.plotBox))
    #expect(frame[cell.x, cell.y].foreground == .rgb(state.theme[.arrowMagnitude].color(at: 1)))
  }

  /// Error mode colours by the given errors: zero error is the error gradient's neutral
  /// middle, the largest error its positive end, whatever the vectors' lengths.
  @Test func errorModeColoursByError() throws {
    var (state, layout, centres, _, _) = Self.modeState(style: .unicode)
    let count = state.arrows.vectors.count
    var errors = [Double](repeating: 0, count: count)
    errors[0] = 2.5
    state.arrows.errors = errors
    state.arrowMode = .error
    let frame = ViewRenderer.render(state)
    let map = state.theme[ThemeGradient.error]
    let worst = try #require(screenCell(of: centres[0], layout: layout, box: state.plotBox))
    #expect(frame[worst.x, worst.y].foreground == .rgb(map.color(at: 1)))
    let other = try #require(screenCell(of: centres[count - 1], layout: layout, box: state.plotBox))
    #expect(frame[other.x, other.y].foreground == .rgb(map.color(at: 0.5)))
    // The legend's scale: its name, then 0, the middle expm1(½ · log1p(2.5)) = √3.5 − 1 and
    // the largest error, under the colour strip.
    let lines = frame.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let header = try #require(lines.firstIndex { $0.hasSuffix("error log scale") })
    let labels = lines[header + 2].suffix(18).split(separator: " ").map(String.init)
    #expect(labels == ["0", "0.871", "2.50"])
  }
}
