// The one seam between the terminal layer and ncurses, so the drawing and input logic can be
// exercised against a recording fake.

import ScoreView

/// Every ncurses call the terminal layer makes, one method per call it wraps.
///
/// `NcursesBackend` forwards each method to ncursesw on `stdscr`; tests substitute a fake that
/// records the calls. Only the main thread may call a backend.
package protocol CursesBackend: AnyObject {
  /// Starts curses on the standard streams with $TERM. Wraps `newterm(NULL, stdout, stdin)`.
  ///
  /// - Returns: false when the terminal type is unknown or the terminal cannot be opened.
  func newterm() -> Bool
  /// Leaves curses mode and restores the terminal's saved modes. Wraps `endwin()` (shim
  /// `nc_leave_curses`: then the default style, and the screen cleared on a terminal without
  /// an alternate screen, so no frame stays behind the shell's prompt).
  func endwin()
  /// Passes keys through without waiting for a newline; Ctrl-C still signals. Wraps `cbreak()`.
  func cbreak()
  /// Stops typed keys from echoing. Wraps `noecho()`.
  func noecho()
  /// Decodes arrow and function keys into single key codes. Wraps `keypad(stdscr, TRUE)`.
  func keypad()
  /// Sets cursor visibility: 0 invisible, 1 normal. Wraps `curs_set(visibility)`.
  func cursSet(_ visibility: Int32)
  /// Milliseconds to wait after Escape for the rest of a key sequence. Wraps `set_escdelay`.
  func setEscdelay(_ milliseconds: Int32)
  /// Whether the terminal has colours at all. Wraps `has_colors()`.
  func hasColors() -> Bool
  /// Turns colour on. Wraps `start_color()`.
  func startColor()
  /// Lets colour number −1 mean the terminal's own default. Wraps `use_default_colors()`.
  ///
  /// - Returns: false when the terminal cannot show its default colours in a pair.
  func useDefaultColors() -> Bool
  /// Colours the terminal has (terminfo `colors`). Reads `COLORS`.
  func colors() -> Int
  /// Colour pairs the terminal has, pair 0 included (terminfo `pairs`). Reads `COLOR_PAIRS`.
  func colorPairs() -> Int
  /// Defines colour pair `pair` as `foreground` on `background`. Wraps `init_extended_pair`.
  ///
  /// - Returns: false when ncurses rejects a number.
  func initExtendedPair(_ pair: Int32, foreground: Int32, background: Int32) -> Bool
  /// Forgets every colour pair definition. Wraps `reset_color_pairs()`.
  func resetColorPairs()
  /// Reports button presses and the wheel. Wraps `mousemask` with BUTTON1–3_PRESSED and
  /// BUTTON4/5_PRESSED (wheel up/down).
  ///
  /// - Returns: false when the terminal reports no mouse events.
  func mousemask() -> Bool
  /// Whether terminfo's `kmous` is the SGR report prefix (`\e[<`): ncurses then switches
  /// SGR mouse reports (mode 1006) on and decodes them itself. Wraps `tigetstr("kmous")`.
  func keyMouseIsSGR() -> Bool
  /// Writes a control sequence straight to the terminal (shim `nc_write_control`). Curses
  /// sends its own output at each refresh, so call this after a refresh, not between puts.
  func writeControl(_ sequence: String)
  /// Writes bytes straight to the terminal (shim `nc_write_bytes`), as `writeControl` does:
  /// after a refresh, so they follow what curses sent.
  func writeBytes(_ bytes: [UInt8])
  /// Whether `glyph` takes exactly one column on the terminal in the current locale. Wraps
  /// `wcwidth` (false for control characters, wide glyphs and, outside a UTF-8 locale, any
  /// glyph that is not ASCII).
  func isSingleColumn(_ glyph: Unicode.Scalar) -> Bool
  /// Milliseconds within which a press and release make a click; 0 reports presses at once.
  /// Wraps `mouseinterval`.
  func mouseinterval(_ milliseconds: Int32)
  /// Screen rows. Wraps `getmaxy(stdscr)`.
  func getmaxy() -> Int
  /// Screen columns. Wraps `getmaxx(stdscr)`.
  func getmaxx() -> Int
  /// Blanks the screen and makes the next refresh repaint it from scratch. Wraps `wclear(stdscr)`.
  func clear()
  /// Writes one glyph at row `y`, column `x`. Wraps `setcchar` + `mvwadd_wch` (shim `nc_put`).
  ///
  /// A glyph that is not exactly one column wide (control characters, wide CJK) is written
  /// as '?' so the row's layout cannot shift.
  func put(y: Int, x: Int, glyph: Unicode.Scalar, attributes: CellAttributes, pair: Int32)
  /// Sends every change since the last refresh to the terminal. Wraps `wrefresh(stdscr)`.
  func refresh()
  /// Sets how long a read waits: negative blocks, 0 polls. Wraps `wtimeout(stdscr, ms)`.
  func wtimeout(_ milliseconds: Int32)
  /// Reads one character or key code. Wraps `wget_wch(stdscr, &value)`.
  ///
  /// - Returns: ncurses' status (`OK` for a character, `KEY_CODE_YES` for a key code, `ERR`
  ///   on timeout) and the value read.
  func getWideChar() -> (status: Int32, value: UInt32)
  /// The mouse event behind the last `KEY_MOUSE`. Wraps `getmouse`.
  ///
  /// - Returns: column, row and the `bstate` button mask, nil when there is none.
  func getmouse() -> (x: Int, y: Int, buttonState: UInt32)?
}
