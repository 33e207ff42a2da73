// A frame as a standalone HTML page that holds its SVG picture inline.

extension SVGPicture {
  /// A complete HTML5 page showing `frame` as the inline SVG `element(of:)` gives, on the
  /// terminal background, titled `title` (escaped).
  ///
  /// The page embeds the picture rather than a `<pre>` of coloured spans so that it shows
  /// exactly what the SVG does: braille dots and blocks as shapes, columns at fixed places,
  /// nothing left to the viewer's fonts.
  public func htmlPage(of frame: Frame, title: String) -> String {
    var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<title>\(XMLText.escaped(title))</title>\n"
    out += "<style>body { margin: 0; background: \(style.terminalBackground.hexString); }</style>\n"
    out += "</head>\n<body>\n"
    out += element(of: frame)
    out += "</body>\n</html>\n"
    return out
  }
}
