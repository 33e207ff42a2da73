// The safetensors element types scoreviz reads, and their conversion to Float.

/// A safetensors `dtype` that can be read as `Float`.
///
/// F32 is read as is; F64 is rounded to the nearest `Float` (magnitudes past
/// `Float.greatestFiniteMagnitude` become ±∞); F16 (IEEE binary16) and BF16 (bfloat16) are
/// widened exactly, subnormals, infinities and NaN included. Data are little-endian.
enum TensorElementType: String, CaseIterable, Sendable {
  case float32 = "F32"
  case float64 = "F64"
  case float16 = "F16"
  case bfloat16 = "BF16"

  /// Bytes per element.
  var byteCount: Int {
    switch self {
    case .float32: 4
    case .float64: 8
    case .float16, .bfloat16: 2
    }
  }

  /// Reads `count` little-endian elements starting at byte `offset` of `bytes` as `Float`.
  func readValues(from bytes: UnsafeRawBufferPointer, offset: Int, count: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { out, initialized in
      switch self {
      case .float32:
        for i in 0..<count {
          let bits = bytes.loadUnaligned(fromByteOffset: offset &+ 4 &* i, as: UInt32.self)
          out[i] = Float(bitPattern: UInt32(littleEndian: bits))
        }
      case .float64:
        for i in 0..<count {
          let bits = bytes.loadUnaligned(fromByteOffset: offset &+ 8 &* i, as: UInt64.self)
          out[i] = Float(Double(bitPattern: UInt64(littleEndian: bits)))
        }
      case .float16:
        for i in 0..<count {
          let bits = bytes.loadUnaligned(fromByteOffset: offset &+ 2 &* i, as: UInt16.self)
          out[i] = Self.float(fromHalf: UInt16(littleEndian: bits))
        }
      case .bfloat16:
        for i in 0..<count {
          let bits = bytes.loadUnaligned(fromByteOffset: offset &+ 2 &* i, as: UInt16.self)
          out[i] = Float(bitPattern: UInt32(UInt16(littleEndian: bits)) << 16)
        }
      }
      initialized = count
    }
  }

  /// The exact `Float` value of IEEE binary16 `bits` (1 sign, 5 exponent, 10 fraction bits).
  ///
  /// Normal: (−1)ˢ·2^(e−15)·(1 + f/1024); subnormal (e = 0): (−1)ˢ·f·2⁻²⁴;
  /// e = 31: ±∞ (f = 0) or NaN with the fraction kept.
  static func float(fromHalf bits: UInt16) -> Float {
    let sign = UInt32(bits & 0x8000) << 16
    let exponent = UInt32(bits >> 10) & 0x1F
    let fraction = UInt32(bits & 0x03FF)
    if exponent == 0x1F {
      return Float(bitPattern: sign | 0x7F80_0000 | (fraction << 13))
    }
    if exponent == 0 {
      let magnitude = Float(fraction) * 0x1p-24
      return sign == 0 ? magnitude : -magnitude
    }
    return Float(bitPattern: sign | ((exponent + 112) << 23) | (fraction << 13))
  }
}
