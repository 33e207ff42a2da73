// Where the package that built this binary lives, for files shipped beside it (themes, bench data).

import Foundation

/// The nearest folder above the running binary that holds a `Package.swift`, or nil for an
/// installed binary far from its sources.
func packageRootOfExecutable() -> String? {
  var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    .deletingLastPathComponent()
  while folder.path != "/" {
    if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
      return folder.path
    }
    folder = folder.deletingLastPathComponent()
  }
  return nil
}
