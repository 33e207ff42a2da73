// The `COLUMNSxROWS` form of grid options such as `--grid 240x160`.

import ArgumentParser

/// A grid of `columns` × `rows` cells, parsed from `240x160`.
struct GridOption: ExpressibleByArgument, Equatable {
  var columns: Int
  var rows: Int

  init(columns: Int, rows: Int) {
    self.columns = columns
    self.rows = rows
  }

  init?(argument: String) {
    let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
    guard parts.count == 2, let columns = Int(parts[0]), let rows = Int(parts[1]),
      columns > 0, rows > 0, columns * rows <= 4_000_000
    else { return nil }
    self.init(columns: columns, rows: rows)
  }

  static var defaultValueDescription: String { "COLUMNSxROWS" }
}
