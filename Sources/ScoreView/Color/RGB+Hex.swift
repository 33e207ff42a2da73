// RGB colours written and read as `#rrggbb`, the notation of theme files and debug dumps.

extension RGB {
  /// The colour as `#rrggbb`, lower-case hexadecimal.
  public var hexString: String {
    let digits = Array("0123456789abcdef")
    var text = "#"
    for channel in [red, green, blue] {
      text.append(digits[Int(channel >> 4)])
      text.append(digits[Int(channel & 0xF)])
    }
    return text
  }

  /// A colour from `#RRGGBB` or the grey `#GG` (R = G = B), hexadecimal digits in either case;
  /// nil for anything else.
  public init?(hex text: String) {
    let scalars = Array(text.unicodeScalars)
    guard scalars.first == "#", scalars.count == 3 || scalars.count == 7 else { return nil }
    var bytes: [UInt8] = []
    var index = 1
    while index < scalars.count {
      guard let high = Self.hexValue(scalars[index]), let low = Self.hexValue(scalars[index + 1])
      else { return nil }
      bytes.append(high << 4 | low)
      index += 2
    }
    if bytes.count == 1 {
      self.init(bytes[0], bytes[0], bytes[0])
    } else {
      self.init(bytes[0], bytes[1], bytes[2])
    }
  }

  private static func hexValue(_ scalar: Unicode.Scalar) -> UInt8? {
    switch scalar {
    case "0"..."9": return UInt8(scalar.value - 48)
    case "a"..."f": return UInt8(scalar.value - 87)
    case "A"..."F": return UInt8(scalar.value - 55)
    default: return nil
    }
  }
}
