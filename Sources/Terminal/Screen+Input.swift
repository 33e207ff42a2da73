// Reading and decoding input: wide characters, ncurses key codes, mouse reports, resizes, and
// the escape sequences ncurses leaves undecoded (SGR mouse reports, pastes, unknown ones).

import CNcursesw

extension Screen {
  /// One `wget_wch` result: ncurses' status and the character or key code.
  private typealias Input = (status: Int32, value: UInt32)

  /// How an escape sequence ended: read whole (with its event, if it means one), or cut
  /// short by an input that is not part of it and must be decoded on its own.
  private enum SequenceEnd {
    case finished(TerminalEvent?)
    case interrupted(by: Input)
  }

  /// Milliseconds a paste may pause before the rest of the input counts as typed again.
  package static var pastePauseMilliseconds: Int32 { 250 }

  /// Waits up to `timeoutMilliseconds` for input and decodes it.
  ///
  /// Reads with `wget_wch`, so any Unicode character arrives whole. `KEY_RESIZE` gives the new
  /// size and makes the next `draw` a full repaint. An escape sequence ncurses did not turn
  /// into a key code is read whole, each further byte waiting at most the escape delay, and
  /// none of its bytes ever counts as a key:
  /// - CSI (`ESC [` parameters, intermediates, final byte): an SGR mouse report
  ///   (`ESC [ < b ; x ; y M`, press, or `m`, release) gives its event; anything else nothing;
  /// - a bracketed paste (`ESC [ 200 ~` … `ESC [ 201 ~`) is dropped whole;
  /// - SS3 (`ESC O` and one byte), and Alt with a key (`ESC` and one character): nothing;
  /// - OSC, DCS, SOS, PM and APC strings (`ESC ]`, `P`, `X`, `^`, `_`, up to BEL or ST):
  ///   nothing.
  /// An input that cannot belong to the sequence (a key code, another ESC, a control
  /// character) ends it and is decoded as itself. A lone ESC is `.escape`.
  ///
  /// - Parameter timeoutMilliseconds: 0 polls; negative waits until input arrives.
  /// - Returns: nil when nothing arrived in time, or the input is not something reported
  ///   (a button release, a key with no name here, a stray control character, a sequence).
  package func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
    backend.wtimeout(Int32(clamping: timeoutMilliseconds))
    var input: Input = backend.getWideChar()
    while true {
      switch input.status {
      case KEY_CODE_YES:
        return keyCodeEvent(Int32(bitPattern: input.value))
      case OK where input.value == 27:
        switch readEscapeSequence() {
        case .finished(let event): return event
        case .interrupted(let next): input = next
        }
      case OK:
        return characterEvent(input.value)
      default:
        return nil
      }
    }
  }

  /// The next input of a sequence, waiting at most `timeoutMilliseconds`; nil if none came.
  private func readContinuation(timeoutMilliseconds: Int32 = escapeDelayMilliseconds) -> Input? {
    backend.wtimeout(timeoutMilliseconds)
    let input = backend.getWideChar()
    return input.status == OK || input.status == KEY_CODE_YES ? input : nil
  }

  /// Reads what follows an ESC.
  private func readEscapeSequence() -> SequenceEnd {
    guard let next = readContinuation() else { return .finished(.key(.escape)) }
    guard next.status == OK else { return .interrupted(by: next) }
    switch next.value {
    case 0x5B:  // [
      return readControlSequence()
    case 0x4F:  // O
      guard let final = readContinuation() else { return .finished(nil) }
      let isFinal = final.status == OK && (0x20..<0x7F).contains(final.value)
      return isFinal ? .finished(nil) : .interrupted(by: final)
    case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // ] P X ^ _
      return readStringSequence()
    case 0..<0x20, 0x7F:
      return .interrupted(by: next)
    default:
      return .finished(nil)
    }
  }

  /// Reads a CSI sequence after `ESC [`: parameter and intermediate bytes up to a final byte.
  private func readControlSequence() -> SequenceEnd {
    let longest = 32
    var parameters: [UInt8] = []
    var isTooLong = false
    while let input = readContinuation() {
      guard input.status == OK, (0x20..<0x7F).contains(input.value) else {
        return .interrupted(by: input)
      }
      let byte = UInt8(input.value)
      guard byte >= 0x40 else {
        if parameters.count < longest { parameters.append(byte) } else { isTooLong = true }
        continue
      }
      guard !isTooLong else { return .finished(nil) }
      if byte == UInt8(ascii: "~"), parameters == Array("200".utf8) { return readPaste() }
      let isMouse = parameters.first == UInt8(ascii: "<")
      guard isMouse, byte == UInt8(ascii: "M") || byte == UInt8(ascii: "m") else {
        return .finished(nil)
      }
      return .finished(
        byte == UInt8(ascii: "M") ? Self.sgrMousePress(parameters: parameters.dropFirst()) : nil)
    }
    return .finished(nil)
  }

  /// Reads and drops a bracketed paste up to its end, `ESC [ 201 ~`, or a pause in the input.
  private func readPaste() -> SequenceEnd {
    let end: [UInt32] = [27, 0x5B, 0x32, 0x30, 0x31, 0x7E]
    var matched = 0
    while let input = readContinuation(timeoutMilliseconds: Self.pastePauseMilliseconds) {
      if input.status == OK, input.value == end[matched] {
        matched += 1
        if matched == end.count { return .finished(nil) }
      } else {
        matched = input.status == OK && input.value == 27 ? 1 : 0
      }
    }
    return .finished(nil)
  }

  /// Reads an OSC, DCS, SOS, PM or APC string up to BEL or ST (`ESC \` or U+009C). An ESC
  /// ends it and is decoded again, so the `\` of ST or a new sequence is read from there.
  private func readStringSequence() -> SequenceEnd {
    while let input = readContinuation() {
      guard input.status == OK else { continue }
      switch input.value {
      case 7, 0x9C: return .finished(nil)
      case 27: return .interrupted(by: input)
      default: continue
      }
    }
    return .finished(nil)
  }

  /// The event of an SGR mouse press, `b;x;y` after `ESC [ <` with the final `M`: buttons 1–3
  /// (b & 3 = 0, 1, 2) and the wheel (b & 64, then 0 up, 1 down) at column x − 1, row y − 1.
  /// Shift, Alt and Ctrl (b & 28) are ignored; motion (b & 32), buttons 8–11 (b & 128),
  /// horizontal wheel and malformed reports give nil.
  private static func sgrMousePress(parameters: ArraySlice<UInt8>) -> TerminalEvent? {
    let fields = parameters.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
    guard fields.count == 3 else { return nil }
    var numbers: [Int] = []
    for field in fields {
      guard (1...9).contains(field.count), field.allSatisfy({ (0x30...0x39).contains($0) }) else {
        return nil
      }
      numbers.append(field.reduce(0) { $0 * 10 + Int($1 - 0x30) })
    }
    let (code, column, row) = (numbers[0], numbers[1] - 1, numbers[2] - 1)
    guard column >= 0, row >= 0, code & (32 | 128) == 0 else { return nil }
    switch (code & 64 != 0, code & 3) {
    case (false, 0): return .mousePress(column: column, row: row, button: .left)
    case (false, 1): return .mousePress(column: column, row: row, button: .middle)
    case (false, 2): return .mousePress(column: column, row: row, button: .right)
    case (true, 0): return .wheel(.up, column: column, row: row)
    case (true, 1): return .wheel(.down, column: column, row: row)
    default: return nil
    }
  }

  private func characterEvent(_ value: UInt32) -> TerminalEvent? {
    switch value {
    case 10, 13: return .key(.enter)
    case 9: return .key(.tab)
    case 8, 127: return .key(.backspace)
    case 1...26: return Unicode.Scalar(value + 96).map { .key(.control($0)) }
    case 0..<32, 0x80..<0xA0: return nil
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
