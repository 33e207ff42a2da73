// The forms one frame of the view can be written in: text, ANSI, SVG or an HTML page.

import ArgumentParser
import ScoreView

/// How `render` writes its frame.
enum FrameFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case ansi
  case svg
  case html

  /// The file name extensions (lowercase, no dot) of this format, the usual one first.
  var extensions: [String] {
    switch self {
    case .text: ["txt"]
    case .ansi: ["ans", "txt"]
    case .svg: ["svg"]
    case .html: ["html", "htm"]
    }
  }

  /// Every format's extensions, each once.
  static var allExtensions: [String] {
    allCases.flatMap(\.extensions).reduce(into: []) { list, name in if !list.contains(name) { list.append(name) } }
  }

  /// The format a file name's extension names: `.svg`, `.html`/`.htm`, `.ans`, `.txt` (text);
  /// nil for a name with another extension or none.
  static func inferred(fromPath path: String) -> FrameFormat? {
    guard let name = path.split(separator: "/").last, let dot = name.lastIndex(of: "."), dot != name.startIndex
    else { return nil }
    let found = name[name.index(after: dot)...].lowercased()
    return allCases.first { $0.extensions.first == found } ?? allCases.first { $0.extensions.contains(found) }
  }

  /// `frame` in this format, ending with a newline; SVG and HTML drawn with `style`, the
  /// page titled `title`.
  func encoded(_ frame: Frame, colorDepth: ColorDepth, style: SVGPicture.Style, title: String) -> String {
    switch self {
    case .text: frame.plainText + "\n"
    case .ansi: frame.ansiText(colorDepth: colorDepth) + "\n"
    case .svg: SVGPicture(style: style).text(of: frame)
    case .html: SVGPicture(style: style).htmlPage(of: frame, title: title)
    }
  }
}
