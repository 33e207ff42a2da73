// Correctly rounded decimal-to-Double conversion straight from bytes, fast for the short numbers data files hold.

/// Parses decimal numbers written as `[+-]digits[.digits][(e|E)[+-]digits]` (either digit
/// run may be empty, not both) from a byte span, without building a `String` on the common path.
///
/// Numbers with at most 15 significant digits and a decimal exponent within ±22 are converted
/// by Clinger's fast path: the digits and 10^|e| are both exact doubles, so one IEEE
/// multiplication or division rounds correctly. Longer numbers go through the standard
/// library's correctly rounded `Double(String)`. Both paths give the double nearest to the
/// decimal, so the result equals numpy's and Python's `float()`.
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
      value = decimalExponent < 0
        ? value / exactPowersOfTen[-decimalExponent] : value * exactPowersOfTen[decimalExponent]
      return negative ? -value : value
    }
    if mantissa == 0 { return negative ? -0.0 : 0.0 }
    let text = String(decoding: bytes, as: UTF8.self)
    guard let value = Double(text) else { return negative ? -.infinity : .infinity }
    return value
  }
}
