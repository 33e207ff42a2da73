// `scoreviz field`: the score field on a grid, from a trained model or from the KDE.

import ArgumentParser
import Foundation
import ScoreCore

struct FieldCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "field",
    abstract: "Print the score field on a grid: learned (--model) or exact KDE (--source kde).",
    discussion: """
      Prints x,y,score_x,score_y,norm in data units at the cell centres of the grid. \
      With --model the box is the model's standardised [−3, 3]² mapped to data units (or \
      the padded bounding box of --data) and --sigma is in the model's standardised units. \
      With --source kde the field is ∇log p_h of --data at bandwidth h in data units, over \
      the data's bounding box padded by 3h (h within 10⁻⁶ to 10⁶ times the data's spread). \
      A field that is not finite somewhere is an error (exit 65), and nothing is written.
      """)

  @Option(help: "Where the field comes from: model or kde.")
  var source: ScoreSource = .model

  @Option(help: "The model file (.safetensors) for --source model.")
  var model: String?

  @Option(parsing: .unconditional, help: "The noise level σ for --source model (standardised units).")
  var sigma: Float?

  @OptionGroup var data: DataSourceOptions

  @OptionGroup var modelSigmas: ModelSigmasOption

  @Option(parsing: .unconditional, help: "The bandwidth h (data units) for --source kde; default Scott's rule.")
  var bandwidth: Double?

  @Option(parsing: .unconditional, help: "A COLUMNSxROWS grid (at most 4000000 cells).")
  var grid = GridOption(columns: 60, rows: 20)

  @OptionGroup var output: TableOutputOptions

  @OptionGroup var random: SeedOption

  func validate() throws {
    switch source {
    case .model:
      guard model != nil else { throw ValidationError("--source model needs --model FILE") }
      guard let sigma, sigma > 0 else {
        throw ValidationError("--source model needs a positive --sigma")
      }
      try FlagBounds.check(sigma, "--sigma", in: NoiseLadder.levelRange)
      if bandwidth != nil { throw ValidationError("--bandwidth goes with --source kde") }
    case .kde:
      guard data.isGiven else { throw ValidationError("--source kde needs --data FILE or --dataset NAME") }
      if model != nil || sigma != nil || modelSigmas.sigmas != nil {
        throw ValidationError("--model, --sigma and --sigmas go with --source model")
      }
      if let bandwidth { try FlagBounds.check(bandwidth, "--bandwidth", in: FlagBounds.bandwidth) }
    }
    try grid.check("--grid")
    try FlagBounds.checkFileName(model, "--model")
  }

  func run() throws {
    reportingErrors {
      try checkWritable(output.file)
      let positions: [SIMD2<Double>]
      var scores: [SIMD2<Double>]
      var header: [(String, JSONValue)] = [("source", .string(source.rawValue))]
      switch source {
      case .model:
        let given = try data.loadIfGiven(seed: random.seed)
        let file = try readModel(path: model!, supplying: ModelMetadataSupply(sigmas: modelSigmas.ladder, data: given))
        let box: PlotBox
        if let points = given?.points {
          box = PlotBox.bounding(points, padding: 3 * max(0, BandwidthRule.scott.bandwidth(for: points)))
        } else {
          let corners = [SIMD2<Double>(-3, -3), SIMD2(3, 3)].map(file.standardization.destandardize)
          box = PlotBox.bounding(corners)
        }
        positions = box.cellCentres(columns: grid.columns, rows: grid.rows)
        scores = modelScores(file, at: positions, noiseLevel: sigma!)
        try requireFiniteScores(scores, at: positions, noiseLevel: sigma!, model: model!)
        header.append(("sigma", .float(sigma!)))
      case .kde:
        let dataset = try data.load(seed: random.seed)
        let points = dataset.points
        let h = try resolveBandwidth(given: bandwidth, rule: .scott, for: dataset)
        let box = PlotBox.bounding(points, padding: 3 * h)
        positions = box.cellCentres(columns: grid.columns, rows: grid.rows)
        scores = GaussianKDE(points: points, bandwidth: h).scores(at: positions)
        if let bad = scores.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite) }) {
          throw Failure(
            exitCode: SysExit.data,
            message:
              "\(dataset.name): the KDE score with h = \(h) is not finite at (\(positions[bad].x), \(positions[bad].y))"
          )
        }
        header.append(("bandwidth", .number(h)))
      }
      let table = DataTable(
        columnNames: ["x", "y", "score_x", "score_y", "norm"],
        columns: [
          positions.map { $0.x }, positions.map { $0.y }, scores.map { $0.x }, scores.map { $0.y },
          // hypot, so that the norm of two finite components cannot overflow.
          scores.map { hypot($0.x, $0.y) },
        ])
      try output.write(table, header: header)
    }
  }
}
