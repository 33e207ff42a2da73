// `p` in the live view, end to end: a picture of the pane's size appears, once per held key.

import Foundation
import ScoreTestSupport
import Testing

@Suite("Live view pictures in tmux")
struct LivePictureTests {
  /// The SVG files in `folder`.
  static func pictures(in folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".svg") }.sorted()
  }

  @Test("p saves a well-formed SVG of the 100 × 30 pane; a burst of p a second later saves one more")
  func pSavesThePane() throws {
    let folder = try makeTemporaryFolder()
    let tmux = try TmuxSession(
      command: [scorevizExecutablePath(), "--particles", "100"], width: 100, height: 30, workingDirectory: folder)
    defer { tmux.kill() }
    try LiveView.waitForView(tmux)
    tmux.send(keys: "p")
    let screen = try tmux.waitUntil { $0.contains("saved scoreviz-") }
    let files = try Self.pictures(in: folder)
    #expect(files.count == 1)
    let name = try #require(files.first)
    #expect(name.wholeMatch(of: /scoreviz-\d{8}-\d{6}\.svg/) != nil, "\(name)")
    #expect(screen.contains("saved " + name))
    let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    let document = try #require(SVGDocument(text), "the picture is well-formed XML")
    let svg = try #require(document.all("svg").first)
    #expect(svg.number("width") == 1000 && svg.number("height") == 600)
    // The title row's text is in the picture: "scoreviz" and the dataset's name.
    let shown = document.all("text").map(\.text).joined()
    #expect(shown.contains("scoreviz") && shown.contains("moons"))

    // Twenty presses in a row, as a held key sends them: one more picture.
    usleep(1_200_000)
    for _ in 0..<20 { tmux.send(keys: "p") }
    try tmux.waitUntil { _ in (try? Self.pictures(in: folder).count) == 2 }
    usleep(500_000)
    #expect(try Self.pictures(in: folder).count == 2)
    #expect(try folderContents(folder).allSatisfy { !$0.hasPrefix(".") }, "no temporary file is left")
  }

  @Test("p where no file can be made says why in the title line and the view goes on")
  func pInAFolderThatCannotBeWritten() throws {
    let tmux = try TmuxSession(
      command: [scorevizExecutablePath(), "--particles", "100"], width: 100, height: 30, workingDirectory: "/proc")
    defer { tmux.kill() }
    let first = try LiveView.waitForView(tmux)
    let epoch = try #require(first.integer(after: "epoch "))
    tmux.send(keys: "p")
    try tmux.waitUntil { $0.contains("picture not saved") }
    let later = try tmux.waitUntil { (TmuxCapture($0).integer(after: "epoch ") ?? 0) > epoch + 1 }
    #expect(later.hasPrefix(" scoreviz"))
  }
}
