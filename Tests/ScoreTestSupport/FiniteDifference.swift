// Central finite differences in Double, the reference every gradient test compares with.

import Foundation

/// The central difference (f(x + δ) − f(x − δ)) / 2δ of `f` along coordinate `index`.
public func centralDifference(
  of f: ([Double]) -> Double, at x: [Double], index: Int, step: Double = 1e-5
) -> Double {
  var plus = x
  var minus = x
  plus[index] += step
  minus[index] -= step
  return (f(plus) - f(minus)) / (2 * step)
}

/// |a − b| ≤ absolute + relative·max(|a|, |b|).
public func isClose(_ a: Double, _ b: Double, relative: Double = 1e-6, absolute: Double = 0) -> Bool {
  abs(a - b) <= absolute + relative * max(abs(a), abs(b))
}

/// The path of a file in the shared benchmark data (`../shared/bench/data` beside the package).
///
/// The package root is found from the calling source file's path: everything before `/Tests/`.
public func sharedDataPath(_ name: String, file: String = #filePath) -> String {
  packageRootPath(file: file) + "/../shared/bench/data/" + name
}

/// The package root: everything before `/Tests/` in the calling source file's path.
public func packageRootPath(file: String = #filePath) -> String {
  file.range(of: "/Tests/", options: .backwards).map { String(file[..<$0.lowerBound]) } ?? "."
}
