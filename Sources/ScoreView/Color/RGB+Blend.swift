// Mixing two RGB colours, the one place the view fades a colour towards another.

extension RGB {
  /// The colour a fraction `t` of the way from `self` to `other`, channel by channel in 8-bit
  /// sRGB: c = round(a + t·(b − a)), half away from zero.
  ///
  /// `t` is clamped to [0, 1] (0 gives `self`, 1 gives `other`); NaN counts as 0.
  public func blended(toward other: RGB, fraction t: Double) -> RGB {
    let clamped = t.isNaN ? 0 : min(1, max(0, t))
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Double(a) + clamped * (Double(b) - Double(a))).rounded())
    }
    return RGB(mix(red, other.red), mix(green, other.green), mix(blue, other.blue))
  }
}
