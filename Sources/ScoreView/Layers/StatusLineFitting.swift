// Fitting a status line to the terminal's width without ever cutting a number in half.

/// A piece of a status line: a dim label, then a value, `gap` columns after the previous piece.
struct StatusSegment {
  /// The dim label before the value; empty for none.
  var label: String
  /// The value, in the status text colour unless `valueColor` is set.
  var value: String
  /// The label used when the line does not fit with full labels.
  var shortLabel: String? = nil
  /// The value used when the line does not fit with full labels.
  var shortValue: String? = nil
  var valueColor: CellColor? = nil
  var gap = 2
  /// When even the short forms do not fit, the segments of lowest priority go first.
  var priority: Int
  /// For a value that can be narrowed (the loss sparkline): its text at a given width.
  var narrowed: ((Int) -> String)? = nil
  /// The narrowest the value may become before the segment is dropped instead.
  var minimumWidth = 0

  /// Columns the segment takes after its gap: the label, a space, the value; one column per
  /// Unicode scalar, as `Frame.write` draws them.
  var columns: Int {
    let labelColumns = label.isEmpty ? 0 : label.unicodeScalars.count + 1
    return labelColumns + value.unicodeScalars.count
  }

  /// The segment with its short label and value.
  var shortened: StatusSegment {
    var segment = self
    segment.label = shortLabel ?? label
    segment.value = shortValue ?? value
    return segment
  }
}

/// Chooses what a status line shows in a given number of columns.
enum StatusLineFitting {
  /// Columns `segments` take drawn from column `start`, gaps included.
  static func columns(of segments: [StatusSegment], start: Int) -> Int {
    segments.enumerated().reduce(start) { total, item in
      total + (item.offset > 0 ? item.element.gap : 0) + item.element.columns
    }
  }

  /// The segments to draw from column `start` so that the line ends within `width` columns.
  ///
  /// In order, until the line fits: narrow the narrowable values down to their minimum
  /// width; use every short label and value; drop whole segments, lowest priority first.
  /// A value is shown whole or not at all, so a reading such as "fps 30" never appears as
  /// "fps 3".
  static func fit(_ segments: [StatusSegment], start: Int, width: Int) -> [StatusSegment] {
    var fitted = segments
    func overflow() -> Int { columns(of: fitted, start: start) - width }
    for index in fitted.indices {
      guard overflow() > 0, let narrowed = fitted[index].narrowed else { continue }
      let current = fitted[index].value.unicodeScalars.count
      let target = max(fitted[index].minimumWidth, current - overflow())
      if target < current { fitted[index].value = narrowed(target) }
    }
    if overflow() > 0 { fitted = fitted.map(\.shortened) }
    while overflow() > 0, !fitted.isEmpty {
      let lowest = fitted.indices.min { fitted[$0].priority < fitted[$1].priority }!
      fitted.remove(at: lowest)
    }
    return fitted
  }
}
