// The live view composed from a state: layout, layers in order, text and overlays.

/// Renders a `ViewState` into a `Frame`; pure, no I/O, any size.
///
/// Layers, bottom to top: heat map (half blocks, or shading glyphs without colour), data
/// points (braille), arrows, the particles' trails (braille, fading with age), particles
/// (braille, merged over the dots below in the particles colour), axes, legend and colour
/// bars, title and status lines, help overlay. Their colours and marks follow
/// `ViewState.colorDepth` (`LayerDesign`). Below `ViewLayout.minimumWidth` ×
/// `minimumHeight` the frame holds only the too-small note.
///
/// ```
/// let frame = ViewRenderer.render(state)
/// terminal.show(frame)
/// ```
public enum ViewRenderer {
  /// The frame for `state`: `state.width` × `state.height` cells (negative sizes give 0).
  ///
  /// Every cell starts as a space in the theme's text colour on its background.
  public static func render(_ state: ViewState) -> Frame {
    let layout = ViewLayout(width: state.width, height: state.height)
    let theme = state.theme
    var frame = Frame(
      width: layout.width, height: layout.height,
      fill: Cell(" ", foreground: theme[.text], background: theme[.background]))
    guard !layout.isTooSmall else {
      TooSmallNote.draw(state, into: &frame)
      return frame
    }
    let design = state.layerDesign
    let heatScale = HeatMapLayer.draw(state, design: design, layout: layout, into: &frame)
    if state.showsPoints {
      if let raster = state.pointRaster,
        raster.fits(box: state.plotBox, area: layout.plot, color: design.points)
      {
        raster.dots.draw(into: &frame, style: state.glyphStyle)
      } else {
        DotLayer.draw(
          state.points, color: design.points, box: state.plotBox, area: layout.plot,
          style: state.glyphStyle, into: &frame)
      }
    }
    let arrowMaximum =
      state.showsArrows
      ? ArrowLayer.draw(state, design: design, layout: layout, into: &frame) : nil
    if state.drawsTrails { TrailLayer.draw(state, design: design, area: layout.plot, into: &frame) }
    if state.showsParticles {
      DotLayer.draw(
        state.particles, color: design.particles, attributes: design.particleAttributes,
        box: state.plotBox, area: layout.plot, style: state.glyphStyle, into: &frame)
    }
    AxesLayer.draw(state, layout: layout, into: &frame)
    SidePanelLayer.draw(
      state, design: design, layout: layout, heatScale: heatScale, arrowMaximum: arrowMaximum,
      into: &frame)
    StatusBarLayer.draw(state, layout: layout, into: &frame)
    if state.showsHelp { HelpOverlay.draw(state, into: &frame) }
    return frame
  }
}
