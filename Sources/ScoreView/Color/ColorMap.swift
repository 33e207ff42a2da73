// A colour gradient from evenly spaced RGB stops, sampled continuously or as a ramp of levels.

/// A gradient over t ∈ [0, 1] given by evenly spaced stops, linearly interpolated per channel.
///
/// With stops c₀ … c_{n−1}, t lies in segment k = ⌊t·(n − 1)⌋ and
/// color(t) = round(c_k + (t·(n − 1) − k)·(c_{k+1} − c_k)) channel by channel in 8-bit sRGB.
/// Perceptual maps keep that interpolation error small by giving enough stops (`viridis` has
/// 16). Heat maps draw from a precomputed `ramp(levels:)` so that the terminal layer needs few
/// colour pairs; `distinctRamp(maxLevels:colorDepth:)` keeps neighbouring levels apart.
///
/// ```
/// let ramp = ColorMap.viridis.distinctRamp(maxLevels: 64, colorDepth: .palette256)
/// let colour = ramp[min(ramp.count - 1, Int(density / maxDensity * Double(ramp.count)))]
/// ```
public struct ColorMap: Sendable, Hashable {
  /// The stops, first at t = 0 and last at t = 1; never empty.
  public let stops: [RGB]

  /// A map through `stops`, evenly spaced; a single stop gives a constant map.
  ///
  /// Traps when `stops` is empty.
  public init(stops: [RGB]) {
    precondition(!stops.isEmpty, "a colour map needs at least one stop")
    self.stops = stops
  }

  /// The colour at `t`, clamped to [0, 1]; NaN gives the colour at 0.
  public func color(at t: Double) -> RGB {
    guard stops.count > 1 else { return stops[0] }
    let clamped = t.isNaN ? 0 : min(1, max(0, t))
    let position = clamped * Double(stops.count - 1)
    let segment = min(stops.count - 2, Int(position))
    let fraction = position - Double(segment)
    let low = stops[segment]
    let high = stops[segment + 1]
    func blend(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Double(a) + fraction * (Double(b) - Double(a))).rounded())
    }
    return RGB(
      blend(low.red, high.red), blend(low.green, high.green), blend(low.blue, high.blue))
  }

  /// `levels` colours sampled at t = i / (levels − 1), i = 0 … levels − 1.
  ///
  /// One level gives the colour at 0; zero or fewer levels give an empty ramp.
  public func ramp(levels: Int) -> [RGB] {
    guard levels > 1 else { return levels == 1 ? [color(at: 0)] : [] }
    return (0..<levels).map { color(at: Double($0) / Double(levels - 1)) }
  }

  /// The same map run from t = 1 to t = 0.
  public func reversed() -> ColorMap { ColorMap(stops: stops.reversed()) }

  /// Every stop's channels multiplied by `factor` (0…1) and rounded: the same order of
  /// lightness, darker, so that points, particles and arrows drawn over it stand out.
  public func dimmed(by factor: Double) -> ColorMap {
    func scale(_ channel: UInt8) -> UInt8 { UInt8((Double(channel) * factor).rounded()) }
    return ColorMap(stops: stops.map { RGB(scale($0.red), scale($0.green), scale($0.blue)) })
  }

  /// Whether every two neighbouring colours of `ramp` still differ after reduction to
  /// `colorDepth`.
  ///
  /// A ramp of fewer than two colours passes. At `.monochrome` every colour becomes the default,
  /// so any longer ramp fails.
  public static func neighboursStayDistinct(_ ramp: [RGB], colorDepth: ColorDepth) -> Bool {
    guard ramp.count > 1 else { return true }
    var previous = colorDepth.quantize(.rgb(ramp[0]))
    for colour in ramp.dropFirst() {
      let current = colorDepth.quantize(.rgb(colour))
      if current == previous { return false }
      previous = current
    }
    return true
  }

  /// The longest `ramp(levels: n)` with n ≤ `maxLevels` whose neighbours stay distinct at
  /// `colorDepth`.
  ///
  /// Tries n = maxLevels, maxLevels − 1, … down to 1 (a single level always qualifies), so
  /// the cost is O(maxLevels²) colour evaluations: compute it once per theme and depth.
  /// `maxLevels` ≤ 0 gives an empty ramp.
  public func distinctRamp(maxLevels: Int, colorDepth: ColorDepth) -> [RGB] {
    var levels = maxLevels
    while levels > 1 {
      let candidate = ramp(levels: levels)
      if Self.neighboursStayDistinct(candidate, colorDepth: colorDepth) { return candidate }
      levels -= 1
    }
    return ramp(levels: levels)
  }
}
