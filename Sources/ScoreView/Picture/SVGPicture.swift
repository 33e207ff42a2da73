// A frame as a self-contained SVG picture: no fonts needed for braille, blocks or lines.

/// Writes a `Frame` as SVG text: every cell a `cellWidth` × `cellHeight` box.
///
/// What each cell becomes:
/// - its background: a rectangle; runs of equal background along a row are one rectangle,
///   and the terminal's default background is one rectangle under the whole picture;
/// - a braille glyph: one circle per raised dot, in the foreground colour;
/// - a block element or light box-drawing glyph: rectangles (`CellShapes.rects(for:)`);
///   equal rectangles side by side along a row are merged;
/// - any other glyph but a space: text in a monospace font, each glyph at an explicit x so
///   the columns line up whatever the font's advance (a monospace advance is about 0.6 of the
///   font size, which fits the cell's width); `&`, `<`, `>` and `"` are escaped,
///   characters XML cannot hold become U+FFFD.
/// Attributes: reverse swaps the colours, dim blends the foreground halfway to the
/// background, bold makes text bold, underline draws a line under the cell. The terminal's
/// default colours (`.terminalDefault`) become `style`'s.
///
/// ```
/// let svg = SVGPicture(style: SVGPicture.Style()).text(of: frame)
/// ```
public struct SVGPicture: Sendable {
  /// Sizes and the colours that stand for the terminal's own.
  public struct Style: Sendable, Hashable {
    /// A cell's width in SVG user units (pixels); positive.
    public var cellWidth: Int
    /// A cell's height; positive.
    public var cellHeight: Int
    /// What `.terminalDefault` means as a foreground.
    public var terminalForeground: RGB
    /// What `.terminalDefault` means as a background.
    public var terminalBackground: RGB

    /// 10 × 20 cells, light grey on black by default.
    public init(
      cellWidth: Int = 10, cellHeight: Int = 20, terminalForeground: RGB = RGB(0xD0, 0xD0, 0xD0),
      terminalBackground: RGB = RGB(0, 0, 0)
    ) {
      precondition(cellWidth > 0 && cellHeight > 0, "cells must have a size")
      self.cellWidth = cellWidth
      self.cellHeight = cellHeight
      self.terminalForeground = terminalForeground
      self.terminalBackground = terminalBackground
    }
  }

  public let style: Style

  /// A writer with `style`.
  public init(style: Style = Style()) {
    self.style = style
  }

  /// The radius of a braille dot, as a fraction of the cell's width.
  static let dotRadius = 0.17
  /// The font size, as a fraction of the cell's height.
  static let fontSize = 0.8
  /// The text baseline below the cell's top, as a fraction of its height.
  static let baseline = 0.78

  /// The picture's width and height in pixels.
  public func size(of frame: Frame) -> (width: Int, height: Int) {
    (frame.width * style.cellWidth, frame.height * style.cellHeight)
  }

  /// The whole SVG document for `frame`, ending with a newline.
  public func text(of frame: Frame) -> String {
    let (width, height) = size(of: frame)
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += element(of: frame, width: width, height: height)
    return out
  }

  /// The `<svg>` element alone (for embedding in HTML), ending with a newline.
  public func element(of frame: Frame) -> String {
    let (width, height) = size(of: frame)
    return element(of: frame, width: width, height: height)
  }

  private func element(of frame: Frame, width: Int, height: Int) -> String {
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\""
    out += " viewBox=\"0 0 \(width) \(height)\">\n"
    out += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"\(style.terminalBackground.hexString)\"/>\n"
    var rects = RectRuns()
    var dots: [RGB: [SIMD2<Double>]] = [:]
    var texts = TextRuns()
    for y in 0..<frame.height {
      for x in 0..<frame.width {
        let cell = resolved(frame[x, y])
        if cell.background != style.terminalBackground {
          rects.add(x: Double(x), y: Double(y), width: 1, height: 1, color: cell.background, opacity: 1)
        }
        if cell.underline {
          rects.add(x: Double(x), y: Double(y) + 0.92, width: 1, height: 0.05, color: cell.foreground, opacity: 1)
        }
        if let centres = CellShapes.brailleDots(for: cell.glyph) {
          dots[cell.foreground, default: []].append(contentsOf: centres.map { $0 + SIMD2(Double(x), Double(y)) })
        } else if let shapes = CellShapes.rects(for: cell.glyph) {
          for shape in shapes {
            rects.add(
              x: Double(x) + shape.x, y: Double(y) + shape.y, width: shape.width, height: shape.height,
              color: cell.foreground, opacity: shape.opacity)
          }
        } else if cell.glyph != " " {
          texts.add(cell.glyph, x: x, y: y, color: cell.foreground, bold: cell.bold)
        }
      }
      // Runs never cross a row, so each row's open runs end here.
      rects.endRow()
      texts.endRow()
    }
    out += "<g shape-rendering=\"crispEdges\">\n"
    for rect in rects.finished { out += rectElement(rect) }
    out += "</g>\n"
    let radius = number(Self.dotRadius * Double(style.cellWidth))
    for color in dots.keys.sorted(by: { $0.hexString < $1.hexString }) {
      out += "<g fill=\"\(color.hexString)\">\n"
      for centre in dots[color] ?? [] {
        out += "<circle cx=\"\(number(centre.x * Double(style.cellWidth)))\""
        out += " cy=\"\(number(centre.y * Double(style.cellHeight)))\" r=\"\(radius)\"/>\n"
      }
      out += "</g>\n"
    }
    if !texts.finished.isEmpty {
      let fontSize = number(Self.fontSize * Double(style.cellHeight))
      out += "<g font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"\(fontSize)\">\n"
      for run in texts.finished { out += textElement(run) }
      out += "</g>\n"
    }
    out += "</svg>\n"
    return out
  }

  /// A cell's glyph and its colours as drawn: defaults replaced, reverse and dim applied.
  private struct ResolvedCell {
    var glyph: Unicode.Scalar
    var foreground: RGB
    var background: RGB
    var bold: Bool
    var underline: Bool
  }

  private func resolved(_ cell: Cell) -> ResolvedCell {
    var foreground = rgb(cell.foreground, default: style.terminalForeground)
    var background = rgb(cell.background, default: style.terminalBackground)
    if cell.attributes.contains(.reverse) { swap(&foreground, &background) }
    if cell.attributes.contains(.dim) { foreground = foreground.blended(toward: background, fraction: 0.5) }
    return ResolvedCell(
      glyph: cell.glyph, foreground: foreground, background: background, bold: cell.attributes.contains(.bold),
      underline: cell.attributes.contains(.underline))
  }

  private func rgb(_ color: CellColor, default fallback: RGB) -> RGB {
    switch color {
    case .terminalDefault: fallback
    case .rgb(let value): value
    }
  }

  private func rectElement(_ rect: RectRuns.Rect) -> String {
    let x = rect.x * Double(style.cellWidth)
    let y = rect.y * Double(style.cellHeight)
    var out = "<rect x=\"\(number(x))\" y=\"\(number(y))\""
    out += " width=\"\(number(rect.width * Double(style.cellWidth)))\""
    out += " height=\"\(number(rect.height * Double(style.cellHeight)))\" fill=\"\(rect.color.hexString)\""
    if rect.opacity < 1 { out += " fill-opacity=\"\(number(rect.opacity))\"" }
    return out + "/>\n"
  }

  private func textElement(_ run: TextRuns.Run) -> String {
    let xs = run.columns.map { String($0 * style.cellWidth) }
    let y = number((Double(run.row) + Self.baseline) * Double(style.cellHeight))
    var out = "<text x=\"\(xs.joined(separator: " "))\" y=\"\(y)\" fill=\"\(run.color.hexString)\""
    if run.bold { out += " font-weight=\"bold\"" }
    return out + ">" + XMLText.escaped(run.glyphs) + "</text>\n"
  }

  /// `value` with at most three decimals and no trailing zeros: "12", "2.5", "0.125".
  func number(_ value: Double) -> String {
    let thousandths = (value * 1000).rounded()
    let whole = Int(thousandths) / 1000
    var fraction = abs(Int(thousandths)) % 1000
    guard fraction != 0 else { return String(whole) }
    var digits = 3
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let sign = thousandths < 0 && whole == 0 ? "-" : ""
    let padded = String(repeating: "0", count: digits - String(fraction).count) + String(fraction)
    return sign + String(whole) + "." + padded
  }
}

extension SVGPicture.Style {
  /// 10 × 20 cells whose terminal default colours are `theme`'s background and text colours,
  /// or black and light grey where the theme keeps the terminal's own.
  public init(theme: Theme) {
    var style = SVGPicture.Style()
    if case .rgb(let background) = theme[.background] { style.terminalBackground = background }
    if case .rgb(let text) = theme[.text] { style.terminalForeground = text }
    self = style
  }
}
