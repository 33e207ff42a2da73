// A 2-D point set split into x and y columns of Double for the metrics' pair loops.

/// A 2-D point set as two `Double` columns, the layout the pair loops read.
struct PointColumns {
  var xs: [Double]
  var ys: [Double]

  /// Splits interleaved `Float` points x₀, y₀, x₁, y₁, … into columns.
  init(_ interleaved: [Float]) {
    precondition(interleaved.count.isMultiple(of: 2), "points are (x, y) pairs")
    let n = interleaved.count / 2
    xs = (0..<n).map { Double(interleaved[2 * $0]) }
    ys = (0..<n).map { Double(interleaved[2 * $0 + 1]) }
  }

  var count: Int { xs.count }
}
