// The in-memory picture every widget draws into and the terminal layer shows.

/// A `width` × `height` grid of `Cell`s, row-major from the top-left corner.
///
/// `Frame` exists so that no widget ever touches the terminal: the view renders a whole
/// frame from a plain state value, tests read it back as text, and the terminal layer writes
/// only the cells that differ from the frame it showed last. Any size is valid, 0 × 0
/// included; writes outside the grid are ignored (clipped), never a trap.
///
/// ```
/// var frame = Frame(width: 20, height: 2)
/// frame.put("σ = 0.10", x: 1, y: 0)
/// print(frame.plainText)
/// ```
public struct Frame: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  /// A frame filled with `fill`.
  public init(width: Int, height: Int, fill: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: fill, count: self.width * self.height)
  }

  /// Whether (x, y) lies inside the grid.
  @inlinable
  public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

  /// The cell at column `x`, row `y`; reading outside gives `.blank`, writing outside is ignored.
  public subscript(x: Int, y: Int) -> Cell {
    get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
    set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
  }

  /// The glyphs row by row, each row with trailing spaces removed, joined by newlines.
  public var plainText: String {
    var lines: [String] = []
    lines.reserveCapacity(height)
    for y in 0..<height {
      var line = String.UnicodeScalarView()
      for x in 0..<width { line.append(cells[y * width + x].glyph) }
      var text = String(line)
      while text.last == " " { text.removeLast() }
      lines.append(text)
    }
    return lines.joined(separator: "\n")
  }
}
