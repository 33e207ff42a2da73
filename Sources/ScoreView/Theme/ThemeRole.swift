// The named colours a theme assigns, one per part of the screen.

/// A part of the screen a theme colours; `rawValue` is its key in the `[colors]` table.
public enum ThemeRole: String, Sendable, Hashable, CaseIterable {
  /// Behind everything ("default" keeps the terminal's own background).
  case background
  /// Ordinary text: labels, values.
  case text
  /// Secondary text: units, hints, inactive items.
  case dimText = "dim_text"
  /// Axis lines, ticks and tick labels.
  case axis
  /// Panel borders and separators.
  case border
  /// Data points (braille dots).
  case points
  /// Langevin particles (braille dots).
  case particles
  /// Arrows of the weakest score magnitude, where only two tones are available.
  case arrowLow = "arrow_low"
  /// Arrows of the strongest score magnitude, where only two tones are available.
  case arrowHigh = "arrow_high"
  /// The status bar's background.
  case statusBackground = "status_background"
  /// The status bar's text.
  case statusText = "status_text"
  /// The help overlay's background.
  case helpBackground = "help_background"
  /// The help overlay's text.
  case helpText = "help_text"
  /// Error messages.
  case error
  /// Highlights: the selected item, the current noise level, key names in the help.
  case accent
}

/// A gradient a theme assigns; `rawValue` is its key in the `[gradients]` table.
public enum ThemeGradient: String, Sendable, Hashable, CaseIterable {
  /// Density, low to high.
  case heatMap = "heat_map"
  /// Score-field arrows, weak to strong.
  case arrowMagnitude = "arrow_magnitude"
  /// Signed error of the learned score against the KDE score, negative to positive.
  case error
}
