// The xterm colour palette and the nearest-colour quantisers onto it.

/// The xterm palette: 16 ANSI colours, the 6×6×6 colour cube (16–231), the grey ramp (232–255).
///
/// Definitions (xterm `256colres.h`): cube index 16 + 36·r + 6·g + b with channel levels
/// 0, 95, 135, 175, 215, 255; grey index 232 + i with level 8 + 10·i, i = 0…23; the first 16
/// are xterm's defaults (user-configurable, so the 256-colour quantiser never picks them).
/// "Nearest" is the smallest squared Euclidean distance in 8-bit sRGB.
public enum XtermPalette {
  /// The six channel levels of the 6×6×6 cube.
  public static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

  /// xterm's default colours for indices 0–15 (black, red, green, yellow, blue, magenta,
  /// cyan, white, then the bright eight).
  public static let ansiColors: [RGB] = [
    RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
    RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
    RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
    RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
  ]

  /// The RGB value xterm shows for palette `index` by default.
  public static func color(atIndex index: UInt8) -> RGB {
    switch index {
    case 0..<16:
      return ansiColors[Int(index)]
    case 16..<232:
      let cube = Int(index) - 16
      return RGB(cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
    default:
      let level = UInt8(8 + 10 * (Int(index) - 232))
      return RGB(level, level, level)
    }
  }

  /// The 256-colour index (16–255) nearest to `color`: the nearest cube colour or the nearest
  /// grey, whichever is closer.
  ///
  /// The cube candidate takes the nearest level per channel; the grey candidate takes the
  /// ramp step nearest to the channel mean (halves round up). Ties go to the cube. Examples: RGB(255, 0, 0) → 196,
  /// RGB(128, 128, 128) → 244 (grey 128 exactly; the cube's 135 is farther).
  public static func nearestIndex256(to color: RGB) -> UInt8 {
    let r = nearestCubeLevel(color.red)
    let g = nearestCubeLevel(color.green)
    let b = nearestCubeLevel(color.blue)
    let cubeIndex = UInt8(16 + 36 * r + 6 * g + b)
    // round((mean − 8) / 10) = round((sum − 24) / 30), computed in integers.
    let sum = Int(color.red) + Int(color.green) + Int(color.blue)
    let greyStep = min(23, max(0, sum - 9) / 30)
    let greyIndex = UInt8(232 + greyStep)
    let cubeDistance = distanceSquared(color, self.color(atIndex: cubeIndex))
    let greyDistance = distanceSquared(color, self.color(atIndex: greyIndex))
    return greyDistance < cubeDistance ? greyIndex : cubeIndex
  }

  /// The ANSI colour index (0–15) whose xterm default is nearest to `color`; ties go to the
  /// lower index.
  public static func nearestIndex16(to color: RGB, paletteSize: Int = 16) -> UInt8 {
    var best = 0
    var bestDistance = Int.max
    for (index, candidate) in ansiColors.prefix(paletteSize).enumerated() {
      let distance = distanceSquared(color, candidate)
      if distance < bestDistance {
        best = index
        bestDistance = distance
      }
    }
    return UInt8(best)
  }

  /// (r₁ − r₂)² + (g₁ − g₂)² + (b₁ − b₂)².
  public static func distanceSquared(_ a: RGB, _ b: RGB) -> Int {
    let dr = Int(a.red) - Int(b.red)
    let dg = Int(a.green) - Int(b.green)
    let db = Int(a.blue) - Int(b.blue)
    return dr * dr + dg * dg + db * db
  }

  /// The position (0–5) of the cube level nearest to `value`; ties go to the lower level.
  static func nearestCubeLevel(_ value: UInt8) -> Int {
    var best = 0
    for level in 1..<cubeLevels.count
    where abs(Int(cubeLevels[level]) - Int(value)) < abs(Int(cubeLevels[best]) - Int(value)) {
      best = level
    }
    return best
  }
}
