// The help overlay lists every key it is given, one line each, in a bordered box.

import Foundation
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

  /// More keys than rows at 80 × 24: 20 rows inside the box, so 19 bindings and a line that
  /// says which are shown; scrolled, the page moves, and a scroll past the end stops at the
  /// last page (bindings 22–40). Everything stays inside the frame.
  @Test func tooManyKeysScroll() {
    var state = emptyState(width: 80, height: 24)
    state.keyBindings = (0..<40).map { KeyBinding(key: "k\($0)", summary: "action \($0)") }
    state.showsHelp = true
    #expect(HelpOverlay.pageSize(count: 40, height: 24) == 19)
    #expect(HelpOverlay.largestScroll(count: 40, height: 24) == 21)
    #expect(HelpOverlay.largestScroll(count: 6, height: 24) == 0)
    /// The numbers after "action " on the screen, top to bottom.
    func shown(_ state: ViewState) -> [Int] {
      ViewRenderer.render(state).plainText.components(separatedBy: "action ").dropFirst()
        .compactMap { Int($0.prefix { $0.isNumber }) }
    }
    let top = ViewRenderer.render(state).plainText
    #expect(shown(state) == Array(0..<19))
    #expect(top.contains("1–19 of 40  ↑↓ PgUp PgDn"))
    state.helpScroll = 5
    #expect(shown(state) == Array(5..<24))
    #expect(ViewRenderer.render(state).plainText.contains("6–24 of 40"))
    state.helpScroll = 99
    #expect(shown(state) == Array(21..<40))
    #expect(ViewRenderer.render(state).plainText.contains("22–40 of 40"))
    state.glyphStyle = .ascii
    #expect(ViewRenderer.render(state).plainText.contains("22-40 of 40  up/down PgUp PgDn"))
  }
}
