// Gaussian kernel factors on the fine nodes of one axis, four output cells at a time.

import Foundation

/// The kernel factors of one axis of the binned grid sum, grouped four output cells at a time.
///
/// Cell m, centred at Pₘ, takes the fine nodes gⱼ within `reach` of Pₘ with the factor
/// scale·exp(−(gⱼ − Pₘ)²/(2h²)). Group q holds cells 4q…4q+3: over the union of their node
/// ranges one SIMD4 per node, each cell's factor in its lane and 0 outside its own range, so
/// that one pass over the union serves all four. The first-moment bands multiply each factor
/// by (gⱼ − Pₘ)/h.
struct KDEKernelBands {
  /// Per group of four cells: the first node, the number of nodes and where its factors start
  /// in `factors` (count 0 when no cell of the group reaches a node).
  let groups: [(start: Int, count: Int, offset: Int)]
  /// The factors of all groups, one after the other.
  let factors: [SIMD4<Double>]

  /// The bands of `cellCount` cells of size `cellSize` from `cellOrigin` over `nodeCount`
  /// nodes spaced `step` from `nodeOrigin`, every factor times `scale` (and, for `moment`,
  /// times (gⱼ − Pₘ)/h).
  init(
    cellOrigin: Double, cellSize: Double, cellCount: Int, nodeOrigin: Double, step: Double,
    nodeCount: Int, reach: Double, bandwidth: Double, scale: Double, moment: Bool = false
  ) {
    // Node indices are clamped in Double before conversion, for cells far from the nodes; a
    // NaN end (from a non-finite reach or step) reaches no node.
    let lastNode = Double(nodeCount)
    let ranges = (0..<cellCount).map { cell -> ClosedRange<Int>? in
      let centre = cellOrigin + (Double(cell) + 0.5) * cellSize
      let low = ((centre - reach - nodeOrigin) / step).rounded(.up)
      let high = ((centre + reach - nodeOrigin) / step).rounded(.down)
      guard low <= high else { return nil }
      let first = Int(min(max(low, 0), lastNode))
      let last = Int(min(max(high, -1), lastNode - 1))
      return first <= last ? first...last : nil
    }
    var groups: [(start: Int, count: Int, offset: Int)] = []
    var total = 0
    for group in 0..<(cellCount + 3) / 4 {
      var start = Int.max
      var end = 0
      for cell in 4 * group..<min(4 * group + 4, cellCount) {
        guard let range = ranges[cell] else { continue }
        start = min(start, range.lowerBound)
        end = max(end, range.upperBound + 1)
      }
      groups.append(start < end ? (start, end - start, total) : (0, 0, total))
      total += max(0, end - start)
    }
    var factors = [SIMD4<Double>](repeating: .zero, count: total)
    factors.withUnsafeMutableBufferPointer { factors in
      let run = UnsafeMutablePointer<Double>.allocate(capacity: max(1, nodeCount))
      defer { run.deallocate() }
      for (cell, range) in ranges.enumerated() {
        guard let range else { continue }
        let group = groups[cell / 4]
        let firstOffset =
          nodeOrigin + Double(range.lowerBound) * step
          - (cellOrigin + (Double(cell) + 0.5) * cellSize)
        gaussianRun(
          from: firstOffset, step: step, count: range.count, bandwidth: bandwidth, into: run)
        let first = group.offset + range.lowerBound - group.start
        for k in 0..<range.count {
          let weight = moment ? (firstOffset + Double(k) * step) / bandwidth * scale : scale
          factors[first + k][cell % 4] = run[k] * weight
        }
      }
    }
    self.groups = groups
    self.factors = factors
  }
}

/// exp(−(u₀ + k·step)²/(2h²)) for k = 0..<count into `output`, eight at a time.
///
/// Each value is 2^t, t = −(u₀ + k·step)²·log₂e/(2h²), from `negativePowerOfTwo` (3·10⁻¹⁴
/// relative, plus the rounding of t: about 10⁻¹⁵ relative within 6h); values below 2⁻¹⁰²²
/// are 0, as the exact ones are or nearly are.
func gaussianRun(
  from u0: Double, step: Double, count: Int, bandwidth h: Double,
  into output: UnsafeMutablePointer<Double>
) {
  let scale = -1.442_695_040_888_963_4 / (2 * h * h)
  let lanes = SIMD8<Double>(0, 1, 2, 3, 4, 5, 6, 7)
  var k = 0
  while k < count {
    let u = SIMD8(repeating: u0).addingProduct(lanes + Double(k), step)
    let t = u * u * scale
    var values = negativePowerOfTwo(t)
    values.replace(with: 0, where: t .< -1022)
    if count &- k >= 8 {
      UnsafeMutableRawPointer(output + k).storeBytes(of: values, as: SIMD8<Double>.self)
    } else {
      for lane in 0..<(count &- k) { output[k &+ lane] = values[lane] }
    }
    k &+= 8
  }
}
