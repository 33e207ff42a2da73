// The theme scoreviz uses when no theme file is given or found: "dark".

extension Theme {
  /// The default theme, "dark": light text on the terminal's own background, viridis
  /// density dimmed to 60 % (so the points, particles and arrows over it stay readable), a
  /// blue-to-yellow arrow ramp and Moreland's cool-warm error map.
  ///
  /// `themes/dark.toml` writes out exactly this theme (a test holds them equal).
  public static let builtIn = Theme(
    name: "dark",
    colorList: [
      .terminalDefault,  // background
      .rgb(RGB(0xD0, 0xD0, 0xD0)),  // text
      .rgb(RGB(0x80, 0x80, 0x80)),  // dim_text
      .rgb(RGB(0x8A, 0x8A, 0x8A)),  // axis
      .rgb(RGB(0x4E, 0x4E, 0x4E)),  // border
      .rgb(RGB(0xFF, 0xFF, 0xFF)),  // points
      .rgb(RGB(0xFF, 0x87, 0x00)),  // particles
      .rgb(RGB(0x5F, 0x87, 0xAF)),  // arrow_low
      .rgb(RGB(0xFF, 0xD7, 0x00)),  // arrow_high
      .rgb(RGB(0x26, 0x26, 0x26)),  // status_background
      .rgb(RGB(0xE4, 0xE4, 0xE4)),  // status_text
      .rgb(RGB(0x1C, 0x1C, 0x1C)),  // help_background
      .rgb(RGB(0xEE, 0xEE, 0xEE)),  // help_text
      .rgb(RGB(0xFF, 0x5F, 0x5F)),  // error
      .rgb(RGB(0x5F, 0xD7, 0xFF)),  // accent
    ],
    gradientList: [
      ColorMap.viridis.dimmed(by: 0.6),  // heat_map
      ColorMap(stops: [RGB(0x5F, 0x87, 0xAF), RGB(0x87, 0xAF, 0x87), RGB(0xFF, 0xD7, 0x00)]),
      .coolWarm,  // error
    ])
}
