// The help overlay lists every key it is given, one line each, in a bordered box.

import ScoreView
import Testing

@Suite struct HelpOverlayTests {
  static let keys = [
    KeyBinding(key: "q", summary: "quit"),
    KeyBinding(key: "space", summary: "pause or resume training"),
    KeyBinding(key: "←/→", summary: "previous / next noise level"),
    KeyBinding(key: "d", summary: "density: KDE, histogram, off"),
    KeyBinding(key: "a", summary: "arrows on or off"), KeyBinding(key: "?", summary: "this help"),
  ]

  @Test(arguments: GlyphStyle.allCases)
  func listsEveryKey(style: GlyphStyle) throws {
    var state = emptyState(style: style)
    state.keyBindings = Self.keys
    state.showsHelp = true
    let lines = rows(ViewRenderer.render(state))
    var previousRow = -1
    for binding in Self.keys {
      let row = try #require(
        lines.firstIndex { $0.contains(binding.summary) }, "\(binding.summary)")
      let key =
        style == .unicode
        ? binding.key
        : binding.key.replacingOccurrences(of: "←", with: "?").replacingOccurrences(
          of: "→", with: "?")
      #expect(lines[row].contains(key + " "), "key on its summary's line")
      #expect(row == previousRow + 1 || previousRow == -1, "one line each, in order")
      previousRow = row
    }
    let corner: Character = style == .unicode ? "┌" : "+"
    let top = try #require(lines.firstIndex { $0.contains("Keys") })
    #expect(lines[top].contains(corner))
    state.showsHelp = false
    #expect(!ViewRenderer.render(state).plainText.contains("pause or resume"))
  }

  /// More keys than rows: as many as fit, then an ellipsis line, all inside the frame.
  @Test func tooManyKeysAreCut() {
    var state = emptyState(width: 80, height: 24)
    state.keyBindings = (0..<40).map { KeyBinding(key: "k\($0)", summary: "action \($0)") }
    state.showsHelp = true
    let text = ViewRenderer.render(state).plainText
    #expect(text.contains("action 0") && text.contains("…") && !text.contains("action 39"))
  }
}
