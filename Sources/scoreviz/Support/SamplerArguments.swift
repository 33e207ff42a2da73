// The sampler and process names as command-line values.

import ArgumentParser
import ScoreCore

/// The case of `Choice` named `text`; a `ValidationError` listing the names otherwise.
func parseChoice<Choice: RawRepresentable & CaseIterable>(_ text: String, as _: Choice.Type) throws -> Choice
where Choice.RawValue == String {
  guard let choice = Choice(rawValue: text) else {
    let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
    throw ValidationError("choose one of \(names)")
  }
  return choice
}
