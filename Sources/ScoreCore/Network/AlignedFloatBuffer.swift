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
