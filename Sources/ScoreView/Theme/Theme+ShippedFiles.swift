// The shipped theme files' text, built into the binary so that a copied or installed scoreviz has every theme.

extension Theme {
  /// The text of each file in the package's `themes` folder, by theme name: a binary far
  /// from its sources still offers them all (`ThemeLibrary`). The files stay the source a
  /// user copies and edits; a test holds each text here equal to its file.
  public static let shippedFiles: [String: String] = [
    "dark": #"""
    # scoreviz theme "dark": the built-in default written out; edit a copy to make your own.
    # Colours: "#RRGGBB", the grey "#GG", or "default" (the terminal's own colour).
    # Keys left out take the built-in value; unknown keys are skipped with a warning.

    [colors]
    background        = "default"
    text              = "#d0d0d0"
    dim_text          = "#80"
    axis              = "#8a8a8a"
    border            = "#4e4e4e"
    points            = "#ffffff"
    particles         = "#ff8700"
    arrow_low         = "#5f87af"
    arrow_high        = "#ffd700"
    status_background = "#262626"
    status_text       = "#e4e4e4"
    help_background   = "#1c1c1c"
    help_text         = "#eeeeee"
    error             = "#ff5f5f"
    accent            = "#5fd7ff"

    [gradients]
    # Evenly spaced stops, RGB only. heat_map: matplotlib's viridis, 16 stops, at 60 % brightness.
    heat_map = [
      "#290132", "#2b1041", "#2b1c4b", "#272951", "#223454", "#1d3e55", "#194855", "#155255",
      "#135b53", "#14654f", "#206e49", "#32763e", "#497d31", "#638320", "#7e8810", "#988b16",
    ]
    arrow_magnitude = ["#5f87af", "#87af87", "#ffd700"]
    # Moreland's diverging cool-warm: negative error blue, zero grey, positive red.
    error = [
      "#3b4cc0", "#6282ea", "#8db0fe", "#b8d0f9", "#dddddd", "#f5c4ad", "#f49a7b", "#de604d",
      "#b40426",
    ]

    """#,
    "high-contrast": #"""
    # scoreviz theme "high-contrast": white on black, colour-blind-safe accents.
    # Roles use the Okabe–Ito palette (orange #e69f00, sky blue #56b4e9, yellow #f0e442,
    # blue #0072b2, vermillion #d55e00); the density map is viridis, which stays ordered
    # under the common colour-vision deficiencies.

    [colors]
    background        = "#000000"
    text              = "#ffffff"
    dim_text          = "#bcbcbc"
    axis              = "#ffffff"
    border            = "#ffffff"
    points            = "#ffffff"
    particles         = "#e69f00"
    arrow_low         = "#56b4e9"
    arrow_high        = "#f0e442"
    status_background = "#ffffff"
    status_text       = "#000000"
    help_background   = "#000000"
    help_text         = "#ffffff"
    error             = "#d55e00"
    accent            = "#f0e442"

    [gradients]
    heat_map = [
      "#440154", "#481a6c", "#472f7d", "#414487", "#39568c", "#31688e", "#2a788e", "#23888e",
      "#1f988b", "#22a884", "#35b779", "#54c568", "#7ad151", "#a5db36", "#d2e21b", "#fde725",
    ]
    arrow_magnitude = ["#0072b2", "#56b4e9", "#f0e442"]
    # Blue for negative, orange for positive: apart for red–green colour blindness.
    error = ["#0072b2", "#56b4e9", "#dddddd", "#e69f00", "#d55e00"]

    """#,
    "light": #"""
    # scoreviz theme "light": dark ink on a white background.

    [colors]
    background        = "#ffffff"
    text              = "#1c1c1c"
    dim_text          = "#6c6c6c"
    axis              = "#767676"
    border            = "#bcbcbc"
    points            = "#000000"
    particles         = "#d75f00"
    arrow_low         = "#87afd7"
    arrow_high        = "#af0000"
    status_background = "#e4e4e4"
    status_text       = "#1c1c1c"
    help_background   = "#eeeeee"
    help_text         = "#000000"
    error             = "#d70000"
    accent            = "#005fd7"

    [gradients]
    # viridis reversed, so dense regions are dark like ink on paper.
    heat_map = [
      "#fde725", "#d2e21b", "#a5db36", "#7ad151", "#54c568", "#35b779", "#22a884", "#1f988b",
      "#23888e", "#2a788e", "#31688e", "#39568c", "#414487", "#472f7d", "#481a6c", "#440154",
    ]
    arrow_magnitude = ["#87afd7", "#5f5fd7", "#af0000"]
    error = [
      "#3b4cc0", "#6282ea", "#8db0fe", "#b8d0f9", "#dddddd", "#f5c4ad", "#f49a7b", "#de604d",
      "#b40426",
    ]

    """#,
  ]
}
