// Sample quality and field accuracy, as `eval` and the `quality` workload report them.

import ScoreCore

/// Energy distance and sliced Wasserstein-2 between two point sets (WORKLOADS.md definitions).
struct SampleDistances {
  var energyDistance: Double
  var slicedWasserstein: Double

  init(_ samples: [SIMD2<Double>], _ reference: [SIMD2<Double>]) {
    let a = interleavedFloats(samples)
    let b = interleavedFloats(reference)
    energyDistance = EnergyDistance.between(a, b)
    slicedWasserstein = SlicedWasserstein.between(a, b)
  }
}

/// x₀, y₀, x₁, y₁, … as Float.
func interleavedFloats(_ points: [SIMD2<Double>]) -> [Float] {
  var values: [Float] = []
  values.reserveCapacity(2 * points.count)
  for p in points {
    values.append(Float(p.x))
    values.append(Float(p.y))
  }
  return values
}

/// The learned field's error against the KDE score at h = σ, weighted by p_σ, per level.
///
/// Works in the model's standardised units: the probes are the centres of a 40×40 tiling of
/// the data's bounding box padded by 3σ, weighted by the KDE density at h = σ (MATH.md's
/// link: that density is p_σ, and its score is what the network should have learned).
func fieldErrors(
  network: ScoreNetwork, ladder: NoiseLadder, standardizedPoints: [SIMD2<Double>]
) -> [(sigma: Float, error: FieldError)] {
  var evaluator = ScoreNetworkEvaluator(network: network)
  return ladder.levels.map { sigma in
    let probes = PlotBox.bounding(standardizedPoints, padding: 3 * Double(sigma))
      .cellCentres(columns: 40, rows: 40)
    let truth = KDEScoreTruth(points: standardizedPoints, noiseLevel: sigma, probes: probes)
    let learned = evaluator.scores(at: probes, noiseLevel: sigma)
    return (sigma, FieldError(learned: learned, truth: truth))
  }
}
