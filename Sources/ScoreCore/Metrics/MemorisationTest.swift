// Which samples sit on a training point: nearer to it than a third of the way to the next one.

/// The memorisation test of Gu et al. (2023), MATH.md §7: a sample is memorised when the
/// distance to its nearest training point is less than ⅓ of the distance to its second
/// nearest, d₁ < d₂/3.
///
/// With the exact empirical score the reverse process ends on the training points (d₁ → 0),
/// so a model that reproduces its data scores near 1; samples of the smooth density the data
/// were drawn from score near the fraction that falls that close by chance. The search is a
/// `TwoNearestSearch`, O((N + M) log N) for M samples and N training points.
///
/// Defined results at the edges:
/// - Duplicate training points count twice: a sample exactly on a point that appears twice
///   has d₁ = d₂ = 0 and is not memorised (0 < 0 is false). A point repeated in the training
///   data is no evidence that a sample copied it rather than the density's mode there.
/// - With fewer than two training points there is no second distance to compare with, so no
///   sample is memorised.
/// - A sample with a NaN or infinite coordinate is not memorised.
/// - The fraction of no samples is 0.
///
/// Distances are Euclidean in the coordinates given; the test is unchanged by moving,
/// rotating or uniformly scaling both sets, but not by scaling one axis alone.
public struct MemorisationTest: Sendable {
  /// The search over the training points.
  public let search: TwoNearestSearch

  /// A test against `trainingPoints` (finite coordinates).
  public init(trainingPoints: [SIMD2<Double>]) {
    search = TwoNearestSearch(points: trainingPoints)
  }

  /// Whether d₁ < d₂/3 for `sample` (false when d₂ is infinite: fewer than two training points
  /// or a sample that is not finite).
  public func isMemorised(_ sample: SIMD2<Double>) -> Bool {
    let (nearest, second) = search.distances(to: sample)
    return second.isFinite && nearest < second / 3
  }

  /// How many of `samples` are memorised.
  public func memorisedCount(_ samples: [SIMD2<Double>]) -> Int {
    samples.reduce(0) { $0 + (isMemorised($1) ? 1 : 0) }
  }

  /// The share of `samples` that are memorised, in [0, 1]; 0 for no samples.
  public func memorisedFraction(_ samples: [SIMD2<Double>]) -> Double {
    samples.isEmpty ? 0 : Double(memorisedCount(samples)) / Double(samples.count)
  }
}
