// The colour maps scoreviz ships: viridis (sequential) and Moreland's cool-warm (diverging).

extension ColorMap {
  /// matplotlib's viridis, 16 stops: entries 0, 17, 34, … 255 of the 256-entry table in
  /// `lib/matplotlib/_cm_listed.py` (`_viridis_data`), each channel × 255 and rounded.
  ///
  /// Entry 17·k sits at t = 17k/255 = k/15, so the stops are evenly spaced exactly where
  /// matplotlib puts them. Ends: (0.267004, 0.004874, 0.329415) → #440154,
  /// (0.993248, 0.906157, 0.143936) → #FDE725.
  public static let viridis = ColorMap(stops: [
    RGB(0x44, 0x01, 0x54), RGB(0x48, 0x1A, 0x6C), RGB(0x47, 0x2F, 0x7D), RGB(0x41, 0x44, 0x87),
    RGB(0x39, 0x56, 0x8C), RGB(0x31, 0x68, 0x8E), RGB(0x2A, 0x78, 0x8E), RGB(0x23, 0x88, 0x8E),
    RGB(0x1F, 0x98, 0x8B), RGB(0x22, 0xA8, 0x84), RGB(0x35, 0xB7, 0x79), RGB(0x54, 0xC5, 0x68),
    RGB(0x7A, 0xD1, 0x51), RGB(0xA5, 0xDB, 0x36), RGB(0xD2, 0xE2, 0x1B), RGB(0xFD, 0xE7, 0x25),
  ])

  /// Kenneth Moreland's diverging cool-warm map ("Diverging Color Maps for Scientific
  /// Visualization", 2009; matplotlib's `coolwarm`), 9 stops: every fourth row of the
  /// published 33-row table, each channel × 255 and rounded.
  ///
  /// Blue #3B4CC0 at 0, neutral grey #DDDDDD at ½, red #B40426 at 1: for signed errors
  /// centred on zero.
  public static let coolWarm = ColorMap(stops: [
    RGB(59, 76, 192), RGB(98, 130, 234), RGB(141, 176, 254), RGB(184, 208, 249),
    RGB(221, 221, 221), RGB(245, 196, 173), RGB(244, 154, 123), RGB(222, 96, 77),
    RGB(180, 4, 38),
  ])
}
