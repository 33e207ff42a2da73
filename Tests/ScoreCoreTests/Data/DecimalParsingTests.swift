// The CSV reader's numbers against the C library's correctly rounded strtod, on many random decimals.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct DecimalParsingTests {
  let files = TemporaryFiles()

  /// Reads `texts` as the x column of a CSV file and checks each against strtod, bit for bit.
  private func expectCorrectlyRounded(_ texts: [String], file name: String) throws {
    let csv = "x,y\n" + texts.map { $0 + ",0\n" }.joined()
    let points = try PointFileReader.read(path: files.write(name, csv)).points
    try #require(points.count == texts.count)
    var mismatches: [String] = []
    for (text, point) in zip(texts, points) {
      let expected = strtod(text, nil)
      if point.x.bitPattern != expected.bitPattern { mismatches.append("\(text): \(point.x) vs \(expected)") }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
  }

  /// Shortest round-trip forms (what `scoreviz data` writes: up to 17 digits) of random
  /// doubles from 1e-25 to 1e25, both signs.
  @Test func shortestFormsOfRandomDoubles() throws {
    var rng = SeededGenerator(seed: 11)
    let texts = (0..<60_000).map { _ -> String in
      let magnitude = Double.random(in: -25...25, using: &rng)
      let value = pow(10, magnitude) * (Bool.random(using: &rng) ? 1 : -1)
      return value.description
    }
    try expectCorrectlyRounded(texts, file: "shortest.csv")
  }

  /// Random digit strings of 1 to 22 significant digits with the point anywhere and
  /// exponents from −32 to 32: every fast path, its edges, and the slow path.
  @Test func randomDigitStrings() throws {
    var rng = SeededGenerator(seed: 12)
    let texts = (0..<60_000).map { _ -> String in
      let count = Int.random(in: 1...22, using: &rng)
      var digits = (0..<count).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
      if digits.first == "0" { digits = "1" + digits.dropFirst() }
      let point = Int.random(in: 0...count, using: &rng)
      var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
      if text.hasPrefix(".") { text = "0" + text }
      if Bool.random(using: &rng) { text += "e\(Int.random(in: -32...32, using: &rng))" }
      return (Bool.random(using: &rng) ? "-" : "") + text
    }
    try expectCorrectlyRounded(texts, file: "digits.csv")
  }

  /// Exact ties between two doubles and decimals one unit in the 19th digit away from them,
  /// where a rounding that goes through an intermediate precision can go wrong: the midpoints
  /// (2⁵³ + 2j + 1)·2⁻ᵏ, written exactly as (2⁵³ + 2j + 1)·5ᵏ·10⁻ᵏ.
  @Test func tiesAndNearTies() throws {
    var rng = SeededGenerator(seed: 13)
    var texts: [String] = []
    for _ in 0..<5_000 {
      let odd = (UInt64(1) << 53) + 2 * UInt64.random(in: 0..<(1 << 40), using: &rng) + 1
      let k = Int.random(in: 0...3, using: &rng)
      var power: UInt64 = 1
      for _ in 0..<k { power *= 5 }
      let tie = odd * power
      for digits in [tie, tie - 1, tie + 1] {
        texts.append(k == 0 ? String(digits) : "\(digits)e-\(k)")
      }
    }
    try expectCorrectlyRounded(texts, file: "ties.csv")
  }
}
