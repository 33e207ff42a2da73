// Hostile flag values for every command: one line `scoreviz: …`, exit 64, nothing written, no trap.

import Foundation
import ScoreCore
import ScoreTestSupport
import Testing

@Suite struct HostileFlagTests {
  /// A command line and the one usage line it must get. Every case fails in parsing or
  /// `validate()` (or, for a bandwidth out of the data's bounds, right after loading the
  /// data), so none of them trains, samples or reads a model.
  static let cases: [([String], String)] = [
    // Output names whose extension says a format scoreviz does not write.
    (
      ["data", "moons", "-o", "out.parquet"],
      "-o out.parquet: unknown extension '.parquet'; this output is written as .csv or .npy"
    ),
    (
      ["kde", "--dataset", "moons", "--rule", "scott", "--grid", "4x4", "-o", "dir.d/out.json"],
      "-o dir.d/out.json: unknown extension '.json'; this output is written as .csv"
    ),
    (
      ["train", "--dataset", "moons", "--save", "model.pt"],
      "--save model.pt: unknown extension '.pt'; this output is written as .safetensors"
    ),
    (
      ["sample", "--model", "m.safetensors", "--sampler", "ode", "--trajectories", "paths.xlsx"],
      "--trajectories paths.xlsx: unknown extension '.xlsx'; this output is written as .csv"
    ),
    // Counts and sizes that would allocate too much, and their negative and zero sides.
    (["data", "moons", "-n", "10000000000"], "-n must be at most 10000000, got 10000000000"),
    (["data", "moons", "-n", "-5"], "-n must be at least 1, got -5"),
    (
      ["data", "moons", "-n", "99999999999999999999999"],
      "The value '99999999999999999999999' is invalid for '-n <count>'"
    ),
    (["kde", "--dataset", "moons", "-n", "1", "--grid", "2x2"], "-n must be at least 2, got 1"),
    (
      ["sample", "--model", "m.safetensors", "--particles", "1000000000"],
      "--particles must be at most 10000000, got 1000000000"
    ),
    (["sample", "--model", "m.safetensors", "--particles", "0"], "--particles must be at least 1, got 0"),
    (["sample", "--model", "m.safetensors", "--threads", "100000"], "--threads must be at most 64, got 100000"),
    (
      ["sample", "--model", "m.safetensors", "--steps-per-level", "-1"], "--steps-per-level must be at least 0, got -1"
    ),
    (
      ["sample", "--model", "m.safetensors", "--plain", "--steps", "10000000"],
      "--steps must be at most 1000000, got 10000000"
    ),
    (["train", "--batch", "100000000"], "--batch must be at most 16384, got 100000000"),
    (["train", "--batch", "0"], "--batch must be at least 1, got 0"),
    (["train", "--steps", "10000000000"], "--steps must be at most 1000000000, got 10000000000"),
    (
      ["train", "--sigmas", "1:0.01:1000000000"],
      "--sigmas: column 8: Expected a whole number of levels between 1 and 1000, found '1000000000'"
    ),
    (
      ["train", "--sigmas", "nan:0.01:10"],
      "--sigmas: column 1: Expected a noise level between 1e-06 and 1e+06, found 'nan'"
    ),
    (
      ["train", "--sigmas", "1e30:0.01:10"],
      "--sigmas: column 1: Expected a noise level between 1e-06 and 1e+06, found '1e30'"
    ),
    (
      ["eval", "--model", "m.safetensors", "--particles", "1000000"], "--particles must be at most 100000, got 1000000"
    ),
    (["eval", "--model", "m.safetensors", "--particles", "1"], "--particles must be at least 2, got 1"),
    (["bench", "--runs", "1000000000"], "--runs must be at most 100, got 1000000000"),
    (["render", "--steps", "-1"], "--steps must be at least 0, got -1"),
    (["render", "--width", "100000"], "--width must be at most 2000, got 100000"),
    (["render", "--height", "-1"], "--height must be at least 1, got -1"),
    (["render", "--width", "0"], "--width must be at least 1, got 0"),
    (["live", "--particles", "1000000"], "--particles must be at most 100000, got 1000000"),
    (["live", "--batch", "100000000"], "--batch must be at most 16384, got 100000000"),
    (
      ["live", "--sigmas", "1:0.01:1000000000"],
      "--sigmas: column 8: Expected a whole number of levels between 1 and 1000, found '1000000000'"
    ),
    (["live", "--seed", "-1"], "The value '-1' is invalid for '--seed <seed>'"),
    (
      ["live", "--noise", "Continuous"],
      "--noise: unknown noise distribution 'Continuous'; choose one of ladder, continuous"
    ),
    (
      ["render", "--noise", "continuous", "--objective", "dsm"],
      "--noise continuous does not go with --objective dsm, which trains one fixed noise level"
    ),
    // Grids.
    (
      ["kde", "--dataset", "moons", "--grid", "100000x100000"],
      "--grid may have at most 4000000 cells, got 100000x100000"
    ),
    (
      ["kde", "--dataset", "moons", "--grid", "9999999999x9999999999"],
      "--grid may have at most 4000000 cells, got 9999999999x9999999999"
    ),
    (["kde", "--dataset", "moons", "--grid", "0x5"], "--grid needs at least 1 column and 1 row, got 0x5"),
    (
      ["field", "--source", "kde", "--dataset", "moons", "--grid", "-3x5"],
      "--grid needs at least 1 column and 1 row, got -3x5"
    ),
    (
      ["field", "--source", "kde", "--dataset", "moons", "--grid", "3by5"],
      "The value '3by5' is invalid for '--grid <grid>'"
    ),
    // Real numbers: zero, negative, NaN, infinite, huge.
    (
      ["kde", "--dataset", "moons", "--grid", "2x2", "--bandwidth", "1e-300"],
      "--bandwidth must be between 1e-100 and 1e+100, got 1e-300"
    ),
    (
      ["kde", "--dataset", "moons", "--grid", "2x2", "--bandwidth", "nan"],
      "--bandwidth must be between 1e-100 and 1e+100, got nan"
    ),
    (
      ["kde", "--dataset", "moons", "--grid", "2x2", "--bandwidth", "-1"],
      "--bandwidth must be between 1e-100 and 1e+100, got -1.0"
    ),
    (["field", "--model", "m.safetensors", "--sigma", "nan"], "--source model needs a positive --sigma"),
    (
      ["field", "--model", "m.safetensors", "--sigma", "1e7"], "--sigma must be between 1e-06 and 1e+06, got 10000000.0"
    ),
    (["sample", "--model", "m.safetensors", "--eps", "0"], "--eps must be positive, got 0.0"),
    (["sample", "--model", "m.safetensors", "--eps", "inf"], "--eps must be at most 1, got inf"),
    (
      ["sample", "--model", "m.safetensors", "--plain", "--sigma", "-0.5"],
      "--sigma must be between 1e-06 and 1e+06, got -0.5"
    ),
    (["eval", "--model", "m.safetensors", "--eps", "nan"], "--eps must be positive, got nan"),
    (["train", "--lr", "nan"], "--lr must be positive, got nan"),
    (["train", "--lr", "inf"], "--lr must be at most 1e+06, got inf"),
    (["train", "--seconds", "1e300"], "--seconds must be at most 1e+06, got 1e+300"),
    (["train", "--seconds", "-1"], "--seconds must be positive, got -1.0"),
    (["train", "--ema", "nan"], "--ema must lie in [0, 1), got nan"),
    (["train", "--objective", "dsm", "--dsm-sigma", "1e-9"], "--dsm-sigma must be between 1e-06 and 1e+06, got 1e-09"),
    (["live", "--lr", "-1"], "--lr must be positive, got -1.0"),
    // Columns.
    (
      ["kde", "--data", "p.csv", "--columns", "x,x", "--grid", "2x2"],
      "--columns: the two columns must differ, found 'x,x'"
    ),
    (
      ["kde", "--data", "p.csv", "--columns", "x,y,z", "--grid", "2x2"],
      "--columns: expected two columns such as 'x,y' or '0,1', found 'x,y,z'"
    ),
    (
      ["kde", "--data", "p.csv", "--columns", "", "--grid", "2x2"],
      "--columns: expected two columns such as 'x,y' or '0,1', found ''"
    ),
    (["train", "--data", "p.csv", "--columns", "x,"], "--columns: empty column name in 'x,'"),
    // Empty names and contradictions.
    (["data", "moons", "-o", ""], "-o needs a file name, got ''"),
    (["kde", "--dataset", "moons", "--grid", "2x2", "-o", ""], "-o needs a file name, got ''"),
    (["sample", "--model", "m.safetensors", "-o", ""], "-o needs a file name, got ''"),
    (["train", "--save", ""], "--save needs a file name, got ''"),
    (["train", "--data", ""], "--data needs a file name, got ''"),
    (["kde", "--dataset", "moons", "--at", ""], "--at needs a file name, got ''"),
    (["sample", "--model", ""], "--model needs a file name, got ''"),
    (["field", "--model", "", "--sigma", "1"], "--model needs a file name, got ''"),
    (["eval", "--samples", "", "--reference", "b.csv"], "--samples needs a file name, got ''"),
    (["bench", "--data-dir", ""], "--data-dir needs a file name, got ''"),
    (["render", "--themes-dir", ""], "--themes-dir needs a file name, got ''"),
    (["kde", "--dataset", "moons", "--columns", "x,y", "--grid", "2x2"], "--columns goes with --data FILE"),
    (["field", "--source", "kde", "--dataset", "moons", "--drop-missing"], "--drop-missing goes with --data FILE"),
    (["kde", "--data", "p.csv", "--dataset", "moons", "--grid", "2x2"], "Give either --data or --dataset, not both"),
    (["train", "--objective", "ncsn", "--dsm-sigma", "0.1"], "--dsm-sigma goes with --objective dsm"),
    (
      ["sample", "--model", "m.safetensors", "--steps", "5"],
      "--steps goes with --sampler langevin, sde, pc, ode or heun; annealing takes --steps-per-level"
    ),
    (
      ["sample", "--model", "m.safetensors", "--plain", "--steps-per-level", "5"],
      "--steps-per-level goes with --sampler annealed"
    ),
    (
      ["eval", "--samples", "a.csv", "--reference", "b.csv", "--particles", "10"],
      "--particles, --steps-per-level, --eps, --held-out, --sigmas, --data and --dataset go with --model, not --samples"
    ),
    (["bench", "--quick", "--runs", "3"], "--runs goes without --quick, which runs once"),
    (["train", "--hidden", "15"], "--hidden must be at least 16, got 15"),
    (["train", "--layers", "9"], "--layers must be at most 8, got 9"),
    (["render", "--hidden", "600"], "--hidden must be at most 512, got 600"),
    (["bench", "--layers", "0"], "--layers must be at least 1, got 0"),
    (
      ["train", "--hidden", "512", "--layers", "8", "--batch", "10000"],
      "--batch must be at most 1536 with --hidden 512 --layers 8, got 10000"
    ),
    // What the argument parser itself refuses.
    (["data", "moons", "--frobnicate"], "Unknown option '--frobnicate'"),
    (["data"], "Missing expected argument '<name>'"),
    (["train", "--steps"], "Missing value for '--steps <steps>'"),
  ]

  @Test(arguments: cases)
  func isOneUsageLine(_ arguments: [String], message: String) throws {
    let folder = try makeTemporaryFolder()
    let result = try runScoreviz(arguments, workingDirectory: folder)
    #expect(result.status == 64, "\(arguments): \(result.standardError)")
    #expect(validationMessage(result.standardError) == message, "\(arguments)")
    #expect(result.standardOutput.isEmpty)
    #expect(try folderContents(folder).isEmpty)
  }

  /// A bandwidth more than 10⁶ times smaller or larger than the data's spread (the larger
  /// sample standard deviation of x and y) is refused once the data are loaded.
  @Test(arguments: [
    (["kde", "--grid", "2x2", "--bandwidth", "1e-20"], "1e-20"),
    (["field", "--source", "kde", "--bandwidth", "1e20"], "1e+20"),
  ])
  func bandwidthFarFromTheDataSpreadIsAUsageError(_ arguments: [String], given: String) throws {
    let result = try runScoreviz(arguments + ["--dataset", "moons", "-n", "100", "--seed", "4"])
    var rng = SeededGenerator(seed: 4)
    let points = BuiltinDataset.moons.generate(count: 100, using: &rng)
    let mean = points.reduce(SIMD2<Double>.zero, +) / 100
    let variance = points.reduce(SIMD2<Double>.zero) { $0 + ($1 - mean) * ($1 - mean) } / 99
    let spread = max(variance.x, variance.y).squareRoot()
    let bounds = [spread, spread / 1e6, spread * 1e6].map { String(format: "%.3g", $0) }
    #expect(result.status == 64)
    #expect(
      validationMessage(result.standardError)
        == "--bandwidth \(given) is out of bounds for moons: h must lie between \(bounds[1]) and \(bounds[2]), 10⁻⁶ to 10⁶ times the data's spread \(bounds[0])"
    )
    #expect(result.standardOutput.isEmpty)
  }

  /// A repeated option is not an error: the last one counts, so that a script can append
  /// an override to its defaults.
  @Test func aRepeatedOptionTakesTheLastValue() throws {
    let result = try runScoreviz(["data", "moons", "-n", "5", "-n", "3"])
    #expect(result.status == 0)
    #expect(result.standardOutput.split(separator: "\n").count == 4)
  }

  /// Help stays whole on stdout with exit 0, while errors are one line.
  @Test func helpIsStillPrintedInFull() throws {
    let result = try runScoreviz(["kde", "--help"])
    #expect(result.status == 0)
    #expect(result.standardOutput.hasPrefix("OVERVIEW: Evaluate the Gaussian KDE"))
    #expect(result.standardOutput.contains("USAGE: scoreviz kde"))
    #expect(result.standardOutput.contains("--bandwidth <bandwidth>"))
    #expect(result.standardError.isEmpty)
  }
}
