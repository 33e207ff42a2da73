// An independent reader of ANSI SGR text: replays escapes to recover every printed cell.

import ScoreView

/// One printed scalar with the pen state the escapes before it left.
struct ReplayedCell: Equatable {
  var glyph: Unicode.Scalar
  var foreground: QuantizedColor
  var background: QuantizedColor
  var attributes: CellAttributes
}

/// Splits `text` at "\n" and replays each line's SGR escapes from the default state, as a
/// terminal would (ECMA-48 SGR: 0, 1, 2, 4, 7, 22, 24, 27, 30–39, 40–49, 90–97, 100–107,
/// 38/48;5;n and 38/48;2;r;g;b). Returns nil on any escape it does not understand.
func replaySGR(_ text: String) -> [[ReplayedCell]]? {
  var rows: [[ReplayedCell]] = []
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    var row: [ReplayedCell] = []
    var pen = ReplayedCell(
      glyph: " ", foreground: .terminalDefault, background: .terminalDefault, attributes: [])
    let scalars = Array(line.unicodeScalars)
    var index = 0
    while index < scalars.count {
      if scalars[index] == "\u{1B}" {
        guard index + 1 < scalars.count, scalars[index + 1] == "[" else { return nil }
        var end = index + 2
        while end < scalars.count, scalars[end] != "m" { end += 1 }
        guard end < scalars.count else { return nil }
        var parameterText = String.UnicodeScalarView()
        parameterText.append(contentsOf: scalars[(index + 2)..<end])
        let numbers = String(parameterText).split(separator: ";", omittingEmptySubsequences: false)
          .map { Int($0) }
        guard !numbers.contains(nil) else { return nil }
        var codes = numbers.compactMap { $0 }
        if codes.isEmpty { codes = [0] }
        guard apply(codes, to: &pen) else { return nil }
        index = end + 1
      } else {
        pen.glyph = scalars[index]
        row.append(pen)
        index += 1
      }
    }
    rows.append(row)
  }
  return rows
}

private func apply(_ codes: [Int], to pen: inout ReplayedCell) -> Bool {
  var position = 0
  func extended() -> QuantizedColor? {
    guard position + 1 < codes.count else { return nil }
    if codes[position + 1] == 5, position + 2 < codes.count {
      defer { position += 2 }
      return .palette(UInt8(codes[position + 2]))
    }
    if codes[position + 1] == 2, position + 4 < codes.count {
      defer { position += 4 }
      return .rgb(
        RGB(UInt8(codes[position + 2]), UInt8(codes[position + 3]), UInt8(codes[position + 4])))
    }
    return nil
  }
  while position < codes.count {
    let code = codes[position]
    switch code {
    case 0:
      pen.foreground = .terminalDefault
      pen.background = .terminalDefault
      pen.attributes = []
    case 1: pen.attributes.insert(.bold)
    case 2: pen.attributes.insert(.dim)
    case 4: pen.attributes.insert(.underline)
    case 7: pen.attributes.insert(.reverse)
    case 22: pen.attributes.subtract([.bold, .dim])
    case 24: pen.attributes.remove(.underline)
    case 27: pen.attributes.remove(.reverse)
    case 30...37: pen.foreground = .palette(UInt8(code - 30))
    case 90...97: pen.foreground = .palette(UInt8(code - 90 + 8))
    case 40...47: pen.background = .palette(UInt8(code - 40))
    case 100...107: pen.background = .palette(UInt8(code - 100 + 8))
    case 39: pen.foreground = .terminalDefault
    case 49: pen.background = .terminalDefault
    case 38:
      guard let color = extended() else { return false }
      pen.foreground = color
    case 48:
      guard let color = extended() else { return false }
      pen.background = color
    default: return false
    }
    position += 1
  }
  return true
}

/// `text` with every `ESC [ … m` sequence removed.
func strippingEscapes(_ text: String) -> String {
  var result = String.UnicodeScalarView()
  var inEscape = false
  for scalar in text.unicodeScalars {
    if inEscape {
      if scalar == "m" { inEscape = false }
    } else if scalar == "\u{1B}" {
      inEscape = true
    } else {
      result.append(scalar)
    }
  }
  return String(result)
}
