// swift-tools-version: 6.0
// scoreviz: watch score-based generative modelling happen in a terminal.
import PackageDescription

/// Numeric code is compiled for the CPU that builds it: without this a SIMD multiply-add
/// becomes a per-lane library call and the network runs two orders of magnitude slower.
/// scoreviz is built from source, so the binary always runs where it was built.
let nativeCPU: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "native"])]

let package = Package(
  name: "scoreviz",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "scoreviz", targets: ["scoreviz"]),
    .library(name: "ScoreCore", targets: ["ScoreCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .target(name: "ScoreCore", swiftSettings: nativeCPU),
    .target(name: "ScoreEngine", dependencies: ["ScoreCore"], swiftSettings: nativeCPU),
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
      swiftSettings: nativeCPU),
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
