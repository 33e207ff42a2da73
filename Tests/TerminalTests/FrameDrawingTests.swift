// The diff-to-calls logic of `Screen.draw`: which cells are put, when the screen is cleared.

import ScoreView
import Terminal
import Testing

@Suite("Frame drawing")
struct FrameDrawingTests {
  /// A frame whose every cell is non-blank and distinct by position: letter a + index.
  static func lettered(width: Int, height: Int) -> Frame {
    var frame = Frame(width: width, height: height)
    for y in 0..<height {
      for x in 0..<width {
        frame[x, y] = Cell(Unicode.Scalar(UInt8(97 + (y * width + x) % 26)))
      }
    }
    return frame
  }

  /// The puts a full repaint of `frame` (no colours) must make, row by row.
  static func allPuts(_ frame: Frame, rows: Int? = nil, columns: Int? = nil) -> [RecordingBackend
    .Call]
  {
    var calls: [RecordingBackend.Call] = []
    for y in 0..<min(frame.height, rows ?? frame.height) {
      for x in 0..<min(frame.width, columns ?? frame.width) where frame[x, y] != .blank {
        calls.append(.put(y: y, x: x, glyph: frame[x, y].glyph, attributes: [], pair: 0))
      }
    }
    return calls
  }

  @Test("First frame: clear, every non-blank cell once, one refresh")
  func firstFrameIsFullRepaint() throws {
    let (screen, backend) = try makeScreen()
    let frame = Self.lettered(width: 6, height: 4)
    screen.draw(frame)
    #expect(backend.calls == [.clear] + Self.allPuts(frame) + [.refresh])
  }

  @Test("Identical frame: no puts, only the refresh")
  func identicalFrameGivesNoPuts() throws {
    let (screen, backend) = try makeScreen()
    let frame = Self.lettered(width: 6, height: 4)
    screen.draw(frame)
    backend.calls.removeAll()
    screen.draw(frame)
    #expect(backend.calls == [.refresh])
  }

  @Test("One changed cell, at every position: exactly one put of that cell")
  func oneChangedCellGivesOnePut() throws {
    let (screen, backend) = try makeScreen()
    let base = Self.lettered(width: 6, height: 4)
    screen.draw(base)
    for y in 0..<4 {
      for x in 0..<6 {
        var changed = base
        changed[x, y] = Cell("Z")
        backend.calls.removeAll()
        screen.draw(changed)
        #expect(backend.calls == [.put(y: y, x: x, glyph: "Z", attributes: [], pair: 0), .refresh])
        screen.draw(base)
      }
    }
  }

  @Test("A change of colour or attribute alone repaints the cell")
  func styleOnlyChangeRepaints() throws {
    let (screen, backend) = try makeScreen()
    var frame = Self.lettered(width: 6, height: 4)
    screen.draw(frame)
    frame[2, 1].background = .rgb(RGB(255, 0, 0))
    frame[4, 3].attributes = .bold
    backend.calls.removeAll()
    screen.draw(frame)
    #expect(
      backend.puts == [
        .put(y: 1, x: 2, glyph: frame[2, 1].glyph, attributes: [], pair: 1),
        .put(y: 3, x: 4, glyph: frame[4, 3].glyph, attributes: .bold, pair: 0),
      ])
  }

  @Test("A different screen size clears and repaints everything")
  func screenResizeRepaintsAll() throws {
    let (screen, backend) = try makeScreen()
    screen.draw(Self.lettered(width: 6, height: 4))
    backend.rows = 5
    backend.columns = 8
    let resized = Self.lettered(width: 8, height: 5)
    backend.calls.removeAll()
    screen.draw(resized)
    #expect(backend.calls == [.clear] + Self.allPuts(resized) + [.refresh])
  }

  @Test("A resize event reports the new size and forces a full repaint of the same frame")
  func resizeEventForcesFullRepaint() throws {
    let (screen, backend) = try makeScreen()
    let frame = Self.lettered(width: 6, height: 4)
    screen.draw(frame)
    // KEY_RESIZE = 0632 and KEY_CODE_YES = 0400 in curses.h.
    backend.input = [(0o400, 0o632)]
    #expect(screen.nextEvent(timeoutMilliseconds: 10) == .resize(width: 6, height: 4))
    backend.calls.removeAll()
    screen.draw(frame)
    #expect(backend.calls == [.clear] + Self.allPuts(frame) + [.refresh])
  }

  @Test("forceFullRepaint clears and repaints once, then drawing is incremental again")
  func forcedRepaintHappensOnce() throws {
    let (screen, backend) = try makeScreen()
    let frame = Self.lettered(width: 6, height: 4)
    screen.draw(frame)
    screen.forceFullRepaint()
    backend.calls.removeAll()
    screen.draw(frame)
    #expect(backend.calls == [.clear] + Self.allPuts(frame) + [.refresh])
    backend.calls.removeAll()
    screen.draw(frame)
    #expect(backend.calls == [.refresh])
  }

  @Test("A frame of another size on the same screen is a full repaint")
  func frameSizeChangeRepaintsAll() throws {
    let (screen, backend) = try makeScreen()
    screen.draw(Self.lettered(width: 6, height: 4))
    let smaller = Self.lettered(width: 3, height: 2)
    backend.calls.removeAll()
    screen.draw(smaller)
    #expect(backend.calls == [.clear] + Self.allPuts(smaller) + [.refresh])
  }

  @Test("A frame larger than the screen is clipped on full and partial draws")
  func largeFrameIsClipped() throws {
    let (screen, backend) = try makeScreen(rows: 2, columns: 3)
    var frame = Self.lettered(width: 5, height: 4)
    screen.draw(frame)
    #expect(backend.calls == [.clear] + Self.allPuts(frame, rows: 2, columns: 3) + [.refresh])
    frame[4, 3] = Cell("Z")
    frame[1, 1] = Cell("Y")
    backend.calls.removeAll()
    screen.draw(frame)
    #expect(backend.calls == [.put(y: 1, x: 1, glyph: "Y", attributes: [], pair: 0), .refresh])
  }

  @Test("After a clear, blank cells are not put; a blank over a glyph is")
  func blanksSkippedOnlyAfterClear() throws {
    let (screen, backend) = try makeScreen()
    var frame = Frame(width: 6, height: 4)
    frame[1, 2] = Cell("x")
    screen.draw(frame)
    #expect(
      backend.calls == [.clear, .put(y: 2, x: 1, glyph: "x", attributes: [], pair: 0), .refresh])
    frame[1, 2] = .blank
    backend.calls.removeAll()
    screen.draw(frame)
    #expect(backend.calls == [.put(y: 2, x: 1, glyph: " ", attributes: [], pair: 0), .refresh])
  }

  @Test("Empty frames and an empty screen draw without puts", arguments: [(0, 0), (0, 3), (3, 0)])
  func emptyFramesDraw(size: (Int, Int)) throws {
    let (screen, backend) = try makeScreen()
    screen.draw(Frame(width: size.0, height: size.1, fill: Cell("x")))
    #expect(backend.calls == [.clear, .refresh])
    let (emptyScreen, emptyBackend) = try makeScreen(rows: 0, columns: 0)
    emptyScreen.draw(Self.lettered(width: 6, height: 4))
    #expect(emptyBackend.calls == [.clear, .refresh])
  }

  @Test("Attributes pass through with and without colour")
  func attributesPassThrough() throws {
    for noColor in [nil, "1"] {
      let (screen, backend) = try makeScreen(configuration: .init(noColor: noColor))
      var frame = Frame(width: 6, height: 4)
      frame.put("bd", x: 0, y: 0, attributes: [.bold, .dim])
      frame.put("ur", x: 0, y: 1, attributes: [.underline, .reverse])
      screen.draw(frame)
      #expect(
        backend.puts == [
          .put(y: 0, x: 0, glyph: "b", attributes: [.bold, .dim], pair: 0),
          .put(y: 0, x: 1, glyph: "d", attributes: [.bold, .dim], pair: 0),
          .put(y: 1, x: 0, glyph: "u", attributes: [.underline, .reverse], pair: 0),
          .put(y: 1, x: 1, glyph: "r", attributes: [.underline, .reverse], pair: 0),
        ])
    }
  }
}
