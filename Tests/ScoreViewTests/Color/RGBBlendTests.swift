// Blending two colours follows round(a + t·(b − a)) per channel.

import ScoreView
import Testing

@Suite struct RGBBlendTests {
  /// Every channel at t = 0, ¼, ½, 0.8, 1 against the formula, plus clamping and NaN.
  @Test func blendFollowsTheFormula() {
    let a = RGB(0xFF, 0x87, 0x00)
    let b = RGB(0x26, 0x26, 0x26)
    for t in [0, 0.25, 0.5, 0.8, 1] {
      func channel(_ x: UInt8, _ y: UInt8) -> UInt8 {
        UInt8((Double(x) + t * (Double(y) - Double(x))).rounded())
      }
      let expected = RGB(channel(a.red, b.red), channel(a.green, b.green), channel(a.blue, b.blue))
      #expect(a.blended(toward: b, fraction: t) == expected, "t = \(t)")
    }
    #expect(a.blended(toward: b, fraction: 0.5) == RGB(147, 87, 19), "(255+38)/2 = 146.5 → 147")
    #expect(a.blended(toward: b, fraction: -1) == a && a.blended(toward: b, fraction: 7) == b)
    #expect(a.blended(toward: b, fraction: .nan) == a)
  }
}
