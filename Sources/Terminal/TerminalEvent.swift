// What the terminal reports: keys, mouse presses, the wheel and size changes.

/// One input event read from the terminal.
public enum TerminalEvent: Sendable, Hashable {
  /// A key press.
  case key(Key)
  /// A mouse button went down over the cell at `column`, `row` (0-based, from the top left).
  case mousePress(column: Int, row: Int, button: MouseButton)
  /// The wheel turned over the cell at `column`, `row`.
  case wheel(WheelDirection, column: Int, row: Int)
  /// The terminal now has `width` columns and `height` rows; render a frame of that size.
  /// The next `draw` repaints the whole screen.
  case resize(width: Int, height: Int)

  /// A key, decoded from a typed character or an ncurses key code.
  public enum Key: Sendable, Hashable {
    /// A printable character (any Unicode scalar from U+0020 up, except DEL).
    case character(Unicode.Scalar)
    /// Ctrl held with a letter, given as the lowercase letter: Ctrl-L is `.control("l")`.
    /// Ctrl-H, Ctrl-I, Ctrl-J and Ctrl-M arrive as Backspace, Tab and Enter; Ctrl-C, Ctrl-Z
    /// and Ctrl-\ are signals, not keys.
    case control(Unicode.Scalar)
    /// An arrow key.
    case up, down, left, right
    /// A navigation key (ncurses KEY_HOME, KEY_END, KEY_PPAGE, KEY_NPAGE, KEY_IC, KEY_DC).
    case home, end, pageUp, pageDown, insert, delete
    /// Enter (CR, LF or KEY_ENTER), Escape (alone, after a 25 ms wait for a sequence),
    /// Backspace (DEL, BS or KEY_BACKSPACE), Tab, and Shift-Tab (KEY_BTAB).
    case enter, escape, backspace, tab, backTab
    /// Function key F`n`, 1 ≤ n ≤ 63 (terminals send F13 and up for shifted F1–F12).
    case function(Int)
  }

  /// A mouse button.
  public enum MouseButton: Sendable, Hashable {
    /// Buttons 1, 2 and 3.
    case left, middle, right
  }

  /// Which way the wheel turned.
  public enum WheelDirection: Sendable, Hashable {
    /// Away from the user (button 4) or towards (button 5).
    case up, down
  }
}
