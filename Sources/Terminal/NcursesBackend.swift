// The real `CursesBackend`: each method forwards to ncursesw on the standard screen.

import CNcursesw
import ScoreView

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `CursesBackend` over ncursesw's `stdscr`; see the protocol for what each method wraps.
package final class NcursesBackend: CursesBackend {
  private var window: UnsafeMutablePointer<WINDOW>?
  private let bold = nc_A_BOLD()
  private let dim = nc_A_DIM()
  private let underline = nc_A_UNDERLINE()
  private let reverse = nc_A_REVERSE()

  package init() {}

  package func newterm() -> Bool {
    guard nc_newterm() != nil, let screen = nc_stdscr() else { return false }
    window = screen
    ProcessGuards.prepareLeavingClear()
    return true
  }

  package func endwin() { ProcessGuards.leaveCurses() }

  package func cbreak() { _ = CNcursesw.cbreak() }
  package func noecho() { _ = CNcursesw.noecho() }
  package func keypad() { _ = CNcursesw.keypad(window, true) }
  package func cursSet(_ visibility: Int32) { _ = curs_set(visibility) }
  package func setEscdelay(_ milliseconds: Int32) { _ = set_escdelay(milliseconds) }
  package func hasColors() -> Bool { has_colors() }
  package func startColor() { _ = start_color() }
  package func useDefaultColors() -> Bool { use_default_colors() == OK }
  package func colors() -> Int { Int(nc_colors()) }
  package func colorPairs() -> Int { Int(nc_color_pairs()) }

  package func initExtendedPair(_ pair: Int32, foreground: Int32, background: Int32) -> Bool {
    init_extended_pair(pair, foreground, background) == OK
  }

  package func resetColorPairs() { reset_color_pairs() }

  package func mousemask() -> Bool {
    let events =
      nc_BUTTON1_PRESSED() | nc_BUTTON2_PRESSED() | nc_BUTTON3_PRESSED() | nc_BUTTON4_PRESSED()
      | nc_BUTTON5_PRESSED()
    return CNcursesw.mousemask(events, nil) != 0
  }

  package func keyMouseIsSGR() -> Bool { nc_key_mouse_is_sgr() }
  package func writeControl(_ sequence: String) { nc_write_control(sequence) }

  package func writeBytes(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { nc_write_bytes($0.baseAddress, $0.count) }
  }

  package func isSingleColumn(_ glyph: Unicode.Scalar) -> Bool {
    nc_wcwidth(wchar_t(bitPattern: glyph.value)) == 1
  }

  package func mouseinterval(_ milliseconds: Int32) { _ = CNcursesw.mouseinterval(milliseconds) }
  package func getmaxy() -> Int { Int(CNcursesw.getmaxy(window)) }
  package func getmaxx() -> Int { Int(CNcursesw.getmaxx(window)) }
  package func clear() { _ = wclear(window) }

  package func put(y: Int, x: Int, glyph: Unicode.Scalar, attributes: CellAttributes, pair: Int32) {
    var character = wchar_t(bitPattern: glyph.value)
    if nc_wcwidth(character) != 1 { character = wchar_t(UInt8(ascii: "?")) }
    var attributeBits = attr_t(0)
    if !attributes.isEmpty {
      if attributes.contains(.bold) { attributeBits |= bold }
      if attributes.contains(.dim) { attributeBits |= dim }
      if attributes.contains(.underline) { attributeBits |= underline }
      if attributes.contains(.reverse) { attributeBits |= reverse }
    }
    _ = nc_put(window, Int32(y), Int32(x), character, attributeBits, pair)
  }

  package func refresh() { _ = wrefresh(window) }
  package func wtimeout(_ milliseconds: Int32) { CNcursesw.wtimeout(window, milliseconds) }

  package func getWideChar() -> (status: Int32, value: UInt32) {
    var value: wint_t = 0
    let status = wget_wch(window, &value)
    return (status, UInt32(value))
  }

  package func getmouse() -> (x: Int, y: Int, buttonState: UInt32)? {
    var event = MEVENT()
    guard CNcursesw.getmouse(&event) == OK else { return nil }
    return (Int(event.x), Int(event.y), UInt32(event.bstate))
  }
}
