// The generator is reproducible and its normal draws have the right moments.

import ScoreCore
import Testing

@Suite struct SeededGeneratorTests {
  @Test func sameSeedSameStream() {
    var a = SeededGenerator(seed: 7)
    var b = SeededGenerator(seed: 7)
    var c = SeededGenerator(seed: 8)
    let streamA = (0..<16).map { _ in a.next() }
    #expect(streamA == (0..<16).map { _ in b.next() })
    #expect(streamA != (0..<16).map { _ in c.next() })
  }

  /// Mean and variance of 200k draws within 5 standard errors of 0 and 1.
  @Test func normalMoments() {
    var rng = SeededGenerator(seed: 1)
    var buffer = [Float](repeating: 0, count: 200_000)
    buffer.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
    let n = Double(buffer.count)
    let mean = buffer.reduce(0.0) { $0 + Double($1) } / n
    let variance = buffer.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / (n - 1)
    #expect(abs(mean) < 5 / n.squareRoot())
    #expect(abs(variance - 1) < 5 * (2 / n).squareRoot())
  }
}
