// A small terminal emulator for tests: reads escape sequences and glyphs into a grid of cells.

/// What a terminal of `width` × `height` shows after reading bytes: the glyph, colours and
/// attributes of each cell, written independently of the code under test.
///
/// It understands what a VT100/xterm does with the sequences a full-screen program sends for
/// cells: `ESC[row;colH` (missing numbers are 1), `ESC[nC` (cursor forward, n = 1 when
/// missing, stopping at the last column), `ESC[2J` (erase all in the current background),
/// `ESC[…m` (SGR: 0, 1, 2, 4, 7, 22, 24, 27, 30–37, 38;5;n, 38;2;r;g;b, 39, 40–47, 48;5;n,
/// 48;2;r;g;b, 49, 90–97, 100–107) and UTF-8 glyphs, with xterm's deferred wrap after the
/// last column. Any other byte or sequence is recorded in `unexpected`, and each wrap to the
/// next row in `wraps`, so a test can require there were none.
public struct ANSITerminalModel {
  /// A colour as the terminal stores it.
  public enum Color: Equatable, Sendable, CustomStringConvertible {
    case standard
    case index(Int)
    case rgb(Int, Int, Int)

    public var description: String {
      switch self {
      case .standard: "default"
      case .index(let index): "index \(index)"
      case .rgb(let red, let green, let blue): "rgb(\(red),\(green),\(blue))"
      }
    }
  }

  /// One cell on the model's screen.
  public struct ShownCell: Equatable, Sendable, CustomStringConvertible {
    public var glyph: Unicode.Scalar = " "
    public var foreground = Color.standard
    public var background = Color.standard
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false

    public init(
      glyph: Unicode.Scalar = " ", foreground: Color = .standard, background: Color = .standard, bold: Bool = false,
      dim: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
      self.glyph = glyph
      self.foreground = foreground
      self.background = background
      self.bold = bold
      self.dim = dim
      self.underline = underline
      self.reverse = reverse
    }

    public var description: String {
      "'\(glyph)' fg \(foreground) bg \(background)"
        + (bold ? " bold" : "") + (dim ? " dim" : "") + (underline ? " underline" : "")
        + (reverse ? " reverse" : "")
    }
  }

  public let width: Int
  public let height: Int
  public private(set) var cells: [ShownCell]
  private var pen = ShownCell()
  private var row = 0
  private var column = 0
  private var wrapPending = false
  /// Sequences or bytes the model does not know.
  public private(set) var unexpected: [String] = []
  /// How many times a glyph went past the last column to the next row.
  public private(set) var wraps = 0

  /// A screen of blanks; `garbage` fills it with `#` instead, as a screen not yet cleared.
  public init(width: Int, height: Int, garbage: Bool = false) {
    self.width = width
    self.height = height
    cells = Array(repeating: ShownCell(glyph: garbage ? "#" : " "), count: width * height)
  }

  public subscript(x: Int, y: Int) -> ShownCell { cells[y * width + x] }

  /// Reads `bytes` as a terminal would.
  public mutating func read(_ bytes: [UInt8]) {
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x1B {
        index = readEscape(bytes, from: index)
      } else if byte < 0x20 || byte == 0x7F {
        unexpected.append("control byte \(byte)")
        index += 1
      } else {
        let (scalar, length) = Self.decodeUTF8(bytes, at: index)
        if let scalar { put(scalar) } else { unexpected.append("invalid UTF-8 at \(index)") }
        index += length
      }
    }
  }

  private mutating func put(_ scalar: Unicode.Scalar) {
    if wrapPending {
      wraps += 1
      column = 0
      row = min(height - 1, row + 1)
      wrapPending = false
    }
    var cell = pen
    cell.glyph = scalar
    cells[row * width + column] = cell
    if column == width - 1 { wrapPending = true } else { column += 1 }
  }

  /// Reads the escape sequence at `start`; returns the index after it.
  private mutating func readEscape(_ bytes: [UInt8], from start: Int) -> Int {
    guard start + 1 < bytes.count, bytes[start + 1] == UInt8(ascii: "[") else {
      unexpected.append("ESC not followed by [")
      return start + 1
    }
    var index = start + 2
    var text = ""
    while index < bytes.count, (0x30...0x3F).contains(bytes[index]) {
      text.unicodeScalars.append(Unicode.Scalar(bytes[index]))
      index += 1
    }
    guard index < bytes.count else {
      unexpected.append("unfinished CSI")
      return index
    }
    let final = Character(Unicode.Scalar(bytes[index]))
    let parameters = text.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
    switch final {
    case "H":
      row = min(height - 1, max(1, (parameters.first ?? nil) ?? 1) - 1)
      column = min(width - 1, max(1, (parameters.count > 1 ? parameters[1] : nil) ?? 1) - 1)
      wrapPending = false
    case "C":
      column = min(width - 1, column + max(1, (parameters.first ?? nil) ?? 1))
      wrapPending = false
    case "J" where text == "2":
      var blank = ShownCell()
      blank.background = pen.background
      cells = Array(repeating: blank, count: width * height)
    case "m":
      applySGR(text.isEmpty ? [0] : parameters.map { $0 ?? 0 })
    default:
      unexpected.append("CSI \(text)\(final)")
    }
    return index + 1
  }

  private mutating func applySGR(_ parameters: [Int]) {
    var index = 0
    while index < parameters.count {
      let value = parameters[index]
      index += 1
      switch value {
      case 0: pen = ShownCell()
      case 1: pen.bold = true
      case 2: pen.dim = true
      case 4: pen.underline = true
      case 7: pen.reverse = true
      case 22:
        pen.bold = false
        pen.dim = false
      case 24: pen.underline = false
      case 27: pen.reverse = false
      case 30...37: pen.foreground = .index(value - 30)
      case 40...47: pen.background = .index(value - 40)
      case 90...97: pen.foreground = .index(value - 90 + 8)
      case 100...107: pen.background = .index(value - 100 + 8)
      case 39: pen.foreground = .standard
      case 49: pen.background = .standard
      case 38, 48:
        var color = Color.standard
        if index + 1 < parameters.count, parameters[index] == 5 {
          color = .index(parameters[index + 1])
          index += 2
        } else if index + 3 < parameters.count, parameters[index] == 2 {
          color = .rgb(parameters[index + 1], parameters[index + 2], parameters[index + 3])
          index += 4
        } else {
          unexpected.append("SGR \(value) without a colour")
        }
        if value == 38 { pen.foreground = color } else { pen.background = color }
      default:
        unexpected.append("SGR \(value)")
      }
    }
  }

  /// The scalar encoded at `index` and its length in bytes; nil when the bytes are not UTF-8.
  private static func decodeUTF8(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar?, Int) {
    let lead = bytes[index]
    let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
    guard length > 0, index + length <= bytes.count else { return (nil, 1) }
    var value = UInt32(length == 1 ? lead : lead & (0xFF >> (length + 1)))
    for offset in 1..<length {
      let next = bytes[index + offset]
      guard next >> 6 == 0b10 else { return (nil, 1) }
      value = value << 6 | UInt32(next & 0x3F)
    }
    return (Unicode.Scalar(value), length)
  }
}
