// `scoreviz kde`: the Gaussian KDE's density, log-density and exact score at chosen places.

import ArgumentParser
import ScoreCore

struct KDECommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kde",
    abstract: "Evaluate the Gaussian KDE (Parzen window) of a dataset.",
    discussion: """
      Prints x,y,density,log_density,score_x,score_y in data units for every query point.
      The score is ∇log p_h, computed with log-sum-exp, so it is finite and correct far \
      from the data. --at evaluates exactly. --grid evaluates at the cell centres of a tiling \
      of the data's bounding box padded by 3h, to the heat map's accuracy: the density within \
      1e-3 relative, the log-density within 1e-3, the score s within 1e-3·(|s| + 1/h), \
      proven bounds (binned sums where they certify a cell, point-by-point sums with a \
      stated cutoff elsewhere); --exact evaluates every cell exactly instead. A given \
      --bandwidth must lie within 10⁻⁶ to 10⁶ times the data's spread (the larger standard \
      deviation of x and y).
      """)

  @OptionGroup var source: DataSourceOptions

  @Option(
    parsing: .unconditional,
    help: "Kernel standard deviation h in data units (10⁻⁶ to 10⁶ times the data's spread).")
  var bandwidth: Double?

  @Option(help: "Bandwidth rule when no --bandwidth is given: scott or silverman.")
  var rule: String = "scott"

  @Option(help: "A CSV, NPY or NPZ (one array) file of query points.")
  var at: String?

  @Option(
    parsing: .unconditional,
    help: "A COLUMNSxROWS grid over the padded bounding box, e.g. 240x160 (at most 4000000 cells).")
  var grid: GridOption?

  @Flag(help: "With --grid: evaluate every cell exactly (slower on many points).")
  var exact = false

  @OptionGroup var output: TableOutputOptions

  @OptionGroup var random: SeedOption

  func validate() throws {
    try FlagBounds.checkOneStandardInput([(source.data, "--data"), (at, "--at")])
    if let bandwidth { try FlagBounds.check(bandwidth, "--bandwidth", in: FlagBounds.bandwidth) }
    if BandwidthRule(rawValue: rule) == nil {
      throw ValidationError("Unknown rule '\(rule)'; choose scott or silverman")
    }
    if (at == nil) == (grid == nil) {
      throw ValidationError("Give exactly one of --at FILE or --grid COLUMNSxROWS")
    }
    try grid?.check("--grid")
    try FlagBounds.checkFileName(at, "--at")
    if exact && grid == nil {
      throw ValidationError("--exact goes with --grid; --at is always exact")
    }
  }

  func run() throws {
    reportingErrors {
      try checkWritable(output.file)
      let dataset = try source.load(seed: random.seed)
      let rule = BandwidthRule(rawValue: rule)!
      let h = try resolveBandwidth(given: bandwidth, rule: rule, for: dataset)
      let queries: [SIMD2<Double>]
      let results: [KDEEvaluation]
      let kde = GaussianKDE(points: dataset.points, bandwidth: h)
      if let at {
        queries = try PointFileReader.read(
          path: at, minimumCount: 1, coordinateLimit: PointFileReader.largestCoordinate
        ).points
        results = kde.evaluate(at: queries)
      } else {
        let grid = grid!
        let box = PlotBox.bounding(dataset.points, padding: 3 * h)
        queries = box.cellCentres(columns: grid.columns, rows: grid.rows)
        results =
          kde.evaluateGrid(
            over: box, columns: grid.columns, rows: grid.rows, exact: exact
          ).values
      }
      let table = DataTable(
        columnNames: ["x", "y", "density", "log_density", "score_x", "score_y"],
        columns: [
          queries.map { $0.x }, queries.map { $0.y }, results.map(\.density), results.map(\.logDensity),
          results.map { $0.score.x }, results.map { $0.score.y },
        ])
      if let row = table.firstNonFiniteRow {
        throw Failure(
          exitCode: SysExit.data,
          message:
            "\(dataset.name): the KDE with h = \(h) is not finite at (\(queries[row].x), \(queries[row].y)), too far from the data for this bandwidth"
        )
      }
      let header: [(String, JSONValue)] = [
        ("bandwidth", .number(h)),
        ("rule", bandwidth == nil ? .string(rule.rawValue) : .null),
        ("points", .integer(dataset.points.count)),
      ]
      try output.write(table, header: header)
    }
  }
}
