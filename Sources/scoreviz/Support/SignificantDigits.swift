// Numbers in the executable's messages and tables: significant digits, a dash when not finite.

import ScoreCore

/// `value` with `digits` significant digits (`NumberText.significant`), "—" when not finite.
func formatted(_ value: Double, digits: Int) -> String {
  NumberText.significant(value, digits: digits, missing: "—")
}
