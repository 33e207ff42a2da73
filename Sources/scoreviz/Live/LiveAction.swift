// Every key of the live view, with the one line the help overlay and the README show for it.

import ScoreView

/// What a key does in the live view.
enum LiveAction: CaseIterable {
  case quit, help, pause
  case sigmaDown, sigmaUp, bandwidthDown, bandwidthUp, bandwidthRule, lockBandwidth
  case resetNetwork, nextDataset, previousDataset, nextObjective, previousObjective
  case cycleArrows, cycleDensity, togglePoints, toggleArrows, toggleParticles
  case toggleTrails, respawnParticles, nextSampler, previousSampler, switchProcess, turnClock
  case epsilonDown, epsilonUp, nextTheme, switchClickMode, saveNetwork, savePicture

  /// The key, as typed.
  var key: Unicode.Scalar {
    switch self {
    case .quit: "q"
    case .help: "?"
    case .pause: " "
    case .sigmaDown: "s"
    case .sigmaUp: "S"
    case .bandwidthDown: "h"
    case .bandwidthUp: "H"
    case .bandwidthRule: "b"
    case .lockBandwidth: "l"
    case .resetNetwork: "R"
    case .nextDataset: "n"
    case .previousDataset: "N"
    case .nextObjective: "o"
    case .previousObjective: "O"
    case .cycleArrows: "f"
    case .cycleDensity: "d"
    case .togglePoints: "1"
    case .toggleArrows: "2"
    case .toggleParticles: "3"
    case .toggleTrails: "T"
    case .respawnParticles: "r"
    case .nextSampler: "m"
    case .previousSampler: "M"
    case .switchProcess: "v"
    case .turnClock: "F"
    case .epsilonDown: "e"
    case .epsilonUp: "E"
    case .nextTheme: "t"
    case .switchClickMode: "c"
    case .saveNetwork: "w"
    case .savePicture: "p"
    }
  }

  /// One line for the help overlay.
  var summary: String {
    switch self {
    case .quit: "quit"
    case .help: "show or hide this help"
    case .pause: "pause or resume training"
    case .sigmaDown: "σ one level down the ladder (smaller)"
    case .sigmaUp: "σ one level up the ladder (larger)"
    case .bandwidthDown: "KDE bandwidth h ÷ 1.25"
    case .bandwidthUp: "KDE bandwidth h × 1.25"
    case .bandwidthRule: "h back to its rule (Scott)"
    case .lockBandwidth: "lock h = σ (the density the network learns)"
    case .resetNetwork: "reset the network"
    case .nextDataset: "next dataset"
    case .previousDataset: "previous dataset"
    case .nextObjective: "next objective (ncsn dsm ssm ism esm)"
    case .previousObjective: "previous objective"
    case .cycleArrows: "arrows: learned / KDE at h = σ / error"
    case .cycleDensity: "density: KDE / histogram / model p_σ (ODE) / off"
    case .togglePoints: "show or hide the data points"
    case .toggleArrows: "show or hide the arrows"
    case .toggleParticles: "show or hide the particles"
    case .toggleTrails: "show or hide the particles' trails"
    case .respawnParticles: "respawn the particles (a new run of the σ clock)"
    case .nextSampler: "next sampler: annealed, plain, SDE, PC, ODE, Heun"
    case .previousSampler: "previous sampler"
    case .switchProcess: "process VE or VP (SDE, PC, ODE, Heun)"
    case .turnClock: "clock the other way: data → noise, noise → data"
    case .epsilonDown: "Langevin step ε ÷ 2"
    case .epsilonUp: "Langevin step ε × 2"
    case .nextTheme: "next colour theme"
    case .switchClickMode: "mouse click: add a data point / drop particles"
    case .saveNetwork: "save the network: scoreviz-<data>-<time>.safetensors"
    case .savePicture: "save the screen as scoreviz-TIME.svg here"
    }
  }

  /// Whether the action changes training, so does nothing in a view of a model that does not
  /// train (`scoreviz --model M` without `--train`): pause, reset, dataset, objective, and the
  /// click mode (a click can only drop particles there).
  var needsTraining: Bool {
    switch self {
    case .pause, .resetNetwork, .nextDataset, .previousDataset, .nextObjective, .previousObjective,
      .switchClickMode:
      true
    default: false
    }
  }

  /// The action bound to `key`, if any.
  init?(key: Unicode.Scalar) {
    guard let action = LiveAction.allCases.first(where: { $0.key == key }) else { return nil }
    self = action
  }

  /// The help overlay's list, with the space key spelled out.
  static var keyBindings: [KeyBinding] {
    allCases.map { KeyBinding(key: $0.key == " " ? "space" : String($0.key), summary: $0.summary) }
  }
}
