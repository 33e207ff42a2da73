// A `CursesBackend` that records every call and answers from scripted values.

import ScoreView
import Terminal

/// Records the calls the terminal layer makes; its answers (size, colours, input) are set
/// by the test.
final class RecordingBackend: CursesBackend {
  /// One recorded call, with the arguments that matter.
  enum Call: Equatable, CustomStringConvertible {
    case newterm, endwin, cbreak, noecho, keypad
    case cursSet(Int32)
    case setEscdelay(Int32)
    case hasColors, startColor, useDefaultColors, colors, colorPairs
    case initExtendedPair(Int32, foreground: Int32, background: Int32)
    case resetColorPairs
    case mousemask
    case keyMouseIsSGR
    case writeControl(String)
    case writeBytes([UInt8])
    case mouseinterval(Int32)
    case clear
    case put(y: Int, x: Int, glyph: Unicode.Scalar, attributes: CellAttributes, pair: Int32)
    case refresh
    case wtimeout(Int32)
    case getWideChar, getmouse

    var description: String {
      switch self {
      case .put(let y, let x, let glyph, let attributes, let pair):
        return "put(\(y),\(x),'\(glyph)',attr \(attributes.rawValue),pair \(pair))"
      case .initExtendedPair(let pair, let foreground, let background):
        return "initExtendedPair(\(pair), \(foreground), \(background))"
      case .writeBytes(let bytes):
        return "writeBytes(\(String(decoding: bytes, as: UTF8.self).debugDescription))"
      default:
        return "\(self)"
      }
    }
  }

  var calls: [Call] = []
  var rows: Int
  var columns: Int
  var colorCount: Int
  var pairCount: Int
  var opens = true
  var hasColorSupport = true
  var defaultColorsWork = true
  var rejectedPairs: Set<Int32> = []
  /// Answers for `getWideChar`, first to last; empty means a timeout (ERR = −1).
  var input: ArraySlice<(status: Int32, value: UInt32)> = []
  var mouseReport: (x: Int, y: Int, buttonState: UInt32)?
  /// The answer of `keyMouseIsSGR`: whether terminfo's kmous is `\e[<`.
  var mouseKeyIsSGR = false
  /// The glyphs `isSingleColumn` calls wide (two columns), besides the control characters.
  var wideGlyphs: Set<Unicode.Scalar> = ["界"]

  init(rows: Int = 4, columns: Int = 6, colorCount: Int = 256, pairCount: Int = 65_536) {
    self.rows = rows
    self.columns = columns
    self.colorCount = colorCount
    self.pairCount = pairCount
  }

  /// The recorded puts, in order.
  var puts: [Call] {
    calls.filter { if case .put = $0 { true } else { false } }
  }

  /// The recorded pair definitions, in order.
  var pairDefinitions: [Call] {
    calls.filter { if case .initExtendedPair = $0 { true } else { false } }
  }

  func newterm() -> Bool {
    calls.append(.newterm)
    return opens
  }
  func endwin() { calls.append(.endwin) }
  func cbreak() { calls.append(.cbreak) }
  func noecho() { calls.append(.noecho) }
  func keypad() { calls.append(.keypad) }
  func cursSet(_ visibility: Int32) { calls.append(.cursSet(visibility)) }
  func setEscdelay(_ milliseconds: Int32) { calls.append(.setEscdelay(milliseconds)) }
  func hasColors() -> Bool {
    calls.append(.hasColors)
    return hasColorSupport
  }
  func startColor() { calls.append(.startColor) }
  func useDefaultColors() -> Bool {
    calls.append(.useDefaultColors)
    return defaultColorsWork
  }
  func colors() -> Int {
    calls.append(.colors)
    return colorCount
  }
  func colorPairs() -> Int {
    calls.append(.colorPairs)
    return pairCount
  }
  func initExtendedPair(_ pair: Int32, foreground: Int32, background: Int32) -> Bool {
    calls.append(.initExtendedPair(pair, foreground: foreground, background: background))
    return !rejectedPairs.contains(pair)
  }
  func resetColorPairs() { calls.append(.resetColorPairs) }
  func mousemask() -> Bool {
    calls.append(.mousemask)
    return true
  }
  func keyMouseIsSGR() -> Bool {
    calls.append(.keyMouseIsSGR)
    return mouseKeyIsSGR
  }
  func writeControl(_ sequence: String) { calls.append(.writeControl(sequence)) }
  func writeBytes(_ bytes: [UInt8]) { calls.append(.writeBytes(bytes)) }
  func isSingleColumn(_ glyph: Unicode.Scalar) -> Bool {
    glyph.value >= 0x20 && !(0x7F..<0xA0).contains(glyph.value) && !wideGlyphs.contains(glyph)
  }
  func mouseinterval(_ milliseconds: Int32) { calls.append(.mouseinterval(milliseconds)) }
  func getmaxy() -> Int { rows }
  func getmaxx() -> Int { columns }
  func clear() { calls.append(.clear) }
  func put(y: Int, x: Int, glyph: Unicode.Scalar, attributes: CellAttributes, pair: Int32) {
    calls.append(.put(y: y, x: x, glyph: glyph, attributes: attributes, pair: pair))
  }
  func refresh() { calls.append(.refresh) }
  func wtimeout(_ milliseconds: Int32) { calls.append(.wtimeout(milliseconds)) }
  func getWideChar() -> (status: Int32, value: UInt32) {
    calls.append(.getWideChar)
    return input.isEmpty ? (-1, 0) : input.removeFirst()
  }
  func getmouse() -> (x: Int, y: Int, buttonState: UInt32)? {
    calls.append(.getmouse)
    return mouseReport
  }
}

/// A screen over a fresh recording backend, with the set-up calls already cleared away.
func makeScreen(
  rows: Int = 4, columns: Int = 6, colorCount: Int = 256, pairCount: Int = 65_536,
  configuration: Screen<RecordingBackend>.Configuration = .init()
) throws -> (Screen<RecordingBackend>, RecordingBackend) {
  let backend = RecordingBackend(
    rows: rows, columns: columns, colorCount: colorCount, pairCount: pairCount)
  let screen = try Screen(backend: backend, configuration: configuration, terminalName: "test")
  backend.calls.removeAll()
  return (screen, backend)
}
