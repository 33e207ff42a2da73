// A cell's style as an ANSI writer sends it, and the one SGR sequence from one style to the next.

/// A cell's colours, already quantised to the output's depth, and its attributes: what an
/// ANSI writer compares from cell to cell, so that it writes an SGR sequence only when this
/// changes (two RGB values that become the same palette index need none).
///
/// Both `Frame.ansiText(colorDepth:)` and the terminal's direct writer send styles this way.
package struct SGRStyle: Sendable, Equatable {
  package var foreground: QuantizedColor
  package var background: QuantizedColor
  package var attributes: CellAttributes

  /// The terminal's default colours, no attributes: how every line or frame starts.
  package static let plain = SGRStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: [])

  package init(foreground: QuantizedColor, background: QuantizedColor, attributes: CellAttributes) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  /// The style of `cell` at `depth`.
  package init(_ cell: Cell, depth: ColorDepth) {
    foreground = depth.quantize(cell.foreground)
    background = depth.quantize(cell.background)
    attributes = cell.attributes
  }

  /// `ESC[0m`: every attribute and colour back to the default.
  package static let reset: [UInt8] = Array("\u{1B}[0m".utf8)

  /// Appends to `bytes` the one SGR sequence that turns this style into `next`, naming only
  /// what changes.
  ///
  /// Attributes: `22` switches bold and dim off together (and whichever of them `next` keeps
  /// is switched on again), then `24` and `27` off, then bold `1`, dim `2`, underline `4`,
  /// reverse `7` on. Colours: `39` / `49` for the default; palette indices 0–7 as `30`–`37` /
  /// `40`–`47`, 8–15 as `90`–`97` / `100`–`107`, 16–255 as `38;5;n` / `48;5;n`; RGB as
  /// `38;2;r;g;b` / `48;2;r;g;b`. Nothing is appended when the styles are equal.
  package func appendTransition(to next: SGRStyle, into bytes: inout [UInt8]) {
    guard next != self else { return }
    bytes.append(contentsOf: [0x1B, UInt8(ascii: "[")])
    var first = true
    func separate() {
      if !first { bytes.append(UInt8(ascii: ";")) }
      first = false
    }
    let removed = attributes.subtracting(next.attributes)
    var added = next.attributes.subtracting(attributes)
    if !removed.isDisjoint(with: [.bold, .dim]) {
      separate()
      Self.appendDecimal(22, into: &bytes)
      added.formUnion(next.attributes.intersection([.bold, .dim]))
    }
    for change in Self.attributeSwitches where (change.isOn ? added : removed).contains(change.attribute) {
      separate()
      Self.appendDecimal(change.parameter, into: &bytes)
    }
    if next.foreground != foreground {
      separate()
      Self.appendColor(next.foreground, isBackground: false, into: &bytes)
    }
    if next.background != background {
      separate()
      Self.appendColor(next.background, isBackground: true, into: &bytes)
    }
    bytes.append(UInt8(ascii: "m"))
  }

  /// The SGR parameters that switch an attribute off (22 for bold and dim is handled apart)
  /// and on, in the order they are written.
  private static let attributeSwitches: [(attribute: CellAttributes, isOn: Bool, parameter: Int)] = [
    (.underline, false, 24), (.reverse, false, 27), (.bold, true, 1), (.dim, true, 2),
    (.underline, true, 4), (.reverse, true, 7),
  ]

  /// The SGR parameters of a foreground or background colour.
  private static func appendColor(_ color: QuantizedColor, isBackground: Bool, into bytes: inout [UInt8]) {
    let offset = isBackground ? 10 : 0
    switch color {
    case .terminalDefault:
      appendDecimal(39 + offset, into: &bytes)
    case .palette(let index) where index < 8:
      appendDecimal(30 + offset + Int(index), into: &bytes)
    case .palette(let index) where index < 16:
      appendDecimal(90 + offset + Int(index) - 8, into: &bytes)
    case .palette(let index):
      appendDecimal(38 + offset, into: &bytes)
      bytes.append(contentsOf: Array(";5;".utf8))
      appendDecimal(Int(index), into: &bytes)
    case .rgb(let rgb):
      appendDecimal(38 + offset, into: &bytes)
      bytes.append(contentsOf: Array(";2;".utf8))
      appendDecimal(Int(rgb.red), into: &bytes)
      bytes.append(UInt8(ascii: ";"))
      appendDecimal(Int(rgb.green), into: &bytes)
      bytes.append(UInt8(ascii: ";"))
      appendDecimal(Int(rgb.blue), into: &bytes)
    }
  }

  /// `value` (not negative) in decimal digits.
  package static func appendDecimal(_ value: Int, into bytes: inout [UInt8]) {
    if value >= 10 { appendDecimal(value / 10, into: &bytes) }
    bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
  }
}
