// Small seeded data, engine settings and analytic score fields shared by the engine tests.

import Foundation
import ScoreCore
import ScoreEngine

/// Seeded inputs small enough that an epoch takes milliseconds.
enum EngineTestData {
  /// `count` moons points from `seed`, prepared for training.
  static func moons(count: Int = 100, seed: UInt64 = 1) -> TrainingData {
    var rng = SeededGenerator(seed: seed)
    return TrainingData(BuiltinDataset.moons.makeDataset(count: count, using: &rng))
  }

  /// Batch 32, so that 100 points give ⌈100/32⌉ = 4 steps, clamped up to 8 per epoch.
  static let settings = TrainingEngine.Settings(batchSize: 32, learningRate: 1e-3, seed: 4)

  /// Steps per epoch for `moons()` with `settings`.
  static let stepsPerEpoch = 8
}

/// The score of N(mean, τ²I) smoothed by N(0, σ²I): s(x, σ) = −(x − mean)/(τ² + σ²).
struct GaussianScore: BatchScoreFunction {
  var mean: SIMD2<Float>
  var variance: Float

  mutating func evaluateScores(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float, into scores: UnsafeMutablePointer<Float>
  ) {
    let total = variance + noiseLevel * noiseLevel
    for i in 0..<count {
      scores[2 * i] = -(points[2 * i] - mean.x) / total
      scores[2 * i + 1] = -(points[2 * i + 1] - mean.y) / total
    }
  }
}

/// A zero field that records the noise level of every call.
struct RecordingZeroScore: BatchScoreFunction {
  var noiseLevels: [Float] = []

  mutating func evaluateScores(
    at points: UnsafePointer<Float>, count: Int, noiseLevel: Float, into scores: UnsafeMutablePointer<Float>
  ) {
    noiseLevels.append(noiseLevel)
    scores.update(repeating: 0, count: 2 * count)
  }
}

/// Whether `condition` became true within `seconds`, asking every 5 ms.
func eventually(within seconds: Double, _ condition: () -> Bool) -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  while Date() < deadline {
    if condition() { return true }
    Thread.sleep(forTimeInterval: 0.005)
  }
  return condition()
}
