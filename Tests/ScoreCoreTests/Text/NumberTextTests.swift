// NumberText: every rendering against literal strings, at and around each boundary.

import ScoreCore
import Testing

@Suite struct NumberTextTests {
  @Test(arguments: [
    (0.0, "0"), (0.1, "0.100"), (12.34, "12.3"), (-4500, "-4500"), (99_999, "99999"),
    (1e5, "1.00e+05"), (0.001, "0.00100"), (0.000_999, "9.99e-04"), (2e-5, "2.00e-05"),
    (.nan, "-"), (.infinity, "-"), (-.infinity, "-"),
  ])
  func compact(value: Double, text: String) {
    #expect(NumberText.compact(value, missing: "-") == text)
  }

  @Test(arguments: [
    (0.0005, 3, "0.0005"), (0.912_44, 4, "0.9124"), (1_500_000, 2, "1.5e+06"), (1.0, 3, "1"),
    (-2.7, 1, "-3"), (123.456, 5, "123.46"), (.nan, 3, "—"), (-.infinity, 3, "—"),
  ])
  func significant(value: Double, digits: Int, text: String) {
    #expect(NumberText.significant(value, digits: digits, missing: "—") == text)
  }

  @Test(arguments: [
    (0.0, "0"), (950, "950"), (999.4, "999"), (1_000, "1.00k"), (1_820, "1.82k"), (9_999, "10.00k"),
    (10_000, "10k"), (182_000, "182k"), (1_000_000, "1.00M"), (1_250_000, "1.25M"),
    (-1, "-"), (.nan, "-"), (.infinity, "-"),
  ])
  func rate(value: Double, text: String) {
    #expect(NumberText.rate(value, missing: "-") == text)
  }

  @Test func count() {
    #expect(NumberText.count(0, missing: "-") == "0")
    #expect(NumberText.count(1234, missing: "-") == "1234")
    #expect(NumberText.count(-1, missing: "-") == "-")
  }
}
