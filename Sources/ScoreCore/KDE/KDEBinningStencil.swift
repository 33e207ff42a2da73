// The Lagrange stencils of KDE binning and the bound on their error for a Gaussian kernel.

import Foundation

/// Lagrange interpolation through `nodes` equally spaced nodes for a point between the middle
/// two: the binning stencil of one axis, and the bound on its relative error.
///
/// With t ∈ [0, 1] the point's place past the lower middle node (in node spacings) and
/// w = t(t − 1) ∈ [−¼, 0], the nodes pair up as (t + j − 1)(t − j) = w − j(j − 1),
/// j = 1…nodes/2, so the node polynomial is Π = Πⱼ (w − j(j − 1)) and |Π| ≤ Πⱼ (j − ½)², at
/// t = ½. For f(x) = φ_h(X − x) and n = nodes, f⁽ⁿ⁾ = φ_h·Heₙ/hⁿ (Heₙ the probabilists'
/// Hermite polynomial), and the remainder f⁽ⁿ⁾(ξ)/n!·Π·δⁿ has ξ within (n/2)δ of the point.
/// Relative to f, at an offset a between cell and point (in h) and spacing s = δ/h, that is at
/// most ē₁(a) = max|Π|/n!·sⁿ·sup_{|b| ≤ a + (n/2)s} |Heₙ(b)|·exp(g(a)/2), with
/// g(a) = a² − max(0, a − (n/2)s)² the largest a′² − b² over a′ ≤ a and |b − a′| ≤ (n/2)s.
/// ē₁ increases with a and bounds the error at every offset up to a.
///
/// The derivative stencils bound the same interpolation of the first-moment factor
/// f(x) = ((x − X)/h)·φ_h(X − x), whose n-th derivative is ±Heₙ₊₁·φ_h/hⁿ: the same ē₁ with
/// Heₙ₊₁ for Heₙ, still relative to φ_h(X − x) (f itself vanishes at x = X).
struct KDEBinningStencil {
  /// The number of nodes, n.
  let nodes: Int
  /// The degree of the Hermite polynomial in the remainder: n, or n + 1 for the first moment.
  let hermiteDegree: Int
  /// max |Π| / n!.
  let remainderFactor: Double
  /// The largest Σₖ |Lₖ(t)| over t ∈ [0, 1] (reached at t = ½).
  let lebesgueConstant: Double
  /// Where |He_d| (d = `hermiteDegree`) has its local maxima on b ≥ 0 (0 and the positive
  /// zeros of He_{d−1} = He_d′/d), with |He_d| there.
  let hermiteMaxima: [(position: Double, value: Double)]
  /// Beyond this b, He_d(b) exceeds every local maximum of |He_d|: past the last one He_d
  /// increases (He_d′ = d·He_{d−1} has no zero left), so there sup |He_d| over [0, b] is He_d(b).
  let hermiteDominance: Double

  /// Four nodes (weights of degree 3).
  static let cubic = KDEBinningStencil(nodes: 4, lebesgueConstant: 5.0 / 4)
  /// Eight nodes (weights of degree 7).
  static let septic = KDEBinningStencil(nodes: 8, lebesgueConstant: 381.0 / 256)
  /// Four nodes, for the first-moment factor.
  static let cubicMoment = KDEBinningStencil(nodes: 4, lebesgueConstant: 5.0 / 4, moment: true)
  /// Eight nodes, for the first-moment factor.
  static let septicMoment = KDEBinningStencil(
    nodes: 8, lebesgueConstant: 381.0 / 256, moment: true)

  private init(nodes: Int, lebesgueConstant: Double, moment: Bool = false) {
    self.nodes = nodes
    self.lebesgueConstant = lebesgueConstant
    let degree = moment ? nodes + 1 : nodes
    hermiteDegree = degree
    var largestNodePolynomial = 1.0
    var factorial = 1.0
    for j in 1...nodes / 2 {
      largestNodePolynomial *= (Double(j) - 0.5) * (Double(j) - 0.5)
    }
    for k in 1...nodes { factorial *= Double(k) }
    remainderFactor = largestNodePolynomial / factorial
    // The zeros of He_{d−1} lie below √(4d); they are more than 0.5 apart, so steps of 0.01
    // separate them, and bisection pins each down.
    var maxima = [(position: 0.0, value: abs(Self.hermite(degree, 0)))]
    let lower = degree - 1
    var b = 0.005
    while b < (4 * Double(degree)).squareRoot() {
      var low = b
      var high = b + 0.01
      if (Self.hermite(lower, low) < 0) != (Self.hermite(lower, high) < 0) {
        for _ in 0..<60 {
          let middle = (low + high) / 2
          if (Self.hermite(lower, low) < 0) == (Self.hermite(lower, middle) < 0) {
            low = middle
          } else {
            high = middle
          }
        }
        maxima.append((low, abs(Self.hermite(degree, low))))
      }
      b += 0.01
    }
    hermiteMaxima = maxima
    let largestMaximum = maxima.map(\.value).max()!
    var dominance = maxima.last!.position
    while Self.hermite(degree, dominance) < largestMaximum { dominance += 0.01 }
    hermiteDominance = dominance
  }

  /// ē₁ at spacing s.
  func axisError(spacing s: Double) -> AxisError {
    AxisError(
      stencil: self, factor: remainderFactor * pow(s, Double(nodes)), reach: Double(nodes / 2) * s)
  }

  /// ē₁ of one stencil at one spacing s: `factor` = max|Π|/n!·sⁿ, `reach` = (n/2)s.
  struct AxisError {
    let stencil: KDEBinningStencil
    let factor: Double
    let reach: Double

    /// ē₁(a).
    func callAsFunction(_ a: Double) -> Double {
      let nearest = max(0, a - reach)
      return factor * stencil.largestHermite(upTo: a + reach)
        * exp((a * a - nearest * nearest) / 2)
    }
  }

  /// sup |He_d(b)| over 0 ≤ b ≤ `bound`, d = `hermiteDegree`: the largest of the end value
  /// and the local maxima reached.
  func largestHermite(upTo bound: Double) -> Double {
    var largest = abs(Self.hermite(hermiteDegree, bound))
    if bound >= hermiteDominance { return largest }
    for maximum in hermiteMaxima where maximum.position <= bound {
      largest = max(largest, maximum.value)
    }
    return largest
  }

  /// Heₙ(b) from He₀ = 1, He₁ = b, Heₖ₊₁ = b·Heₖ − k·Heₖ₋₁.
  static func hermite(_ n: Int, _ b: Double) -> Double {
    var previous = 1.0
    var current = b
    if n == 0 { return previous }
    for k in 1..<n {
      (previous, current) = (current, b * current - Double(k) * previous)
    }
    return current
  }
}
