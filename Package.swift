// swift-tools-version: 6.0
// scoreviz: watch score-based generative modelling happen in a terminal.
import Foundation
import PackageDescription

/// The processor the numeric code is compiled for: `SCOREVIZ_TARGET_CPU` (a `-target-cpu`
/// name such as `haswell` for AVX2 + FMA or `skylake-avx512` for AVX-512), `native` when
/// unset or empty. Without a target a SIMD multiply-add becomes a per-lane library call and
/// the network runs two orders of magnitude slower, so scoreviz is built from source on the
/// machine it runs on (or for a named processor to measure another instruction set).
let targetCPU: String = {
  let value = Context.environment["SCOREVIZ_TARGET_CPU"]?.trimmingCharacters(in: .whitespaces) ?? ""
  return value.isEmpty ? "native" : value
}()

let targetCPUFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", targetCPU])]

let package = Package(
  name: "scoreviz",
  platforms: [.macOS(.v15)],
  products: [.executable(name: "scoreviz", targets: ["scoreviz"])],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .target(name: "ScoreCore", swiftSettings: targetCPUFlags),
    .target(name: "ScoreEngine", dependencies: ["ScoreCore"], swiftSettings: targetCPUFlags),
    .target(name: "ScoreView", dependencies: ["ScoreCore"]),
    .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
    .target(name: "Terminal", dependencies: ["ScoreView", "CNcursesw"]),
    .executableTarget(
      name: "scoreviz",
      dependencies: [
        "ScoreCore",
        "ScoreView",
        "ScoreEngine",
        "Terminal",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: targetCPUFlags),
    .target(name: "ScoreTestSupport", dependencies: ["ScoreCore"], path: "Tests/ScoreTestSupport"),
    .testTarget(
      name: "ScoreCoreTests", dependencies: ["ScoreCore", "ScoreTestSupport"],
      exclude: ["Data/Fixtures"]),
    .testTarget(
      name: "ScorevizTests", dependencies: ["scoreviz", "ScoreCore", "ScoreTestSupport"]),
    .testTarget(name: "ScoreViewTests", dependencies: ["ScoreView", "ScoreTestSupport"]),
    .testTarget(name: "ScoreEngineTests", dependencies: ["ScoreEngine", "ScoreCore", "ScoreTestSupport"]),
    .testTarget(name: "TerminalTests", dependencies: ["Terminal", "ScoreTestSupport"]),
  ]
)
