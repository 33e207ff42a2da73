// Reading and decoding input: wide characters, ncurses key codes, mouse reports, resizes.

import CNcursesw

extension Screen {
  /// Waits up to `timeoutMilliseconds` for input and decodes it.
  ///
  /// Reads with `wget_wch`, so any Unicode character arrives whole. `KEY_RESIZE` gives the new
  /// size and makes the next `draw` a full repaint.
  ///
  /// - Parameter timeoutMilliseconds: 0 polls; negative waits until input arrives.
  /// - Returns: nil when nothing arrived in time, or the input is not something reported
  ///   (a button release, a key with no name here, a stray control character).
  package func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
    backend.wtimeout(Int32(clamping: timeoutMilliseconds))
    let input = backend.getWideChar()
    switch input.status {
    case KEY_CODE_YES: return keyCodeEvent(Int32(bitPattern: input.value))
    case OK: return characterEvent(input.value)
    default: return nil
    }
  }

  private func characterEvent(_ value: UInt32) -> TerminalEvent? {
    switch value {
    case 27: return .key(.escape)
    case 10, 13: return .key(.enter)
    case 9: return .key(.tab)
    case 8, 127: return .key(.backspace)
    case 1...26: return Unicode.Scalar(value + 96).map { .key(.control($0)) }
    case 0..<32: return nil
    default: return Unicode.Scalar(value).map { .key(.character($0)) }
    }
  }

  private func keyCodeEvent(_ code: Int32) -> TerminalEvent? {
    switch code {
    case KEY_RESIZE:
      forceFullRepaint()
      return .resize(width: backend.getmaxx(), height: backend.getmaxy())
    case KEY_MOUSE: return mouseEvent()
    case KEY_UP: return .key(.up)
    case KEY_DOWN: return .key(.down)
    case KEY_LEFT: return .key(.left)
    case KEY_RIGHT: return .key(.right)
    case KEY_HOME: return .key(.home)
    case KEY_END: return .key(.end)
    case KEY_PPAGE: return .key(.pageUp)
    case KEY_NPAGE: return .key(.pageDown)
    case KEY_IC: return .key(.insert)
    case KEY_DC: return .key(.delete)
    case KEY_ENTER: return .key(.enter)
    case KEY_BACKSPACE: return .key(.backspace)
    case KEY_BTAB: return .key(.backTab)
    case (KEY_F0 + 1)...(KEY_F0 + 63): return .key(.function(Int(code - KEY_F0)))
    default: return nil
    }
  }

  private func mouseEvent() -> TerminalEvent? {
    guard let report = backend.getmouse() else { return nil }
    let state = report.buttonState
    if state & UInt32(nc_BUTTON1_PRESSED()) != 0 {
      return .mousePress(column: report.x, row: report.y, button: .left)
    }
    if state & UInt32(nc_BUTTON2_PRESSED()) != 0 {
      return .mousePress(column: report.x, row: report.y, button: .middle)
    }
    if state & UInt32(nc_BUTTON3_PRESSED()) != 0 {
      return .mousePress(column: report.x, row: report.y, button: .right)
    }
    if state & UInt32(nc_BUTTON4_PRESSED()) != 0 {
      return .wheel(.up, column: report.x, row: report.y)
    }
    if state & UInt32(nc_BUTTON5_PRESSED()) != 0 {
      return .wheel(.down, column: report.x, row: report.y)
    }
    return nil
  }
}
