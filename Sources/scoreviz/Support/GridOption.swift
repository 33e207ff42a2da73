// The `COLUMNSxROWS` form of grid options such as `--grid 240x160`.

import ArgumentParser

/// A grid of `columns` × `rows` cells, parsed from `240x160`: the flag as typed, which may be
/// out of range until `check(_:)` (`GridSize` clamps, so it could not report the bad value).
struct GridOption: ExpressibleByArgument, Equatable {
  var columns: Int
  var rows: Int

  /// The most cells a grid may have: each cell is a row of output (about 100 bytes of CSV).
  static let maximumCells = 4_000_000

  init(columns: Int, rows: Int) {
    self.columns = columns
    self.rows = rows
  }

  /// Reads `COLUMNSxROWS` (or `X`); the sizes are checked by `check(_:)`.
  init?(argument: String) {
    let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
    guard parts.count == 2, let columns = Int(parts[0]), let rows = Int(parts[1]) else { return nil }
    self.init(columns: columns, rows: rows)
  }

  /// The default as `--help` shows it, e.g. `60x20`.
  var defaultValueDescription: String { "\(columns)x\(rows)" }

  /// Checks that the grid has at least one cell each way and at most `maximumCells` in all.
  func check(_ flag: String) throws {
    guard columns >= 1, rows >= 1 else {
      throw ValidationError("\(flag) needs at least 1 column and 1 row, got \(columns)x\(rows)")
    }
    let (cells, overflow) = columns.multipliedReportingOverflow(by: rows)
    guard !overflow, cells <= Self.maximumCells else {
      throw ValidationError("\(flag) may have at most \(Self.maximumCells) cells, got \(columns)x\(rows)")
    }
  }
}
