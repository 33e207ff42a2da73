// A minimal PNG reader for tests: 8-bit RGB or RGBA, not interlaced, read to pixels.

import CZlib

/// The pixels of a PNG file, as a test reads them back from an image another program drew.
///
/// Only what `rsvg-convert` writes is read: bit depth 8, colour type 2 (RGB) or 6 (RGBA), no
/// interlacing. The IDAT chunks are joined, their zlib stream (two header bytes, raw deflate,
/// Adler-32) expanded, and each row's filter (None, Sub, Up, Average, Paeth; PNG spec §9)
/// undone.
public struct PNGImage {
  /// Pixels across and down.
  public let width: Int
  public let height: Int
  /// Bytes per pixel: 3 or 4.
  public let channels: Int
  private let samples: [UInt8]

  /// Reads `data`; nil when it is not such a PNG or its data is corrupt.
  public init?(_ data: [UInt8]) {
    guard let size = pngSize(data), size.width > 0, size.height > 0, size.width * size.height < 1 << 26,
      data.count > 28, data[24] == 8, data[28] == 0
    else { return nil }
    switch data[25] {
    case 2: channels = 3
    case 6: channels = 4
    default: return nil
    }
    width = size.width
    height = size.height
    var compressed: [UInt8] = []
    var offset = 8
    while offset + 12 <= data.count {
      let length = data[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
      let type = String(decoding: data[(offset + 4)..<(offset + 8)], as: UTF8.self)
      guard offset + 12 + length <= data.count else { return nil }
      if type == "IDAT" { compressed += data[(offset + 8)..<(offset + 8 + length)] }
      offset += 12 + length
    }
    let stride = width * channels
    guard compressed.count > 6,
      let filtered = Self.inflate(Array(compressed[2..<(compressed.count - 4)]), size: height * (stride + 1))
    else { return nil }
    var rows = [UInt8](repeating: 0, count: height * stride)
    for y in 0..<height {
      let filter = filtered[y * (stride + 1)]
      for i in 0..<stride {
        let raw = filtered[y * (stride + 1) + 1 + i]
        let left = i >= channels ? Int(rows[y * stride + i - channels]) : 0
        let up = y > 0 ? Int(rows[(y - 1) * stride + i]) : 0
        let upLeft = y > 0 && i >= channels ? Int(rows[(y - 1) * stride + i - channels]) : 0
        let predictor: Int
        switch filter {
        case 0: predictor = 0
        case 1: predictor = left
        case 2: predictor = up
        case 3: predictor = (left + up) / 2
        case 4: predictor = Self.paeth(left, up, upLeft)
        default: return nil
        }
        rows[y * stride + i] = raw &+ UInt8(predictor & 0xFF)
      }
    }
    samples = rows
  }

  /// The red, green and blue of the pixel at column `x`, row `y` (alpha is ignored).
  public subscript(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
    let start = (y * width + x) * channels
    return (samples[start], samples[start + 1], samples[start + 2])
  }

  /// `deflated` (a raw deflate stream) expanded with zlib; nil unless it makes exactly `size` bytes.
  private static func inflate(_ deflated: [UInt8], size: Int) -> [UInt8]? {
    var stream = z_stream()
    guard scoreviz_inflate_init_raw(&stream) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var input = deflated
    var output = [UInt8](repeating: 0, count: size + 1)
    let status = input.withUnsafeMutableBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer in
        stream.next_in = inBuffer.baseAddress
        stream.avail_in = UInt32(inBuffer.count)
        stream.next_out = outBuffer.baseAddress
        stream.avail_out = UInt32(outBuffer.count)
        return CZlib.inflate(&stream, Z_FINISH)
      }
    }
    guard status == Z_STREAM_END, Int(stream.total_out) == size else { return nil }
    return Array(output[..<size])
  }

  /// The Paeth predictor: whichever of left, up and upper-left is nearest to left + up − upper-left.
  private static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
    let p = a + b - c
    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
    if pa <= pb && pa <= pc { return a }
    return pb <= pc ? b : c
  }
}
