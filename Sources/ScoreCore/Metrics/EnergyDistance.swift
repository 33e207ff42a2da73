// The energy distance between two 2-D point sets, the `quality` workload's first metric.

/// Energy distance between two point sets (Székely & Rizzo), WORKLOADS.md "Exact definitions".
///
/// D(X, Y) = √(2A − B − C) with
/// A = (1/nm) Σᵢ Σⱼ ‖xᵢ − yⱼ‖, B = (1/n²) Σᵢ Σᵢ′ ‖xᵢ − xᵢ′‖, C = (1/m²) Σⱼ Σⱼ′ ‖yⱼ − yⱼ′‖,
/// the mean Euclidean distances over all ordered pairs (B and C include i = i′, whose
/// distance is 0). 2A − B − C ≥ 0 in exact arithmetic; a value rounded below zero (equal sets)
/// gives 0.
///
/// Points are interleaved `Float`s x₀, y₀, x₁, y₁, …, converted to `Double` once; every
/// difference, square root and sum is in `Double`. The O(nm + n² + m²) pair loops run
/// eight pairs per SIMD step and visit each unordered within-set pair once.
public enum EnergyDistance {
  /// √(2A − B − C) between the point sets `x` and `y` (both non-empty).
  public static func between(_ x: [Float], _ y: [Float]) -> Double {
    let first = PointColumns(x)
    let second = PointColumns(y)
    let cross = meanCrossDistance(first, second)
    let withinFirst = meanWithinDistance(first)
    let withinSecond = meanWithinDistance(second)
    return max(0, 2 * cross - withinFirst - withinSecond).squareRoot()
  }

  /// A = (1/nm) Σᵢ Σⱼ ‖aᵢ − bⱼ‖ over interleaved point sets (both non-empty).
  public static func meanCrossDistance(_ a: [Float], _ b: [Float]) -> Double {
    meanCrossDistance(PointColumns(a), PointColumns(b))
  }

  /// B = (1/n²) Σᵢ Σᵢ′ ‖aᵢ − aᵢ′‖ over all ordered pairs including i = i′ (non-empty set).
  public static func meanWithinDistance(_ a: [Float]) -> Double {
    meanWithinDistance(PointColumns(a))
  }

  static func meanCrossDistance(_ a: PointColumns, _ b: PointColumns) -> Double {
    precondition(a.count > 0 && b.count > 0, "energy distance needs non-empty point sets")
    var total = 0.0
    a.xs.withUnsafeBufferPointer { ax in
      a.ys.withUnsafeBufferPointer { ay in
        b.xs.withUnsafeBufferPointer { bx in
          b.ys.withUnsafeBufferPointer { by in
            for i in 0..<a.count {
              total += distanceSum(
                from: SIMD2(ax[i], ay[i]), xs: bx.baseAddress!, ys: by.baseAddress!,
                count: b.count)
            }
          }
        }
      }
    }
    return total / (Double(a.count) * Double(b.count))
  }

  static func meanWithinDistance(_ a: PointColumns) -> Double {
    precondition(a.count > 0, "energy distance needs non-empty point sets")
    var total = 0.0
    a.xs.withUnsafeBufferPointer { ax in
      a.ys.withUnsafeBufferPointer { ay in
        let xs = ax.baseAddress!
        let ys = ay.baseAddress!
        for i in 0..<a.count {
          let rest = i &+ 1
          total += distanceSum(
            from: SIMD2(xs[i], ys[i]), xs: xs + rest, ys: ys + rest, count: a.count &- rest)
        }
      }
    }
    return 2 * total / (Double(a.count) * Double(a.count))
  }

  /// Σⱼ ‖p − (xsⱼ, ysⱼ)‖ for `count` points stored as two columns.
  @inline(__always)
  static func distanceSum(
    from p: SIMD2<Double>, xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, count: Int
  ) -> Double {
    typealias Lanes = SIMD8<Double>
    let width = Lanes.scalarCount
    let px = Lanes(repeating: p.x)
    let py = Lanes(repeating: p.y)
    var sum0 = Lanes()
    var sum1 = Lanes()
    var j = 0
    while j &+ 2 &* width <= count {
      let dx0 = UnsafeRawPointer(xs + j).loadUnaligned(as: Lanes.self) - px
      let dy0 = UnsafeRawPointer(ys + j).loadUnaligned(as: Lanes.self) - py
      let dx1 = UnsafeRawPointer(xs + (j &+ width)).loadUnaligned(as: Lanes.self) - px
      let dy1 = UnsafeRawPointer(ys + (j &+ width)).loadUnaligned(as: Lanes.self) - py
      sum0 += (dx0 * dx0).addingProduct(dy0, dy0).squareRoot()
      sum1 += (dx1 * dx1).addingProduct(dy1, dy1).squareRoot()
      j &+= 2 &* width
    }
    let lanes = sum0 + sum1
    var total = (lanes.lowHalf + lanes.highHalf).sum()
    while j < count {
      let dx = xs[j] - p.x
      let dy = ys[j] - p.y
      total += (dx * dx).addingProduct(dy, dy).squareRoot()
      j &+= 1
    }
    return total
  }
}
