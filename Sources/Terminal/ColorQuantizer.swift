// RGB to the colour numbers a terminal of a given depth understands.

import ScoreView

/// Maps an `RGB` to the colour number passed to `init_extended_pair` at a `ColorDepth`.
///
/// Kept inside the terminal layer; "nearest" is squared Euclidean distance in RGB.
/// - `.direct`: 0xRRGGBB, raised to at least 8, because direct-colour terminfo entries
///   (xterm-direct, tmux-direct) send numbers 0–7 as palette colours, so RGB(0, 0, 4)
///   would show as palette blue. 8 is RGB(0, 0, 8), indistinguishable from black.
/// - `.indexed256`: the nearer of the nearest 6×6×6 cube entry (16 + 36r + 6g + b, levels
///   0, 95, 135, 175, 215, 255) and the nearest grey-ramp entry (232 + i, level 8 + 10i).
/// - `.ansi16` / `.ansi8`: the nearest of xterm's default first 16 / 8 palette colours.
/// - `.monochrome`: no colour; returns nil.
package enum ColorQuantizer {
  /// The levels of the xterm 6×6×6 colour cube, per channel.
  private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

  /// xterm's default palette for colours 0–15.
  private static let ansiPalette: [RGB] = [
    RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
    RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
    RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
    RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
  ]

  /// The colour number for `color` at `depth`, nil at `.monochrome`.
  package static func colorNumber(for color: RGB, depth: ColorDepth) -> Int32? {
    switch depth {
    case .direct:
      let packed = Int32(color.red) << 16 | Int32(color.green) << 8 | Int32(color.blue)
      return max(packed, 8)
    case .indexed256:
      return Int32(nearestIndexed256(color))
    case .ansi16:
      return Int32(nearestPaletteIndex(color, count: 16))
    case .ansi8:
      return Int32(nearestPaletteIndex(color, count: 8))
    case .monochrome:
      return nil
    }
  }

  /// The RGB an xterm shows for 256-colour index `index` (0–255).
  private static func rgb(ofIndexed256 index: Int) -> RGB {
    switch index {
    case ..<16:
      return ansiPalette[max(0, index)]
    case 16..<232:
      let cube = index - 16
      return RGB(
        UInt8(cubeLevels[cube / 36]), UInt8(cubeLevels[cube / 6 % 6]), UInt8(cubeLevels[cube % 6]))
    default:
      let level = UInt8(8 + 10 * (min(index, 255) - 232))
      return RGB(level, level, level)
    }
  }

  /// Squared Euclidean distance between two colours.
  private static func squaredDistance(_ a: RGB, _ b: RGB) -> Int {
    let red = Int(a.red) - Int(b.red)
    let green = Int(a.green) - Int(b.green)
    let blue = Int(a.blue) - Int(b.blue)
    return red * red + green * green + blue * blue
  }

  /// Index 0–5 of the cube level nearest to `value` (midpoints 47.5, 115, 155, 195, 235).
  private static func nearestCubeLevel(_ value: UInt8) -> Int {
    let v = Int(value)
    if v < 48 { return 0 }
    if v < 115 { return 1 }
    return (v - 35) / 40
  }

  private static func nearestIndexed256(_ color: RGB) -> Int {
    let red = nearestCubeLevel(color.red)
    let green = nearestCubeLevel(color.green)
    let blue = nearestCubeLevel(color.blue)
    let cubeIndex = 16 + 36 * red + 6 * green + blue
    // The ramp level nearest the channel mean m = sum/3: round((m − 8)/10) = ⌊(sum − 9)/30⌋.
    let sum = Int(color.red) + Int(color.green) + Int(color.blue)
    let step = min(23, max(0, (sum - 9) / 30))
    let greyIndex = 232 + step
    let cubeDistance = squaredDistance(color, rgb(ofIndexed256: cubeIndex))
    let greyDistance = squaredDistance(color, rgb(ofIndexed256: greyIndex))
    return greyDistance < cubeDistance ? greyIndex : cubeIndex
  }

  private static func nearestPaletteIndex(_ color: RGB, count: Int) -> Int {
    var best = 0
    var bestDistance = Int.max
    for index in 0..<count {
      let distance = squaredDistance(color, ansiPalette[index])
      if distance < bestDistance {
        best = index
        bestDistance = distance
      }
    }
    return best
  }
}
