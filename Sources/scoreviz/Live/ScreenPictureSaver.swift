// `p` in the live view: the screen as an SVG file in the current folder, at most one per held key.

import Foundation
import ScoreCore
import ScoreView

/// Writes what the live view shows as `scoreviz-YYYYMMDD-HHMMSS.svg` (local time) in the
/// current folder, through `AtomicFile`, and says in one line what it did.
///
/// A key held down repeats about 30 times a second; a request that comes less than
/// `minimumGap` seconds after the previous one writes nothing and repeats the last message,
/// so holding `p` saves one picture, not hundreds. A name already taken gets `-2`, `-3`, …
/// before `.svg` rather than replacing the older picture.
struct ScreenPictureSaver {
  /// The shortest time between two requests that both write a picture, in seconds.
  static let minimumGap = 1.0
  /// The folder pictures go to.
  let folder: String
  private var lastRequest: Double?
  private var lastMessage = ""

  /// A saver writing into `folder` (the current folder by default).
  init(folder: String = ".") {
    self.folder = folder
  }

  /// Saves `frame` drawn with `style` unless the previous request was less than
  /// `minimumGap` ago; returns the message for the title row.
  ///
  /// - Parameters:
  ///   - now: the monotonic clock in seconds, for the gap.
  ///   - date: the wall-clock time the file is named after.
  mutating func save(_ frame: Frame, style: SVGPicture.Style, now: Double, date: Date) -> String {
    defer { lastRequest = now }
    if let lastRequest, now - lastRequest < Self.minimumGap { return lastMessage }
    let text = SVGPicture(style: style).text(of: frame)
    do {
      let path = freePath(stem: "scoreviz-" + Self.timestamp(date))
      try AtomicFile.write(text, to: path)
      lastMessage = "saved \(path)"
    } catch {
      lastMessage = "picture not saved: \(error.description)"
    }
    return lastMessage
  }

  /// `folder/stem.svg`, or `folder/stem-N.svg` with the first N from 2 that names nothing;
  /// without the folder when it is the current one.
  private func freePath(stem: String) -> String {
    let prefix = folder == "." ? "" : folder + "/"
    var path = prefix + stem + ".svg"
    var number = 2
    while FileManager.default.fileExists(atPath: path), number < 1000 {
      path = prefix + stem + "-\(number).svg"
      number += 1
    }
    return path
  }

  /// `date` in local time as `YYYYMMDD-HHMMSS`.
  static func timestamp(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    localtime_r(&seconds, &parts)
    return String(
      format: "%04d%02d%02d-%02d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
  }
}
