// Fuzzing the TOML theme reader: mutated theme files must give a theme or a ThemeError.

import ScoreTestSupport
import ScoreView
import Testing

/// Feeds `SCOREVIZ_FUZZ_SECONDS` (default 3) of seeded mutants of valid theme files to
/// `Theme.decode(fileContents:name:file:)` (see `FuzzCampaign`), as the executable hands it a
/// file's bytes: every input gives a theme or a `ThemeError` (one for bytes that are not
/// UTF-8), errors and warnings are one printable line, no input takes more than 2 s, and peak
/// memory grows by less than 1 GiB.
@Suite struct ThemeFuzzTests {
  static var corpus: [String] {
    var full = "# every role\n[colors]\n"
    for (offset, role) in ThemeRole.allCases.enumerated() {
      full += "\(role.rawValue) = \"#\(offset % 10)\(offset % 10)1020\"\n"
    }
    full += "\n[gradients]\n"
    for gradient in ThemeGradient.allCases {
      full += "\(gradient.rawValue) = [\"#440154\", \"#21918c\",\n  \"#fde725\", ]  # stops\n"
    }
    return [
      full,
      "[colors]\r\ntext = 'default'\r\n\"dim_text\" = \"#7f\"\r\n",
      "version = 2\n[fonts]\nsize = 1_000\nratio = -2.5e-3\nflag = true\nlist = [[1, 2], [\"a\\u00e9\\U0001F600\"]]\n",
      "[gradients]\nheat_map = [\"#000000\", \"#ffffff\"]\n[colors]\naccent = \"#abcdef\" # c\n",
    ]
  }

  static func problem(inLine line: String) -> String? {
    line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
      ? "line with a control character: \(line.debugDescription)" : nil
  }

  @Test func themeFiles() {
    let report = FuzzCampaign.run(target: "theme", corpus: Self.corpus.map { Array($0.utf8) }) { bytes in
      do {
        let loaded = try Theme.decode(fileContents: bytes, name: "fuzz", file: "fuzz.toml")
        return loaded.warnings.lazy.compactMap { Self.problem(inLine: $0.description) }.first
      } catch let error as ThemeError {
        return Self.problem(inLine: error.description)
      } catch {
        return "unexpected error \(type(of: error)): \(error)"
      }
    }
    #expect(report.executions > 0)
    #expect(report.unexpected.isEmpty, "\(report.unexpected.prefix(5))")
    #expect(report.slowestSeconds < 2, "iteration \(report.slowestIteration) took \(report.slowestSeconds) s")
    #expect(report.peakMemoryGrowth < 1 << 30)
  }
}
