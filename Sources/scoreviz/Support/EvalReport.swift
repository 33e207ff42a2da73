// What `eval --model` reports: per-sampler sample quality, held-out figures and the field error, as JSON or a table.

import ScoreCore

/// The figures of `scoreviz eval --model M --data F`.
struct EvalReport {
  /// One sampler's samples against the data.
  struct SamplerFigures {
    /// Which sampler.
    var kind: SamplerKind
    /// Network evaluations per particle, as the sampler counts them.
    var networkEvaluations: Int
    /// Energy distance to the data, data units.
    var energyDistance: Double
    /// Sliced Wasserstein-2 to the data, data units.
    var slicedWasserstein: Double
    /// The share of samples memorised against the data.
    var memorisedFraction: Double
  }

  /// The model file.
  var model: String
  /// The data's name (file or dataset).
  var data: String
  /// Particles drawn per sampler.
  var particles: Int
  /// The samplers, in the order asked for.
  var samplers: [SamplerFigures]
  /// The memorised share of the held-out points; nil without them.
  var heldOutMemorisedFraction: Double?
  /// −mean log p_{σ_min} of the held-out points under the model, nats per point, data units.
  var heldOutNLL: Double?
  /// −mean log of the KDE of the data at h = σ_min at the held-out points, nats per point, data units.
  var kdeHeldOutNLL: Double?
  /// The field error per level of the ladder.
  var fieldErrors: [(sigma: Float, error: FieldError)]

  /// A number for the table: `NumberText.compact`, a dash when it is missing or not finite.
  static func text(_ value: Double?) -> String {
    value.map { NumberText.compact($0, missing: "-") } ?? "-"
  }

  /// The annealed sampler's figures, reported at the top level; nil when it was not run.
  var annealed: SamplerFigures? { samplers.first { $0.kind == .annealed } }

  /// The one JSON object of `--format json`.
  var json: JSONObject {
    func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
    let samplerObjects = samplers.map { figures in
      JSONValue.object(
        JSONObject([
          ("name", .string(figures.kind.rawValue)), ("nfe", .integer(figures.networkEvaluations)),
          ("energy_distance", .number(figures.energyDistance)), ("sliced_w2", .number(figures.slicedWasserstein)),
          ("memorised_fraction", .number(figures.memorisedFraction)),
        ]))
    }
    let perLevel = fieldErrors.map { entry in
      JSONValue.object(
        JSONObject([
          ("sigma", .float(entry.sigma)),
          ("relative_error", .number(entry.error.relative)),
          ("weighted_rms", .number(entry.error.weightedRMS)),
        ]))
    }
    return JSONObject([
      ("model", .string(model)), ("data", .string(data)), ("particles", .integer(particles)),
      ("energy_distance", number(annealed?.energyDistance)), ("sliced_w2", number(annealed?.slicedWasserstein)),
      ("memorised_fraction", number(annealed?.memorisedFraction)),
      ("held_out_memorised_fraction", number(heldOutMemorisedFraction)),
      ("held_out_nll", number(heldOutNLL)), ("kde_held_out_nll", number(kdeHeldOutNLL)),
      ("samplers", .array(samplerObjects)), ("field_error", .array(perLevel)),
    ])
  }

  /// The text of `--format table`: the samplers, the held-out figures, then the field error.
  var table: String {
    let samplerTable = TextTable(
      header: ["sampler", "NFE", "energy distance", "sliced W2", "memorised"],
      rows: samplers.map { figures in
        [
          figures.kind.rawValue, String(figures.networkEvaluations), Self.text(figures.energyDistance),
          Self.text(figures.slicedWasserstein), Self.text(figures.memorisedFraction),
        ]
      })
    let heldOutTable = TextTable(
      header: ["held out", ""],
      rows: [
        ["memorised", Self.text(heldOutMemorisedFraction)],
        ["NLL, model (nats/point)", Self.text(heldOutNLL)],
        ["NLL, KDE at h = σ_min (nats/point)", Self.text(kdeHeldOutNLL)],
      ])
    let fieldTable = TextTable(
      header: ["σ", "field error", "weighted RMS"],
      rows: fieldErrors.map { entry in
        [Self.text(Double(entry.sigma)), Self.text(entry.error.relative), Self.text(entry.error.weightedRMS)]
      })
    return "\(model) against \(data), \(particles) particles per sampler\n\n" + samplerTable.text + "\n"
      + heldOutTable.text + "\n" + fieldTable.text
  }
}
