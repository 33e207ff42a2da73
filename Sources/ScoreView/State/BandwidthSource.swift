// Where the KDE bandwidth h shown in the status bar comes from.

/// How the KDE bandwidth h was chosen.
public enum BandwidthSource: Sendable, Hashable {
  /// A rule of thumb, named as the status bar shows it (e.g. "Scott").
  case rule(String)
  /// h = σ, the current noise level (the KDE is then the DSM optimum at σ).
  case lockedToSigma
  /// A value the user set.
  case fixed
}
