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

/// The `-target-cpu` names of x86 processors with AVX-512F.
let avx512Processors: Set<String> = [
  "skylake-avx512", "cascadelake", "cooperlake", "cannonlake", "icelake-client", "icelake-server",
  "tigerlake", "rocketlake", "sapphirerapids", "emeraldrapids", "graniterapids", "graniterapids-d",
  "znver4", "znver5", "knl", "knm",
]

/// Whether the target has AVX-512, which picks the matrix kernels' tile shape
/// (`SCOREVIZ_AVX512`, see Sources/ScoreCore/Network/TileRow.swift): for `native` the
/// building machine's /proc/cpuinfo flags, otherwise the processor's name. Without it the
/// kernels take the shape that fits 16 AVX2 or 32 NEON registers.
let targetHasAVX512: Bool = {
  #if arch(x86_64)
    guard targetCPU == "native" else { return avx512Processors.contains(targetCPU) }
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    return cpuinfo.split(separator: "\n").contains { line in
      line.hasPrefix("flags") && line.split(separator: " ").contains("avx512f")
    }
  #else
    return false
  #endif
}()

let numericSettings: [SwiftSetting] = targetCPUFlags + (targetHasAVX512 ? [.define("SCOREVIZ_AVX512")] : [])

let package = Package(
  name: "scoreviz",
  platforms: [.macOS(.v15)],
  products: [.executable(name: "scoreviz", targets: ["scoreviz"])],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(name: "CVectorMemory"),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "ScoreCore", dependencies: ["CVectorMemory", "CZlib"], swiftSettings: numericSettings),
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
    .target(name: "ScoreTestSupport", dependencies: ["ScoreCore", "CZlib"], path: "Tests/ScoreTestSupport"),
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
