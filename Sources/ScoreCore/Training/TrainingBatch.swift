// One drawn training batch: perturbed points, their noise levels and random draws.

/// The per-point quantities of one training step, drawn on the calling thread so that one
/// and two threads see exactly the same batch.
///
/// Points and 2-vectors are interleaved (x₀, y₀, x₁, y₁, …). Nothing is allocated after `init`.
final class TrainingBatch {
  /// The most points a batch holds.
  let capacity: Int
  /// The number of points in the current batch.
  var count = 0
  /// x̃ = x + σz.
  let points: AlignedFloatBuffer
  /// σ of each point.
  let noiseLevels: AlignedFloatBuffer
  /// log σ of each point, the network's third input.
  let logNoiseLevels: AlignedFloatBuffer
  /// z ~ N(0, I) of each point.
  let noise: AlignedFloatBuffer
  /// The projection v ~ N(0, I) of each point (`ssm`).
  let directions: AlignedFloatBuffer
  /// The target score t(x̃, σ) of each point (`esm`).
  let targets: AlignedFloatBuffer
  /// The ladder level of each point, −1 for a level not on the ladder.
  var levelIndices: [Int]
  /// Points of one level gathered for a target evaluation, and their scores.
  let gatheredPoints: AlignedFloatBuffer
  let gatheredScores: AlignedFloatBuffer

  init(capacity: Int) {
    self.capacity = capacity
    points = AlignedFloatBuffer(count: 2 * capacity)
    noiseLevels = AlignedFloatBuffer(count: capacity)
    logNoiseLevels = AlignedFloatBuffer(count: capacity)
    noise = AlignedFloatBuffer(count: 2 * capacity)
    directions = AlignedFloatBuffer(count: 2 * capacity)
    targets = AlignedFloatBuffer(count: 2 * capacity)
    levelIndices = [Int](repeating: -1, count: capacity)
    gatheredPoints = AlignedFloatBuffer(count: 2 * capacity)
    gatheredScores = AlignedFloatBuffer(count: 2 * capacity)
  }

  /// Fills `targets` from `target`: one call per distinct level of `levels` for points on the
  /// ladder, and one call per point at its own σ for points off it (level index −1, the
  /// `continuous` draws).
  func evaluateTargets<Target: BatchScoreFunction>(
    _ target: inout Target, levels: [Float]
  ) {
    for point in 0..<count where levelIndices[point] < 0 {
      target.evaluateScores(
        at: points.pointer + 2 * point, count: 1, noiseLevel: noiseLevels.pointer[point],
        into: targets.pointer + 2 * point)
    }
    for level in levels.indices {
      var gathered = 0
      for point in 0..<count where levelIndices[point] == level {
        gatheredPoints.pointer[2 * gathered] = points.pointer[2 * point]
        gatheredPoints.pointer[2 * gathered + 1] = points.pointer[2 * point + 1]
        gathered += 1
      }
      guard gathered > 0 else { continue }
      target.evaluateScores(
        at: gatheredPoints.pointer, count: gathered, noiseLevel: levels[level],
        into: gatheredScores.pointer)
      gathered = 0
      for point in 0..<count where levelIndices[point] == level {
        targets.pointer[2 * point] = gatheredScores.pointer[2 * gathered]
        targets.pointer[2 * point + 1] = gatheredScores.pointer[2 * gathered + 1]
        gathered += 1
      }
    }
  }
}
