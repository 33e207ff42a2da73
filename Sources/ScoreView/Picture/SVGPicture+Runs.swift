// Runs of equal rectangles and of text along a row, merged so a picture holds few elements.

extension SVGPicture {
  /// Rectangles in cell units, each merged with the one before it when that one ends where
  /// it starts and has the same top, height, colour and opacity.
  struct RectRuns {
    struct Rect: Equatable {
      var x: Double
      var y: Double
      var width: Double
      var height: Double
      var color: RGB
      var opacity: Double
    }

    private(set) var finished: [Rect] = []
    /// The runs still open in this row, by top, height, colour and opacity.
    private var open: [Rect] = []

    mutating func add(x: Double, y: Double, width: Double, height: Double, color: RGB, opacity: Double) {
      let rect = Rect(x: x, y: y, width: width, height: height, color: color, opacity: opacity)
      if let index = open.firstIndex(where: {
        $0.y == y && $0.height == height && $0.color == color && $0.opacity == opacity && $0.x + $0.width == x
      }) {
        open[index].width += width
      } else {
        open.append(rect)
      }
    }

    /// Closes every run; the next rectangle starts a new one.
    mutating func endRow() {
      finished += open
      open.removeAll(keepingCapacity: true)
    }
  }

  /// Glyphs drawn as text, grouped into runs of adjacent cells of one row with the same colour
  /// and weight.
  struct TextRuns {
    struct Run {
      var row: Int
      var columns: [Int]
      var glyphs: String.UnicodeScalarView
      var color: RGB
      var bold: Bool
    }

    private(set) var finished: [Run] = []
    private var current: Run?

    mutating func add(_ glyph: Unicode.Scalar, x: Int, y: Int, color: RGB, bold: Bool) {
      if var run = current, run.row == y, run.color == color, run.bold == bold, run.columns.last == x - 1 {
        run.columns.append(x)
        run.glyphs.append(glyph)
        current = run
        return
      }
      endRow()
      current = Run(row: y, columns: [x], glyphs: String.UnicodeScalarView([glyph]), color: color, bold: bold)
    }

    /// Closes the current run.
    mutating func endRow() {
      if let current { finished.append(current) }
      current = nil
    }
  }
}

/// Text for XML character data and attribute values.
enum XMLText {
  /// `glyphs` with `&`, `<`, `>`, `"` and `'` as entities, and every character XML 1.0 cannot
  /// hold (controls other than tab, newline and carriage return; U+FFFE, U+FFFF) as U+FFFD.
  static func escaped(_ glyphs: String.UnicodeScalarView) -> String {
    var out = ""
    for glyph in glyphs {
      switch glyph {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(glyph)
      default:
        let allowed = glyph.value >= 0x20 && glyph.value != 0xFFFE && glyph.value != 0xFFFF
        out.unicodeScalars.append(allowed ? glyph : "\u{FFFD}")
      }
    }
    return out
  }

  /// `text` escaped as `escaped(_:)` does.
  static func escaped(_ text: String) -> String {
    escaped(text.unicodeScalars)
  }
}
