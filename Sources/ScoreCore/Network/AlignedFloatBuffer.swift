// Cache-line-aligned Float scratch memory that lives as long as its owner.

/// A zero-filled, 64-byte aligned block of `count` floats, freed when the buffer is.
///
/// Workspaces own these so that hot loops work on raw pointers without bounds checks and
/// nothing is allocated once a workspace exists.
final class AlignedFloatBuffer {
  let pointer: UnsafeMutablePointer<Float>
  let count: Int

  init(count: Int) {
    self.count = count
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: max(count, 16) * MemoryLayout<Float>.stride, alignment: 64)
    pointer = raw.bindMemory(to: Float.self, capacity: max(count, 16))
    pointer.initialize(repeating: 0, count: max(count, 16))
  }

  deinit { UnsafeMutableRawPointer(pointer).deallocate() }
}

/// Loads 16 consecutive floats from `pointer` (no alignment needed).
@inline(__always)
func load16(_ pointer: UnsafePointer<Float>) -> SIMD16<Float> {
  UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
}

/// Loads 16 consecutive floats from `pointer` (no alignment needed).
@inline(__always)
func load16(_ pointer: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
  UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
}

/// Stores 16 floats at `pointer` (no alignment needed).
@inline(__always)
func store16(_ value: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>) {
  UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD16<Float>.self)
}

/// The sum of the 16 lanes, halving first (cheaper than `SIMD16.sum()`).
@inline(__always)
func laneSum(_ value: SIMD16<Float>) -> Float {
  let eight = value.lowHalf + value.highHalf
  let four = eight.lowHalf + eight.highHalf
  return (four.lowHalf + four.highHalf).sum()
}
