// `p`'s pictures: named by the time, one per held key, never replacing one, and failures said.

import Foundation
import ScoreTestSupport
import ScoreView
import Testing

@testable import scoreviz

@Suite struct ScreenPictureSaverTests {
  static let frame = Frame(width: 7, height: 3, fill: Cell("x"))
  static let date = Date(timeIntervalSince1970: 1_800_000_000)

  /// The name's time is the local time of `date`, formatted independently here.
  static var stem: String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone.current
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    return "scoreviz-" + formatter.string(from: date)
  }

  @Test func savesTheFrameAsAnSVGNamedByTheTime() throws {
    let folder = try makeTemporaryFolder()
    var saver = ScreenPictureSaver(folder: folder)
    let message = saver.save(Self.frame, style: SVGPicture.Style(), now: 0, date: Self.date)
    #expect(message == "saved \(folder)/\(Self.stem).svg")
    #expect(try folderContents(folder) == [Self.stem + ".svg"])
    let text = try String(contentsOfFile: folder + "/" + Self.stem + ".svg", encoding: .utf8)
    let svg = try #require(SVGDocument(text)?.all("svg").first)
    #expect(svg.number("width") == 70 && svg.number("height") == 60)
  }

  /// A key held for three seconds repeats every 33 ms: one picture. A press after a pause of
  /// more than a second saves again, beside the first rather than over it.
  @Test func aHeldKeySavesOnceAndATakenNameGetsANumber() throws {
    let folder = try makeTemporaryFolder()
    var saver = ScreenPictureSaver(folder: folder)
    var messages: Set<String> = []
    for press in 0...90 {
      messages.insert(saver.save(Self.frame, style: SVGPicture.Style(), now: Double(press) * 0.033, date: Self.date))
    }
    #expect(try folderContents(folder) == [Self.stem + ".svg"])
    #expect(messages.count == 1)
    let later = saver.save(Self.frame, style: SVGPicture.Style(), now: 5, date: Self.date)
    #expect(later == "saved \(folder)/\(Self.stem)-2.svg")
    #expect(try folderContents(folder) == [Self.stem + "-2.svg", Self.stem + ".svg"])
  }

  /// A folder nothing can be created in (/proc refuses new files, even to root): the message
  /// says so, and nothing is thrown.
  @Test func aFolderThatCannotBeWrittenIsReported() {
    var saver = ScreenPictureSaver(folder: "/proc")
    let message = saver.save(Self.frame, style: SVGPicture.Style(), now: 0, date: Self.date)
    #expect(message.hasPrefix("picture not saved: /proc/\(Self.stem).svg: cannot write: "), "\(message)")
  }
}
