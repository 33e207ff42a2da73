// The error of a learned field against the KDE truth at the same probes.

extension FieldError {
  /// The error of `learned` against `truth.scores`, weighted by `truth.densities`.
  ///
  /// Both fields are rounded to `Float` first, as a network computes them.
  /// - Precondition: `learned` has one score per probe of `truth`.
  public init(learned: [SIMD2<Double>], truth: KDEScoreTruth) {
    precondition(learned.count == truth.scores.count, "one learned score per probe")
    var model = [Float](repeating: 0, count: 2 * learned.count)
    var reference = model
    for k in learned.indices {
      model[2 * k] = Float(learned[k].x)
      model[2 * k + 1] = Float(learned[k].y)
      reference[2 * k] = Float(truth.scores[k].x)
      reference[2 * k + 1] = Float(truth.scores[k].y)
    }
    self.init(model: model, reference: reference, weights: truth.densities)
  }
}
