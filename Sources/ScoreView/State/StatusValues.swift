// The numbers and words the title and status lines show, all computed elsewhere.

import ScoreCore

/// What the status bar reports about the data, the training, the sampler and the screen.
///
/// Every Double may be non-finite (unknown, or a diverged run): it is then shown as "—"
/// ("-" in ASCII) and a sparkline skips it. Counts below zero show as "—" too.
public struct StatusValues: Sendable, Equatable {
  /// The dataset's name, e.g. "moons".
  public var datasetName: String
  /// The number of data points N.
  public var datasetCount: Int
  /// The training objective's short name, e.g. "DSM", "NCSN", "sliced", "implicit".
  public var objective: String
  /// Completed training epochs.
  public var epoch: Int
  /// The latest training loss.
  public var loss: Double
  /// Recent losses, oldest first; the sparkline shows as many of the newest as fit.
  public var lossHistory: [Double]
  /// Training throughput in samples per second.
  public var samplesPerSecond: Double
  /// The name of a saved model shown without training; when set, the first status line
  /// reads "model M.safetensors (not training)" and the objective in place of the epoch,
  /// loss, sparkline and samples/s. Nil while training.
  public var shownModel: String?
  /// The noise level σ shown.
  public var sigma: Double
  /// σ's place on the ladder, 1-based (1 is the largest σ).
  public var sigmaLevel: Int
  /// The ladder's length L.
  public var sigmaLevelCount: Int
  /// The KDE bandwidth h.
  public var bandwidth: Double
  /// How h was chosen.
  public var bandwidthSource: BandwidthSource
  /// The Langevin step size ε.
  public var langevinStep: Double
  /// The particles' sampler: Langevin (plain or annealed) or one that follows a process.
  public var sampler: SamplerKind
  /// The particles' σ clock, for samplers that follow a process (`sampler.followsProcess`);
  /// nil shows the Langevin reading (ε and the sampler) instead.
  public var clock: SamplerClock?
  /// The fraction of particles memorised (0…1): nearest training point less than ⅓ as far
  /// as the second nearest (MATH.md §7), meaningful when they follow the exact KDE score;
  /// shown as "memorised 87%"; NaN shows "memorised —", nil
  /// hides the reading.
  public var memorisedFraction: Double?
  /// The field error of the learned score against the KDE score.
  public var fieldError: Double
  /// Frames drawn per second.
  public var framesPerSecond: Double
  /// A one-line message for the title row, e.g. "paused"; empty for none.
  public var message: String
  /// Whether `message` reports a problem (drawn in the theme's error colour).
  public var messageIsAlert: Bool

  public init(
    datasetName: String = "", datasetCount: Int = 0, objective: String = "", epoch: Int = 0,
    loss: Double = .nan, lossHistory: [Double] = [], samplesPerSecond: Double = .nan, shownModel: String? = nil,
    sigma: Double = .nan, sigmaLevel: Int = 0, sigmaLevelCount: Int = 0,
    bandwidth: Double = .nan, bandwidthSource: BandwidthSource = .fixed,
    langevinStep: Double = .nan, sampler: SamplerKind = .langevin, clock: SamplerClock? = nil,
    memorisedFraction: Double? = nil, fieldError: Double = .nan, framesPerSecond: Double = .nan, message: String = "",
    messageIsAlert: Bool = false
  ) {
    self.datasetName = datasetName
    self.datasetCount = datasetCount
    self.objective = objective
    self.epoch = epoch
    self.loss = loss
    self.lossHistory = lossHistory
    self.samplesPerSecond = samplesPerSecond
    self.shownModel = shownModel
    self.sigma = sigma
    self.sigmaLevel = sigmaLevel
    self.sigmaLevelCount = sigmaLevelCount
    self.bandwidth = bandwidth
    self.bandwidthSource = bandwidthSource
    self.langevinStep = langevinStep
    self.sampler = sampler
    self.clock = clock
    self.memorisedFraction = memorisedFraction
    self.fieldError = fieldError
    self.framesPerSecond = framesPerSecond
    self.message = message
    self.messageIsAlert = messageIsAlert
  }
}
