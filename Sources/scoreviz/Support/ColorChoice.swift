// `--color`: the colour depth named on the command line, or `auto` for the terminal's own.

import ArgumentParser
import ScoreView

/// A colour depth named by `--color`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto
  case trueColor = "truecolor"
  case palette256 = "256"
  case ansi16 = "16"
  case ansi8 = "8"
  case none

  /// The depth named, or nil for `auto`: the terminal's, or none when `NO_COLOR` is set.
  var depth: ColorDepth? {
    switch self {
    case .auto: nil
    case .trueColor: .trueColor
    case .palette256: .palette256
    case .ansi16: .ansi16
    case .ansi8: .ansi8
    case .none: .monochrome
    }
  }
}
