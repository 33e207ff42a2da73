// The geometric noise ladder: levels, parsing, errors and the nearest-level rule.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct NoiseLadderTests {
  /// σᵢ = 1·(0.01)^((i−1)/9): the standard ladder's levels to Float precision (relative 1e-6).
  @Test func standardLadderIsGeometric() {
    let ladder = NoiseLadder.standard
    #expect(ladder.count == 10)
    for (index, level) in ladder.levels.enumerated() {
      #expect(isClose(Double(level), pow(0.01, Double(index) / 9), relative: 1e-6))
      #expect(isClose(Double(ladder.logLevels[index]), log(Double(level)), relative: 1e-6))
    }
    #expect(ladder.description == "1.0:0.01:10")
  }

  @Test func parsesAndRoundTrips() throws {
    #expect(try NoiseLadder(parsing: "1.0:0.01:10") == NoiseLadder.standard)
    let single = try NoiseLadder(parsing: "0.5:0.5:1")
    #expect(single.levels == [0.5])
    let ladder = try NoiseLadder(parsing: " 2 : 0.5 : 3 ")
    #expect(ladder.levels == [2, 1, 0.5])
    #expect(try NoiseLadder(parsing: ladder.description) == ladder)
  }

  @Test(arguments: [
    ("1.0:0.01", "column 1: Expected 'MAX:MIN:L', found '1.0:0.01'"),
    ("1.0:abc:10", "column 5: Expected a noise level between 1e-06 and 1e+06, found 'abc'"),
    ("-1:0.01:10", "column 1: Expected a noise level between 1e-06 and 1e+06, found '-1'"),
    ("1e7:0.01:10", "column 1: Expected a noise level between 1e-06 and 1e+06, found '1e7'"),
    ("1:1e-7:10", "column 3: Expected a noise level between 1e-06 and 1e+06, found '1e-7'"),
    ("nan:0.01:10", "column 1: Expected a noise level between 1e-06 and 1e+06, found 'nan'"),
    ("1:inf:10", "column 3: Expected a noise level between 1e-06 and 1e+06, found 'inf'"),
    ("1.0:0.01:0", "column 10: Expected a whole number of levels between 1 and 1000, found '0'"),
    ("1:0.01:1001", "column 8: Expected a whole number of levels between 1 and 1000, found '1001'"),
    ("1:0.01:1000000000", "column 8: Expected a whole number of levels between 1 and 1000, found '1000000000'"),
    ("0.01:1.0:10", "column 1: Expected the largest level first, found '0.01:1.0:10'"),
    ("1:0.01:\u{1B}[2J", "column 8: Expected a whole number of levels between 1 and 1000, found '\\x1b[2J'"),
  ])
  func rejectsBadSpecifications(text: String, message: String) {
    #expect {
      try NoiseLadder(parsing: text)
    } throws: { error in
      (error as? NoiseLadderError)?.description == message
    }
  }

  /// The length is bounded: 1,000 levels build, 1,001 are refused by either initialiser.
  @Test func lengthIsBounded() throws {
    #expect(try NoiseLadder(maximum: 1, minimum: 0.01, count: 1_000).count == 1_000)
    #expect {
      try NoiseLadder(maximum: 1, minimum: 0.01, count: 1_001)
    } throws: { error in
      (error as? NoiseLadderError)?.description
        == "column 1: Expected a whole number of levels between 1 and 1000, found '1001'"
    }
  }

  /// The standard ladder's σ₅ = 0.129 and σ₆ = 0.0774 are equally far from 0.1 in log σ:
  /// the tie goes to the larger; elsewhere the nearest wins.
  @Test func nearestLevel() {
    let ladder = NoiseLadder.standard
    #expect(ladder.indexOfLevel(nearest: 0.1) == 4)
    #expect(ladder.indexOfLevel(nearest: 0.08) == 5)
    #expect(ladder.indexOfLevel(nearest: 5) == 0)
    #expect(ladder.indexOfLevel(nearest: 1e-4) == 9)
  }
}
