// Correctly rounded decimal-to-Double conversion straight from bytes, fast for the short numbers data files hold.

/// Parses decimal numbers written as `[+-]digits[.digits][(e|E)[+-]digits]` (either digit
/// run may be empty, not both) from a byte span, without building a `String` on the common path.
///
/// Numbers with at most 15 significant digits and a decimal exponent within ±22 are converted
/// by Clinger's fast path: the digits and 10^|e| are both exact doubles, so one IEEE
/// multiplication or division rounds correctly. On x86-64, numbers of up to 19 significant
/// digits (what shortest round-trip printing writes, 17 digits, included) with an exponent
/// within ±27 take a second fast path in 80-bit extended precision (`extendedFastPath`). The
/// rest go through the standard library's correctly rounded `Double(String)`. Every path
/// gives the double nearest to the decimal, so the result equals numpy's and Python's `float()`.
enum DecimalParser {
  /// Powers 10⁰ … 10²², all exactly representable as doubles.
  private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// The value of the decimal number filling `bytes` exactly, or nil when the span is not one
  /// (including `inf`, `nan` and hexadecimal forms, which callers classify themselves).
  /// A number too large for a double gives ±infinity.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    let count = bytes.count
    guard count > 0, let base = bytes.baseAddress else { return nil }
    var i = 0
    var negative = false
    if base[0] == UInt8(ascii: "-") || base[0] == UInt8(ascii: "+") {
      negative = base[0] == UInt8(ascii: "-")
      i = 1
    }
    var mantissa: UInt64 = 0
    var significantDigits = 0
    var digitCount = 0
    var decimalExponent = 0
    while i < count, case let digit = base[i] &- UInt8(ascii: "0"), digit < 10 {
      if mantissa != 0 || digit != 0 { significantDigits &+= 1 }
      if significantDigits <= 19 {
        mantissa = mantissa &* 10 &+ UInt64(digit)
      } else {
        decimalExponent &+= 1
      }
      digitCount &+= 1
      i &+= 1
    }
    if i < count, base[i] == UInt8(ascii: ".") {
      i &+= 1
      while i < count, case let digit = base[i] &- UInt8(ascii: "0"), digit < 10 {
        if mantissa != 0 || digit != 0 { significantDigits &+= 1 }
        if significantDigits <= 19 {
          mantissa = mantissa &* 10 &+ UInt64(digit)
          decimalExponent &-= 1
        }
        digitCount &+= 1
        i &+= 1
      }
    }
    guard digitCount > 0 else { return nil }
    if i < count, base[i] | 0x20 == UInt8(ascii: "e") {
      i &+= 1
      var exponentNegative = false
      if i < count, base[i] == UInt8(ascii: "-") || base[i] == UInt8(ascii: "+") {
        exponentNegative = base[i] == UInt8(ascii: "-")
        i &+= 1
      }
      var exponent = 0
      var exponentDigits = 0
      while i < count, case let digit = base[i] &- UInt8(ascii: "0"), digit < 10 {
        if exponent < 100_000 { exponent = exponent &* 10 &+ Int(digit) }
        exponentDigits &+= 1
        i &+= 1
      }
      guard exponentDigits > 0 else { return nil }
      decimalExponent &+= exponentNegative ? -exponent : exponent
    }
    guard i == count else { return nil }
    if significantDigits <= 15 && decimalExponent >= -22 && decimalExponent <= 22 {
      var value = Double(mantissa)
      value =
        decimalExponent < 0
        ? value / exactPowersOfTen[-decimalExponent] : value * exactPowersOfTen[decimalExponent]
      return negative ? -value : value
    }
    if mantissa == 0 { return negative ? -0.0 : 0.0 }
    #if arch(x86_64)
      if significantDigits <= 19, let value = extendedFastPath(mantissa, decimalExponent) {
        return negative ? -value : value
      }
    #endif
    let text = String(decoding: bytes, as: UTF8.self)
    guard let value = Double(text) else { return negative ? -.infinity : .infinity }
    return value
  }

  #if arch(x86_64)
    /// Powers 10⁰ … 10²⁷, all exactly representable in 80-bit extended precision
    /// (10ᵏ = 2ᵏ·5ᵏ and 5²⁷ < 2⁶⁴).
    private static let extendedPowersOfTen: [Float80] = (0...27).map { exponent in
      var value: Float80 = 1
      for _ in 0..<exponent { value *= 10 }
      return value
    }

    /// mantissa·10^exponent rounded to the nearest double, or nil when this path cannot
    /// tell (the caller then asks the slow path).
    ///
    /// The mantissa (< 2⁶⁴) and 10^|exponent| (|exponent| ≤ 27) are exact in the 64-bit
    /// significand of `Float80`, so one extended multiplication or division gives r, the
    /// decimal x rounded to 64 bits: |x − r| ≤ ½ ulp₆₄. Rounding r to 53 bits gives x rounded
    /// to 53 bits unless a tie between two doubles (11 low bits 10000000000) lies within
    /// ½ ulp₆₄ of r, i.e. unless r's 11 low bits are 0x3FF, 0x400 or 0x401: then x and r may
    /// round to different doubles, and nil is returned. Results lie between 10⁻²⁷ and 2⁶⁴·10²⁷,
    /// far inside the normal double range, so no subnormal rounding arises.
    private static func extendedFastPath(_ mantissa: UInt64, _ exponent: Int) -> Double? {
      guard exponent >= -27, exponent <= 27 else { return nil }
      let digits = Float80(mantissa)
      let rounded =
        exponent < 0
        ? digits / extendedPowersOfTen[-exponent] : digits * extendedPowersOfTen[exponent]
      let lowBits = rounded.significandBitPattern & 0x7FF
      guard lowBits < 0x3FF || lowBits > 0x401 else { return nil }
      return Double(rounded)
    }
  #endif
}
