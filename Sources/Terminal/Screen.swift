// Set-up, colour pairs and frame drawing over a `CursesBackend`: the logic tests run on a fake.

import ScoreView

/// A curses screen that shows `Frame`s, sending only the cells that changed.
///
/// Drawing: the last frame shown is kept. The next `draw` puts only cells that differ from
/// it, then refreshes once. A full repaint (first frame, frame or screen size changed, after
/// a resize event or `forceFullRepaint`) clears and puts every cell that is not blank
/// (clearing already made the rest blank). Colour pairs stay defined across draws. When the
/// pair table fills up, every pair is forgotten (`reset_color_pairs`) and the frame is
/// repainted in full with a fresh table, so a pair on screen is never redefined; if one
/// frame alone needs more pairs than the terminal has, the cells beyond that use the
/// terminal's default colours. Cells outside the screen are clipped.
///
/// Depths ncurses cannot draw through colour pairs — true colour, or a depth forced beyond
/// the terminfo entry's colours — are drawn by a `DirectColorWriter` instead: the same runs
/// of the same diff become cursor moves, SGR sequences and glyphs written straight to the
/// terminal after ncurses' refresh. ncurses then never draws a cell (its screen stays blank,
/// so it has nothing to send), and keeps only the modes, input, alternate screen and resizes.
///
/// Input modes: when ncurses reports the mouse in the old X10 form (terminfo `kmous` is
/// `\e[M`, as for tmux-256color), the screen also asks for SGR reports (mode 1006), which
/// reach past column 223 and which `nextEvent` decodes; bracketed paste (mode 2004) is always
/// asked for, so that a paste is recognised and dropped instead of acting as keys. Both are
/// switched off again when the screen ends or is suspended.
package final class Screen<Backend: CursesBackend> {
  /// Choices made when the screen starts.
  package struct Configuration: Sendable {
    /// A depth the user asked for, nil to detect.
    package var forcedDepth: ColorDepth?
    /// The value of `NO_COLOR`, nil when unset.
    package var noColor: String?
    /// Whether to report mouse presses and the wheel.
    package var mouse: Bool
    /// The value of `COLORTERM`, nil when unset: `truecolor` or `24bit` asks for 24-bit colour.
    package var colorTerm: String?

    package init(
      forcedDepth: ColorDepth? = nil, noColor: String? = nil, mouse: Bool = true, colorTerm: String? = nil
    ) {
      self.forcedDepth = forcedDepth
      self.noColor = noColor
      self.mouse = mouse
      self.colorTerm = colorTerm
    }
  }

  /// Milliseconds to wait for the rest of an escape sequence before reporting Escape.
  package static var escapeDelayMilliseconds: Int32 { 25 }

  /// Switches SGR mouse reports (mode 1006) on and off.
  package static var sgrMouseOn: String { "\u{1b}[?1006h" }
  package static var sgrMouseOff: String { "\u{1b}[?1006l" }
  /// Switches bracketed paste (mode 2004) on and off.
  package static var bracketedPasteOn: String { "\u{1b}[?2004h" }
  package static var bracketedPasteOff: String { "\u{1b}[?2004l" }

  package let backend: Backend
  /// The colour depth cells are quantised to.
  package let depth: ColorDepth
  private let defaultForeground: Int32
  private let defaultBackground: Int32
  private var pairs: ColorPairTable
  /// The writer of the cells when ncurses cannot show `depth`; nil when ncurses draws.
  private var directWriter: DirectColorWriter?
  private var shown: Frame?
  private var shownWidth = 0
  private var shownHeight = 0
  private var needsFullRepaint = true
  private var isRunning = true
  private var reportsMouse = false
  private var asksForSGRMouse = false

  /// Starts curses through `backend`: cbreak, no echo, keypad, hidden cursor, short escape
  /// delay, colours unless the resolved depth is `.monochrome`, and the mouse if asked.
  ///
  /// - Throws: `TerminalError.cannotOpenTerminal` when `newterm` fails.
  package init(backend: Backend, configuration: Configuration, terminalName: String) throws {
    self.backend = backend
    guard backend.newterm() else { throw TerminalError.cannotOpenTerminal(terminalName) }
    backend.cbreak()
    backend.noecho()
    backend.keypad()
    backend.cursSet(0)
    backend.setEscdelay(Self.escapeDelayMilliseconds)

    var depth = ColorDepth.monochrome
    var terminalDepth = ColorDepth.monochrome
    var defaultsAvailable = false
    let wantsColor =
      ColorDepth.resolve(
        terminal: .trueColor, noColor: configuration.noColor, forced: configuration.forcedDepth)
      != .monochrome
    if wantsColor {
      if backend.hasColors() {
        backend.startColor()
        defaultsAvailable = backend.useDefaultColors()
        terminalDepth = ColorDepth(colorCount: backend.colors())
      }
      depth = ColorDepth.resolve(
        terminal: terminalDepth, noColor: configuration.noColor, forced: configuration.forcedDepth,
        colorTerm: configuration.colorTerm)
    }
    self.depth = depth
    defaultForeground = defaultsAvailable ? -1 : 7
    defaultBackground = defaultsAvailable ? -1 : 0
    let ncursesDraws = depth == .monochrome || (depth != .trueColor && depth <= terminalDepth)
    pairs = ColorPairTable(colorPairs: ncursesDraws && depth != .monochrome ? backend.colorPairs() : 0)
    if !ncursesDraws {
      directWriter = DirectColorWriter(depth: depth, isSingleColumn: { [backend] in backend.isSingleColumn($0) })
    }

    if configuration.mouse, backend.mousemask() {
      backend.mouseinterval(0)
      reportsMouse = true
      asksForSGRMouse = !backend.keyMouseIsSGR()
    }
    switchInputModes(on: true)
  }

  /// Asks for (or stops) SGR mouse reports where ncurses does not, and bracketed paste.
  private func switchInputModes(on: Bool) {
    if asksForSGRMouse { backend.writeControl(on ? Self.sgrMouseOn : Self.sgrMouseOff) }
    backend.writeControl(on ? Self.bracketedPasteOn : Self.bracketedPasteOff)
  }

  /// Screen columns now.
  package var width: Int { backend.getmaxx() }
  /// Screen rows now.
  package var height: Int { backend.getmaxy() }
  /// Colour pairs defined now.
  package var pairCount: Int { pairs.count }

  /// Makes the next `draw` a full repaint.
  package func forceFullRepaint() {
    needsFullRepaint = true
  }

  /// Leaves curses mode; later calls do nothing.
  package func end() {
    guard isRunning else { return }
    isRunning = false
    switchInputModes(on: false)
    backend.endwin()
  }

  /// Leaves curses mode for a while (the process is about to stop); `resume` comes back.
  package func suspend() {
    guard isRunning else { return }
    switchInputModes(on: false)
    backend.endwin()
  }

  /// Returns to curses mode after `suspend`: modes and mouse reporting back on, and the next
  /// `draw` repaints everything.
  package func resume() {
    guard isRunning else { return }
    backend.refresh()
    if reportsMouse { _ = backend.mousemask() }
    switchInputModes(on: true)
    needsFullRepaint = true
  }

  /// Whether cells are written by the `DirectColorWriter` rather than through ncurses.
  package var drawsDirectly: Bool { directWriter != nil }

  /// Shows `frame`: the changed cells, or everything on a full repaint, then one refresh.
  package func draw(_ frame: Frame) {
    let screenWidth = backend.getmaxx()
    let screenHeight = backend.getmaxy()
    var directBytes: [UInt8] = []
    if directWriter != nil {
      directBytes = directlyWritten(frame, screenWidth: screenWidth, screenHeight: screenHeight)
    } else if needsFullRepaint || screenWidth != shownWidth || screenHeight != shownHeight {
      repaintAll(frame, screenWidth: screenWidth, screenHeight: screenHeight)
    } else if let shown, shown.width == frame.width, shown.height == frame.height {
      let complete = putCells(
        of: frame, differingFrom: shown, screenWidth: screenWidth, screenHeight: screenHeight,
        fallBack: false)
      if !complete {
        resetPairsAndRepaintAll(frame, screenWidth: screenWidth, screenHeight: screenHeight)
      }
    } else {
      repaintAll(frame, screenWidth: screenWidth, screenHeight: screenHeight)
    }
    backend.refresh()
    if !directBytes.isEmpty { backend.writeBytes(directBytes) }
    shown = frame
    shownWidth = screenWidth
    shownHeight = screenHeight
    needsFullRepaint = false
  }

  /// The bytes that show `frame` through the direct writer: the runs that differ from the
  /// frame shown, or, on a full repaint, a clear and the runs that differ from a blank
  /// frame. `draw` sends them after ncurses' refresh (whatever ncurses still has to send, a
  /// clear after a resize say, comes first).
  private func directlyWritten(_ frame: Frame, screenWidth: Int, screenHeight: Int) -> [UInt8] {
    guard var writer = directWriter else { return [] }
    directWriter = nil
    defer { directWriter = writer }
    let sameSize = screenWidth == shownWidth && screenHeight == shownHeight
    let base: Frame
    if !needsFullRepaint, sameSize, let shown, shown.width == frame.width, shown.height == frame.height {
      base = shown
      writer.beginFrame(screenWidth: screenWidth, clearing: false)
    } else {
      base = Frame(width: frame.width, height: frame.height)
      writer.beginFrame(screenWidth: screenWidth, clearing: true)
    }
    let columns = max(0, min(frame.width, screenWidth))
    let rows = max(0, min(frame.height, screenHeight))
    frame.forEachChangedRun(since: base, columns: columns, rows: rows) { y, xs in
      writer.append(row: y, columns: xs, of: frame)
      return true
    }
    writer.endFrame()
    return writer.takeBytes()
  }

  /// Clears and puts every non-blank cell of `frame` that fits; if the pair table fills up,
  /// starts again with a fresh table.
  private func repaintAll(_ frame: Frame, screenWidth: Int, screenHeight: Int) {
    if !putAll(frame, screenWidth: screenWidth, screenHeight: screenHeight, fallBack: false) {
      resetPairs()
      putAll(frame, screenWidth: screenWidth, screenHeight: screenHeight, fallBack: true)
    }
  }

  /// Forgets every pair and clears, after a partial draw ran out of pairs, then repaints.
  private func resetPairsAndRepaintAll(_ frame: Frame, screenWidth: Int, screenHeight: Int) {
    resetPairs()
    putAll(frame, screenWidth: screenWidth, screenHeight: screenHeight, fallBack: true)
  }

  private func resetPairs() {
    backend.resetColorPairs()
    pairs.removeAll()
  }

  /// Clears and puts every non-blank cell that fits: the cells that differ from a blank
  /// frame, since clearing made the screen blank.
  ///
  /// - Parameter fallBack: when the pair table is full, true shows the cell with pair 0,
  ///   false stops and returns false.
  @discardableResult
  private func putAll(_ frame: Frame, screenWidth: Int, screenHeight: Int, fallBack: Bool) -> Bool {
    backend.clear()
    return putCells(
      of: frame, differingFrom: Frame(width: frame.width, height: frame.height),
      screenWidth: screenWidth, screenHeight: screenHeight, fallBack: fallBack)
  }

  /// Puts the cells of `frame` that differ from `previous` (of the same size) and fit on the
  /// screen, run by run as `Frame.forEachChangedRun` finds them.
  ///
  /// - Parameter fallBack: when the pair table is full, true shows the cell with pair 0,
  ///   false stops and returns false.
  private func putCells(
    of frame: Frame, differingFrom previous: Frame, screenWidth: Int, screenHeight: Int, fallBack: Bool
  ) -> Bool {
    let columns = max(0, min(frame.width, screenWidth))
    let rows = max(0, min(frame.height, screenHeight))
    return frame.forEachChangedRun(since: previous, columns: columns, rows: rows) { y, xs in
      for x in xs {
        let cell = frame[x, y]
        guard let pair = pair(for: cell) ?? (fallBack ? 0 : nil) else { return false }
        backend.put(y: y, x: x, glyph: cell.glyph, attributes: cell.attributes, pair: pair)
      }
      return true
    }
  }

  /// The pair showing `cell`'s colours, defining it if new; nil when the table is full.
  private func pair(for cell: Cell) -> Int32? {
    guard depth != .monochrome else { return 0 }
    let foreground = colorNumber(cell.foreground, default: defaultForeground)
    let background = colorNumber(cell.background, default: defaultBackground)
    if foreground == defaultForeground, background == defaultBackground { return 0 }
    switch pairs.lookUp(foreground: foreground, background: background) {
    case .existing(let pair):
      return pair
    case .new(let pair):
      if backend.initExtendedPair(pair, foreground: foreground, background: background) {
        return pair
      }
      pairs.useDefaultPair(foreground: foreground, background: background)
      return 0
    case .full:
      return nil
    }
  }

  private func colorNumber(_ color: CellColor, default defaultNumber: Int32) -> Int32 {
    switch color {
    case .terminalDefault: return defaultNumber
    case .rgb(let rgb): return ColorQuantizer.colorNumber(for: rgb, depth: depth) ?? defaultNumber
    }
  }
}
